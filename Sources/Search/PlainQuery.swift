import Foundation
import XapianStore

/// A question as typed, read as words only (`--plain`): no operators, no phrases, no field
/// prefixes, no wildcards, and case-folded, so that a pasted ALL-CAPS question stems as a
/// lower-case one does (the index stems only words without a capital, `Docs/index-schema.md`).
///
/// Every character that is neither a letter nor a digit separates words, so `AND`, `"…"`,
/// `title:x`, `long-term`, `+x`, `-x` and `x*` become plain words; a dotted acronym is joined
/// (`U.S.` → `us`, as the indexer's term generator writes it); an apostrophe between letters
/// stays in its word (`kennedy's`), for the query parser to read as it reads any word.
public struct PlainQuery: Sendable, Equatable {
    /// The words, lower-cased, in order.
    public let words: [String]

    /// Reads `text` as words.
    public init(_ text: String) {
        var words: [String] = []
        var current = ""
        let characters = Array(text.lowercased())
        for (index, c) in characters.enumerated() {
            if c.isLetter || c.isNumber {
                current.append(c)
                continue
            }
            let previous = index > 0 ? characters[index - 1] : " "
            let next = index + 1 < characters.count ? characters[index + 1] : " "
            if (c == "'" || c == "\u{2019}") && previous.isLetter && next.isLetter {
                current.append("'")
            } else if c == ".", Self.isSingleLetter(characters, at: index - 1), Self.isSingleLetter(characters, at: index + 1) {
                continue  // U.S.A: the dot joins single letters
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        self.words = words
    }

    /// The words as query text: nothing in it is syntax for the query parser.
    public var text: String { words.joined(separator: " ") }

    /// True when `characters[index]` is a letter standing alone between dots or word edges,
    /// as each letter of `U.S.A.` does (the `d` and `t` of `end.then` do not).
    private static func isSingleLetter(_ characters: [Character], at index: Int) -> Bool {
        func isEdge(_ i: Int) -> Bool {
            i < 0 || i >= characters.count || characters[i] == "." || !(characters[i].isLetter || characters[i].isNumber)
        }
        return index >= 0 && index < characters.count && characters[index].isLetter && isEdge(index - 1) && isEdge(index + 1)
    }
}

/// What every answer of an engine says beside its numbers (`SearchResults`, `CountResults`).
protocol AnswerSummary {
    /// The number of matching passages.
    var total: Int { get }
    /// The `--any` hint's count (`SearchEngine.anyWordTotal`).
    var anyWordTotal: Int? { get set }
    /// The shards left out (`SearchEngine.partial`).
    var partial: PartialAnswer? { get set }
}

extension SearchResults: AnswerSummary {}
extension CountResults: AnswerSummary {}

extension SearchEngine {
    /// Completes an answer's summary: the `--any` hint's count and the partial mark. The one
    /// place an answer is marked partial, before its header is written.
    func summarise(_ answer: inout some AnswerSummary, _ request: SearchRequest) throws {
        answer.anyWordTotal = try anyWordTotal(request, total: answer.total)
        answer.partial = partial
    }

    /// With `--plain` and the default AND: when `total` is 0, the number of passages the same
    /// words match with `--any` (nil when it is 0 too, or the hint does not apply), so the
    /// output can say "no passage has all the words; N have some: use --any".
    func anyWordTotal(_ request: SearchRequest, total: Int) throws -> Int? {
        guard request.plain, !request.matchAny, total == 0, PlainQuery(request.query).words.count > 1 else { return nil }
        var any = request
        any.matchAny = true
        let (query, _) = try buildQuery(any, suggest: false)
        let enquire = try Enquire(database: database, query: query)
        let totals = try enquire.matchSet(first: 0, maximum: 0, checkAtLeast: max(try database.documentCount(), 1)).totals
        return totals.estimated > 0 ? totals.estimated : nil
    }
}
