import XapianStore

/// What `dossier count` found: the number of matching passages and, by one or two
/// dimensions, a table or a matrix of exact counts.
public struct CountResults: Sendable, Equatable {
    /// The dimensions counted by (none, one or two), in the order asked.
    public var dimensions: [FacetKind]
    /// The number of matching passages.
    public var total: Int
    /// True when `total` is exact.
    public var totalIsExact: Bool
    /// True when every count saw every match (always, since Dossier examines every match).
    public var countsAreExact: Bool
    /// With one or two dimensions: the values of the first (the rows), each with the number of
    /// matching passages holding it.
    public var rows: [FacetValue]
    /// Distinct values of the first dimension before the limit.
    public var distinctRows: Int
    /// With two dimensions: the values of the second (the columns), with their own totals.
    public var columns: [FacetValue]
    /// Distinct values of the second dimension before the limit.
    public var distinctColumns: Int
    /// With two dimensions: `cells[r][c]` is the number of matching passages holding both
    /// `rows[r]` and `columns[c]`. A passage with several values (actors, mentioned months)
    /// counts in several cells, so a row's cells need not add up to the row's count.
    public var cells: [[Int]]
    /// With `--rank articles`: the number of matching articles (`total` stays passages).
    public var articleTotal: Int? = nil
    /// With `--plain` and no match: the passages the same words match with `--any`.
    public var anyWordTotal: Int? = nil
    /// When shards were left out (`SearchEngine(allowPartial:)`): which; nil for a whole answer.
    public var partial: PartialAnswer? = nil
}

extension SearchEngine {
    /// Counts the passages matching `request`'s query and filters, exactly, optionally by one
    /// dimension (a table) or two (a matrix: rows by the first, columns by the second).
    ///
    /// One pass over every match: a facet counter per dimension and, for two, a pair counter
    /// reading both value slots of each match (the shim's `PairCountSpy`). Over remote shards,
    /// whose stock `xapian-tcpsrv` runs no custom spy, the cells come from one more exact count
    /// per value of the shorter side instead (`cellsByNarrowing`).
    /// - Parameters:
    ///   - dimensions: at most two; the same dimension twice gives a co-occurrence matrix.
    ///   - limit: keep the `limit` most frequent values of each dimension (nil: all). Date
    ///     dimensions are then listed in time order, others by descending count.
    /// - Throws: `SearchError.invalidFilter` for more than two dimensions; query and filter
    ///   errors as `search` does.
    public func count(_ request: SearchRequest, by dimensions: [FacetKind] = [], limit: Int? = nil) throws(SearchError) -> CountResults {
        try count(request, by: dimensions, limits: dimensions.map { _ in limit })
    }

    /// `count(_:by:limit:)` with a limit of its own for each dimension (`limits[i]` for
    /// `dimensions[i]`; missing ones are nil, all values): the server's heat map asks for the
    /// busiest actors by every month.
    public func count(_ request: SearchRequest, by dimensions: [FacetKind], limits: [Int?]) throws(SearchError) -> CountResults {
        if request.rank == .articles && !dimensions.isEmpty {
            throw .invalidFilter(
                option: "--rank articles", value: dimensions.map(\.rawValue).joined(separator: ","),
                message: "--by counts passages; count articles without --by, or drop --rank articles")
        }
        guard dimensions.count <= 2 else {
            throw .invalidFilter(
                option: "--by", value: dimensions.map(\.rawValue).joined(separator: ","), message: "count by one or two dimensions")
        }
        return try reopeningOnce(query: request.query, canRetry: { true }) {
            try runCount(request, dimensions: dimensions, limits: limits)
        }
    }

    /// The number of distinct articles `query` matches: Xapian collapses the match set to one
    /// passage per article, and examining every document makes the count exact.
    private func articleCount(_ query: Query) throws -> Int {
        let enquire = try Enquire(database: database, query: query)
        try enquire.collapse(on: .article, maximum: 1)
        return try enquire.matchSet(first: 0, maximum: 0, checkAtLeast: max(try database.documentCount(), 1)).totals.estimated
    }

    private func runCount(_ request: SearchRequest, dimensions: [FacetKind], limits: [Int?]) throws -> CountResults {
        let (query, _) = try buildQuery(request, suggest: false)
        let enquire = try Enquire(database: database, query: query)
        try limitTime(of: enquire, request)
        let counters = try dimensions.map { try enquire.addFacet(slot: $0.slot) }
        let pairs = dimensions.count == 2 && !database.reachesRemoteShards
            ? try enquire.addPairFacet(dimensions[0].slot, dimensions[1].slot) : nil
        // No hits are wanted; examining every document makes the total and the counts exact.
        let page = try firstMatch(enquire, request, first: 0, maximum: 0, checkAtLeast: max(try database.documentCount(), 1))
        let totals = page.totals
        var result = CountResults(
            dimensions: dimensions, total: totals.estimated, totalIsExact: totals.lowerBound == totals.upperBound,
            countsAreExact: counters.allSatisfy { $0.documentsExamined == totals.upperBound }
                && (pairs.map { $0.documentsExamined == totals.upperBound } ?? true),
            rows: [], distinctRows: 0, columns: [], distinctColumns: 0, cells: [])
        result.countsAreExact = result.countsAreExact && result.totalIsExact
        try summarise(&result, request)
        if request.rank == .articles { result.articleTotal = try articleCount(query) }
        guard let first = dimensions.first else { return result }

        func values(_ kind: FacetKind, _ counter: FacetCounter, limit: Int?) throws -> ([FacetValue], [String], Int) {
            var list: [(value: FacetValue, raw: String)] = []
            for (raw, count) in try counter.counts() {
                if let value = try facetValue(kind, raw: raw, count: count) { list.append((value, raw)) }
            }
            list.sort { Self.byCount($0.value, $1.value) }
            let distinct = list.count
            if let limit { list = Array(list.prefix(limit)) }
            if kind.isChronological { list.sort { $0.raw < $1.raw } }
            return (list.map(\.value), list.map(\.raw), distinct)
        }
        let (rows, rowKeys, distinctRows) = try values(first, counters[0], limit: limits.first ?? nil)
        result.rows = rows
        result.distinctRows = distinctRows
        guard dimensions.count == 2 else { return result }
        let (columns, columnKeys, distinctColumns) = try values(dimensions[1], counters[1], limit: limits.count > 1 ? limits[1] : nil)
        result.columns = columns
        result.distinctColumns = distinctColumns
        guard let pairs else {
            result.cells = try cellsByNarrowing(request, query: query, dimensions: dimensions, rowKeys: rowKeys, columnKeys: columnKeys)
            return result
        }
        let counts = try pairs.counts()
        result.cells = rowKeys.map { row in
            columnKeys.map { column in counts[PairCounter.Pair(first: row, second: column)] ?? 0 }
        }
        return result
    }

    /// The cells of a two-dimension count made of stock match spies only, for remote shards
    /// (a stock `xapian-tcpsrv` cannot run the pair counter): for each value of the side with
    /// fewer values, the matches narrowed to it (`narrowing(to:of:)`, the filter its facet count
    /// equals) counted by the other dimension's `ValueCountMatchSpy`. Each count examines every
    /// match, so the cells are exact; it costs one search per value of the shorter side.
    private func cellsByNarrowing(
        _ request: SearchRequest, query: Query, dimensions: [FacetKind], rowKeys: [String], columnKeys: [String]
    ) throws -> [[Int]] {
        let byRows = rowKeys.count <= columnKeys.count
        let (outerKind, outerKeys, innerKind, innerKeys) = byRows
            ? (dimensions[0], rowKeys, dimensions[1], columnKeys) : (dimensions[1], columnKeys, dimensions[0], rowKeys)
        var table: [[Int]] = []
        for key in outerKeys {
            let enquire = try Enquire(database: database, query: try Query.combine(.filter, query, try narrowing(to: key, of: outerKind)))
            try limitTime(of: enquire, request)
            let counter = try enquire.addFacet(slot: innerKind.slot)
            _ = try firstMatch(enquire, request, first: 0, maximum: 0, checkAtLeast: max(try database.documentCount(), 1))
            let counts = try counter.counts()
            table.append(innerKeys.map { counts[$0] ?? 0 })
        }
        guard !byRows else { return table }
        return rowKeys.indices.map { row in outerKeys.indices.map { column in table[column][row] } }
    }

    /// The filter that keeps the passages holding the stored facet value `raw` of `kind`: the
    /// term an actor, type, source or mentioned date is indexed by, or the publication date
    /// range of a month or year, so that narrowing to a value finds exactly the passages its
    /// facet count counts.
    func narrowing(to raw: String, of kind: FacetKind) throws -> Query {
        switch kind {
        case .actor, .person, .organization, .country, .location, .group:
            return try Query.term(IndexSchema.term(IndexSchema.actor, raw))
        case .type: return try Query.term(IndexSchema.term(IndexSchema.actorType, raw))
        case .source: return try Query.term(IndexSchema.term(IndexSchema.source, raw))
        case .mentionedMonth, .mentionedYear: return try Query.term(IndexSchema.term(IndexSchema.mentioned, raw))
        case .publishedMonth:
            let month = raw.count == 6 ? "\(raw.prefix(4))-\(raw.suffix(2))" : raw
            return try rangeFilter(field: "published", option: "--by published-month", month, month)
        case .publishedYear:
            return try rangeFilter(field: "published", option: "--by published-year", raw, raw)
        }
    }
}
