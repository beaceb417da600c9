import XapianStore

/// Highlighted text: plain text and the character ranges that matched the query.
///
/// Xapian returns HTML; `Snippet` holds the unescaped text and the ranges, so each writer
/// renders highlights its own way (bold on a terminal, `**` markers in plain output).
public struct Snippet: Sendable, Equatable {
    /// The text, unescaped.
    public var text: String
    /// Highlighted ranges, as offsets in `text` counted in Characters.
    public var highlights: [Range<Int>]

    /// Creates a snippet.
    public init(text: String, highlights: [Range<Int>]) {
        self.text = text
        self.highlights = highlights
    }

    /// The text with each highlight between `open` and `close`.
    public func marked(open: String, close: String) -> String {
        guard !highlights.isEmpty else { return text }
        // Highlights are in Characters; walking the text's indices once (rather than making an
        // array of its Characters) keeps this cheap, as it runs for every hit written.
        var out = ""
        out.reserveCapacity(text.utf8.count + highlights.count * (open.utf8.count + close.utf8.count))
        var index = text.startIndex
        var position = 0
        func advance(to offset: Int) -> String.Index {
            let start = index
            index = text.index(index, offsetBy: offset - position, limitedBy: text.endIndex) ?? text.endIndex
            position = offset
            return start
        }
        for range in highlights {
            out += text[advance(to: range.lowerBound)..<index]
            out += open
            out += text[advance(to: range.upperBound)..<index]
            out += close
        }
        out += text[index...]
        return out
    }

    /// Parses Xapian's snippet output (HTML-escaped, highlights between `<b>` and `</b>`).
    ///
    /// Every `<` in it is one of those tags (Xapian escapes the text's own as `&lt;`), so the
    /// text between tags is taken a piece at a time, not a Character at a time: this runs for
    /// every hit of every search, and the per-Character walk took a tenth of a busy server's
    /// CPU samples (BENCHMARKS.md, `dossier serve` under load).
    static func fromXapian(_ html: String) -> Snippet {
        var text = ""
        text.reserveCapacity(html.utf8.count)
        var highlights: [Range<Int>] = []
        var count = 0
        var openedAt: Int? = nil
        func append(_ piece: Substring) {
            guard !piece.isEmpty else { return }
            let decoded = piece.utf8.contains(UInt8(ascii: "&")) ? Self.decodingEntities(piece) : String(piece)
            text += decoded
            count += decoded.count
        }
        var rest = Substring(html)
        while let tag = rest.utf8.firstIndex(of: UInt8(ascii: "<")) {
            append(rest[..<tag])
            let after = rest[tag...]
            if after.utf8.starts(with: "<b>".utf8) {
                openedAt = count
                rest = after[after.utf8.index(tag, offsetBy: 3)...]
            } else if after.utf8.starts(with: "</b>".utf8) {
                if let start = openedAt, start < count { highlights.append(start..<count) }
                openedAt = nil
                rest = after[after.utf8.index(tag, offsetBy: 4)...]
            } else {
                append(after[tag..<after.utf8.index(after: tag)])
                rest = after[after.utf8.index(after: tag)...]
            }
        }
        append(rest)
        return Snippet(text: text, highlights: highlights)
    }

    /// `piece` with each entity Xapian writes decoded; an unknown one, or an ampersand with no
    /// semicolon within eight characters, is kept as it is.
    private static func decodingEntities(_ piece: Substring) -> String {
        var out = ""
        var rest = piece
        while let ampersand = rest.firstIndex(of: "&") {
            out += rest[..<ampersand]
            let candidate = rest[ampersand...]
            if let semicolon = candidate.prefix(8).firstIndex(of: ";") {
                let entity = String(candidate[...semicolon])
                out += Self.entities[entity] ?? entity
                rest = candidate[candidate.index(after: semicolon)...]
            } else {
                out += "&"
                rest = candidate.dropFirst()
            }
        }
        return out + rest
    }

    private static let entities: [String: String] = [
        "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&apos;": "'",
    ]
}

/// One ranked passage.
public struct SearchHit: Sendable, Equatable {
    /// 1-based rank in the whole result list.
    public var rank: Int
    /// The relevance score (0 for an empty query, which matches everything equally).
    public var score: Double
    /// The passage's stored record.
    public var record: PassageRecord
    /// The best extract of the passage, with the matching words highlighted.
    public var snippet: Snippet
    /// Neighbouring passages of the same article (`--context N`), in document order.
    public var context: [PassageRecord]
    /// With `--rank articles`: the hit is an article (`rank` and `score` are the article's,
    /// `record` its best passage) and this says which of its passages matched.
    public var article: ArticleMatch? = nil
}

extension SearchHit {
    /// The weight of the hit's passage (`score` is the article's with `--rank articles`).
    public var passageScore: Double { article?.passages.first?.score ?? score }
    /// The matching passages: an article hit's, best first, or a passage hit's own id.
    public var matchedPassageIDs: [String] { article?.passages.map(\.id) ?? [record.passageID] }
}

/// A counted facet value.
public struct FacetValue: Sendable, Equatable, Codable {
    /// The display value (an actor's canonical name, a month `2025-07`, a source).
    public var value: String
    /// The identity it was counted under (an actor slug), when it differs from `value`.
    public var id: String?
    /// For actors: the actor type.
    public var type: String?
    /// Matching passages with this value.
    public var count: Int
}

/// The counts of one facet.
public struct FacetResult: Sendable, Equatable {
    /// Which facet.
    public var kind: FacetKind
    /// Values by descending count, then by value.
    public var values: [FacetValue]
    /// Distinct values before `facetLimit` was applied.
    public var distinctValues: Int
}

/// What a search found: the totals, facets and (the requested page of) hits.
public struct SearchResults: Sendable, Equatable {
    /// The number of matching passages.
    public var total: Int
    /// True when `total` (and every facet count) is exact, not an estimate.
    public var totalIsExact: Bool
    /// The hits on the requested page (empty when streamed with `SearchEngine.stream`).
    public var hits: [SearchHit]
    /// Facet counts over the whole match set.
    public var facets: [FacetResult]
    /// A corrected query when some words are unknown to the index ("did you mean").
    public var suggestion: String?
    /// True when every facet count is exact: the facet counters saw every match.
    public var facetsAreExact: Bool
    /// With `--rank articles`: the number of matching articles (the hits); `total` and the
    /// facets still count passages.
    public var articleTotal: Int? = nil
    /// With `--plain` (AND) and no match: how many passages the same words match with
    /// `--any`, when some do (`PlainQuery` makes the hint).
    public var anyWordTotal: Int? = nil
    /// When shards were left out (`SearchEngine(allowPartial:)`): which; nil for a whole answer.
    public var partial: PartialAnswer? = nil

    /// Creates results.
    public init(
        total: Int, totalIsExact: Bool, hits: [SearchHit], facets: [FacetResult], suggestion: String?,
        facetsAreExact: Bool = true, articleTotal: Int? = nil
    ) {
        self.articleTotal = articleTotal
        self.total = total
        self.totalIsExact = totalIsExact
        self.hits = hits
        self.facets = facets
        self.suggestion = suggestion
        self.facetsAreExact = facetsAreExact
    }
}
