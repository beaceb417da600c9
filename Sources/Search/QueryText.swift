import Foundation
import XapianStore

/// The query as typed, cut into the pieces the query language gives meaning to before
/// Xapian's parser sees it: the filters that apply to the whole query, and the words.
///
/// Why lift filters out: Xapian's parser attaches a filter to the words next to it, so
/// `extradition OR deportation actor:Rana` meant `extradition OR (deportation actor:Rana)` and
/// moving the filter to the front changed the answer. A filter written outside brackets, and
/// not itself one side of `AND`, `OR`, `NOT` or `XOR`, applies to the whole query, exactly as
/// the option of the same name (`--actor`, `--from`/`--to`, ...). Inside brackets, or as one
/// side of `OR` or `XOR` (`ceasefire OR actor:India`), it keeps the meaning the operators give it.
struct QueryText {
    /// A filter lifted out of the query: `actor:LeT`, `-source:Dawn`, `published:2025..`.
    struct Filter: Equatable {
        /// The filter as typed, without its leading `-` or `+`.
        var text: String
        /// True for `-field:value`: passages matching it are left out.
        var excludes: Bool
    }

    /// The query without its lifted filters (single spaces where they were).
    var words: String
    /// The lifted filters, in the order typed.
    var filters: [Filter]

    /// Operators of the query language (Xapian's, upper case only).
    static let operators: Set<String> = ActorNameKeys.operators

    /// A run of the query between whitespace (whitespace inside quotes does not end it).
    struct Chunk {
        var text: Substring
        /// Bracket depth before the chunk.
        var depth: Int
        /// True when the chunk holds a bracket outside quotes.
        var hasBracket: Bool
        /// True when the chunk starts inside a quoted phrase opened by an earlier chunk.
        var startsQuoted: Bool
    }

    /// Splits `query`, lifting the filters on `filterFields` that apply to the whole query.
    ///
    /// A filter joined to the rest by `AND` or `NOT` is lifted with its operator (`x AND f`,
    /// `f AND x`: f narrows; `x NOT f`, `x AND NOT f`: f excludes; `f NOT x`: f narrows, `NOT x`
    /// stays). Next to `OR`, `XOR`, `NEAR` or `ADJ` it is an alternative (or an error) and stays.
    init(_ query: String, filterFields: Set<String>) {
        let chunks = Self.chunks(of: query)
        var kept: [Substring] = []
        var lifted: [Filter] = []
        var skipNext = false
        for (index, chunk) in chunks.enumerated() {
            if skipNext { skipNext = false; continue }
            let before = index > 0 ? Self.operatorName(chunks[index - 1].text) : nil
            let after = index + 1 < chunks.count ? Self.operatorName(chunks[index + 1].text) : nil
            let alternative = [before, after].contains { $0 != nil && $0 != "AND" && $0 != "NOT" }
            guard chunk.depth == 0, !chunk.hasBracket, !chunk.startsQuoted, !alternative,
                  var filter = Self.filter(chunk.text, fields: filterFields) else {
                kept.append(chunk.text)
                continue
            }
            if before != nil, let last = kept.last, Self.operatorName(last) == before {
                // The operator joining the filter to what comes before goes with it.
                kept.removeLast()
                if before == "NOT" {
                    filter.excludes.toggle()
                    if let and = kept.last, Self.operatorName(and) == "AND" { kept.removeLast() }
                }
            } else if after == "AND" {
                skipNext = true
            }
            lifted.append(filter)
        }
        words = kept.joined(separator: " ")
        filters = lifted
    }

    /// The operator a chunk is (`NEAR/3` is NEAR), or nil.
    static func operatorName(_ chunk: Substring) -> String? {
        let word = chunk.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
        return operators.contains(word) ? word : nil
    }

    /// True for `AND`, `OR`, `NOT`, `XOR`, `NEAR`, `ADJ` and `NEAR/3`-style operators.
    static func isOperator(_ chunk: Substring) -> Bool { operatorName(chunk) != nil }

    /// `chunk` as a filter on one of `fields` (`actor:x`, `-source:"The Hindu"`), else nil.
    static func filter(_ chunk: Substring, fields: Set<String>) -> Filter? {
        var body = chunk
        var excludes = false
        if let sign = body.first, sign == "-" || sign == "+" {
            excludes = sign == "-"
            body = body.dropFirst()
        }
        guard let colon = body.firstIndex(of: ":"), fields.contains(String(body[..<colon])),
              body.index(after: colon) < body.endIndex else { return nil }
        return Filter(text: String(body), excludes: excludes)
    }

    /// The chunks of `query`, with the bracket depth before each (outside quotes).
    static func chunks(of query: String) -> [Chunk] {
        var result: [Chunk] = []
        var depth = 0
        var inQuote = false
        var index = query.startIndex
        while index < query.endIndex {
            if query[index].isWhitespace && !inQuote { index = query.index(after: index); continue }
            let start = index
            let startDepth = depth
            let startsQuoted = inQuote
            var bracket = false
            while index < query.endIndex, inQuote || !query[index].isWhitespace {
                let c = query[index]
                if Self.isDoubleQuote(c) {
                    inQuote.toggle()
                } else if !inQuote && (c == "(" || c == ")") {
                    bracket = true
                    depth = max(0, depth + (c == "(" ? 1 : -1))
                }
                index = query.index(after: index)
            }
            result.append(Chunk(text: query[start..<index], depth: startDepth, hasBracket: bracket, startsQuoted: startsQuoted))
        }
        return result
    }

    /// The double quotes Xapian's parser treats as one (ASCII and curly).
    static func isDoubleQuote(_ c: Character) -> Bool { c == "\"" || c == "\u{201C}" || c == "\u{201D}" }

    /// `words` with every word outside quotes, filters and operators in lower case, so that
    /// Xapian stems it: its parser leaves capitalised words unstemmed (`Texaco` would miss
    /// "Texaco's", which `texaco` finds). Dotted acronyms (`U.S.`) keep their case, which
    /// Xapian's acronym rule needs; inside quotes case never matters (phrases are unstemmed).
    /// Fields other than `freeTextFields` (`actor:`...) are left as typed.
    static func foldingCase(_ words: String, freeTextFields: Set<String>) -> String {
        var out = ""
        var inQuote = false
        for chunk in chunksKeepingSpace(words) {
            let quotedBefore = inQuote
            for c in chunk where isDoubleQuote(c) { inQuote.toggle() }
            let core = chunk.drop { "+-(".contains($0) }
            var fold = !quotedBefore && !core.contains(where: isDoubleQuote) && !core.contains(".")
            if let colon = core.firstIndex(of: ":") { fold = fold && freeTextFields.contains(String(core[..<colon])) }
            out += fold ? loweringWords(chunk) : String(chunk)
        }
        return out
    }

    /// `chunk` with each run of letters and digits lowered, except the operators (`NOT`).
    private static func loweringWords(_ chunk: Substring) -> String {
        var out = ""
        var run = ""
        func flush() {
            out += operators.contains(run) ? run : run.lowercased()
            run = ""
        }
        for c in chunk {
            if c.isLetter || c.isNumber { run.append(c) } else { flush(); out.append(c) }
        }
        flush()
        return out
    }

    /// `text` cut after each run of whitespace, so that joining the pieces gives it back.
    private static func chunksKeepingSpace(_ text: String) -> [Substring] {
        var pieces: [Substring] = []
        var start = text.startIndex
        var index = start
        while index < text.endIndex {
            if text[index].isWhitespace {
                var end = index
                while end < text.endIndex, text[end].isWhitespace { end = text.index(after: end) }
                pieces.append(text[start..<end])
                start = end
                index = end
            } else {
                index = text.index(after: index)
            }
        }
        if start < text.endIndex { pieces.append(text[start...]) }
        return pieces
    }
}
