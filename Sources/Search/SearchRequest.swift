import NewsModel

/// Everything a search needs to know: the query, filters, order, page and facets.
///
/// Filters combine with the query as Xapian filter queries (they restrict, they do not rank).
public struct SearchRequest: Sendable, Equatable {
    /// The result order.
    public enum Order: String, Sendable, CaseIterable {
        /// Relevance (the weighting's score), best first.
        case relevance
        /// Newest publication date first.
        case newest
        /// Oldest publication date first.
        case oldest
    }

    /// The query in Dossier's query language; empty matches every passage.
    public var query: String
    /// Make the default operator OR instead of AND (`--any`): long natural-language questions.
    public var matchAny: Bool
    /// Actors that must all be in the passage (names, aliases or unambiguous surnames).
    public var actors: [String]
    /// Actor types of which at least one must be present in the passage (from text through
    /// `ActorType.parse(_:option:)`, the one check every front end uses).
    public var actorTypes: [ActorType]
    /// Sources, any of which the passage's article must come from.
    public var sources: [String]
    /// Publication date range (`YYYY`, `YYYY-MM` or `YYYY-MM-DD` at either end; nil = open).
    public var publishedFrom: String?
    /// See `publishedFrom`.
    public var publishedTo: String?
    /// Range of dates mentioned in the passage.
    public var mentionedFrom: String?
    /// See `mentionedFrom`.
    public var mentionedTo: String?
    /// The result order.
    public var order: Order
    /// Keep at most this many passages per article (nil: no limit); with `rank == .articles`,
    /// the best passages shown with each article (nil: one).
    public var perArticle: Int?
    /// Ranks to skip.
    public var offset: Int
    /// Hits wanted (nil: every hit).
    public var limit: Int?
    /// Facets to count over the whole match set.
    public var facets: [FacetKind]
    /// Values per facet to report (nil: all).
    public var facetLimit: Int?
    /// The snippet length in bytes (Xapian's unit).
    public var snippetLength: Int
    /// Neighbouring paragraphs to attach to each hit, on each side.
    public var context: Int
    /// Make a snippet for each hit (default true). Exports whose fields do not show it turn
    /// it off: a snippet costs a pass over the passage text per hit.
    public var snippets: Bool = true
    /// Read each hit's stored record (default true). Exports whose fields are all ids and
    /// scores turn it off (`ExportPlan`): their hits then carry a record holding only the
    /// passage id, article id and paragraph, read from value slots as `batch` reads them,
    /// since decoding a record costs more than the rest of a short search. Passage ranking
    /// only; `--rank articles` always reads its best passages.
    public var records: Bool = true
    /// What is ranked: passages (default) or articles (`--rank articles`).
    public var rank: RankUnit = .passages
    /// The weighting, its parameters and how article scores combine passages.
    public var ranking: RankingParameters = .standard
    /// Take the query as words only (`--plain`, see `PlainQuery`).
    public var plain: Bool = false
    /// Seconds the first, exhaustive match may take (exact totals and facets); past it the
    /// match is stopped and the search throws `SearchError.timedOut` rather than answer with
    /// partial counts. Later pages of an export are not limited. nil: no limit (the CLI).
    /// `dossier serve` sets its per-request time limit here.
    public var timeLimit: Double? = nil

    /// This request with the time left until `deadline` as its `timeLimit` (at least 1 ms, so
    /// a request at its deadline is still cut, not unlimited).
    public func limited(by deadline: ContinuousClock.Instant) -> SearchRequest {
        var request = self
        let left = deadline - .now
        request.timeLimit = max(0.001, Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18)
        return request
    }

    /// Creates a request; every parameter has the CLI's default.
    public init(
        query: String = "", matchAny: Bool = false, actors: [String] = [], actorTypes: [ActorType] = [],
        sources: [String] = [], publishedFrom: String? = nil, publishedTo: String? = nil,
        mentionedFrom: String? = nil, mentionedTo: String? = nil, order: Order = .relevance,
        perArticle: Int? = nil, offset: Int = 0, limit: Int? = 10, facets: [FacetKind] = [],
        facetLimit: Int? = 10, snippetLength: Int = 240, context: Int = 0
    ) {
        self.query = query
        self.matchAny = matchAny
        self.actors = actors
        self.actorTypes = actorTypes
        self.sources = sources
        self.publishedFrom = publishedFrom
        self.publishedTo = publishedTo
        self.mentionedFrom = mentionedFrom
        self.mentionedTo = mentionedTo
        self.order = order
        self.perArticle = perArticle
        self.offset = offset
        self.limit = limit
        self.facets = facets
        self.facetLimit = facetLimit
        self.snippetLength = snippetLength
        self.context = context
    }
}

extension ActorType {
    /// The actor types a `type` filter takes, in declaration order.
    public static var names: [String] { allCases.map(\.rawValue) }

    /// The type `value` names (any case): the one check of a `--type` value, whether it comes
    /// from the CLI, a batch line or an HTTP parameter, so all three get the same message.
    /// - Parameter option: the option named in the error (the CLI's spelling).
    /// - Throws: `SearchError.invalidFilter` listing the types.
    public static func parse(_ value: String, option: String = "--type") throws(SearchError) -> ActorType {
        if let type = ActorType(rawValue: value.lowercased()) { return type }
        throw .invalidFilter(option: option, value: value, message: "use one of \(names.joined(separator: ", "))")
    }
}

extension SearchRequest {
    /// Checks the values no search could run with, before any is run, so that every front end
    /// (the CLI's options, a batch line, an HTTP query) rejects them with the same message.
    /// Option names are the CLI's (`--type`); the HTTP API names its parameters after them.
    /// - Throws: `SearchError.invalidFilter` naming the option, the value and what to use.
    public func validate() throws(SearchError) {
        if offset < 0 { throw .invalidFilter(option: "--offset", value: String(offset), message: "must be 0 or more") }
        if let perArticle, perArticle < 1 {
            throw .invalidFilter(option: "--per-article", value: String(perArticle), message: "must be at least 1")
        }
        if context < 0 { throw .invalidFilter(option: "--context", value: String(context), message: "must be 0 or more") }
        if let facetLimit, facetLimit < 1 {
            throw .invalidFilter(option: "--facet-limit", value: String(facetLimit), message: "must be at least 1")
        }
        if let limit, limit < 0 {
            throw .invalidFilter(option: "--limit", value: String(limit), message: "must be a positive number (0 for totals only) or 'all'")
        }
    }
}
