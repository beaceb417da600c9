import Foundation
import Output

/// Which id a batch row lists for each top hit.
public enum BatchHitID: String, Sendable, CaseIterable {
    /// `article_id#paragraph`.
    case passage
    /// The article id (for one-passage articles, such as the benchmark's passages).
    case article
}

/// What a batch row shows, for every query of the file.
public struct BatchOptions: Sendable {
    /// Ids of the best hits listed per query.
    public var top: Int
    /// Facets counted per query (exactly, over every match).
    public var facets: [FacetKind]
    /// Values listed per facet.
    public var facetLimit: Int
    /// The output format.
    public var format: OutputFormat
    /// Which id to list for each hit (passages only: article ranking lists article ids).
    public var hitID: BatchHitID
    /// What is ranked: passages, or articles (each row's hits and total are then articles).
    public var rank: RankUnit = .passages
    /// The weighting, its parameters and the article combination.
    public var ranking: RankingParameters = .standard
    /// Take every query as words only (`--plain`).
    public var plain = false
    /// When the whole batch must be done (`dossier serve`'s per-request limit): each line's
    /// search gets the time left as its limit (`SearchRequest.timeLimit`), and a line reached
    /// after it is not run but answered with an error row, so a long watch list is bounded
    /// like one search and never answers a line with a partial count. nil: no limit (the CLI).
    public var deadline: ContinuousClock.Instant? = nil

    /// Creates options: top 10, the actor facet with 10 values, TSV, passage ids.
    public init(
        top: Int = 10, facets: [FacetKind] = [.actor], facetLimit: Int = 10, format: OutputFormat = .tsv,
        hitID: BatchHitID = .passage
    ) {
        self.top = top
        self.facets = facets
        self.facetLimit = facetLimit
        self.format = format
        self.hitID = hitID
    }
}

/// What a batch run did.
public struct BatchReport: Sendable {
    /// Queries run.
    public var queries = 0
    /// Lines that could not be run (each also reported through `problem`).
    public var failed: [BatchLineError] = []
    /// Milliseconds per query, in file order: building and running the query with its facets
    /// and top ids, the scope the baseline programs time (they parse every query line before
    /// the loop and format rows after the clock stops).
    public var latencies: [Double] = []
    /// When rows were answered without some shards (`SearchEngine.partial`): the latest such
    /// mark; nil when every row is whole.
    public var partial: PartialAnswer?

    /// The median and 95th percentile of `latencies` (as the baseline tools compute them).
    public var medianAndP95: (median: Double, p95: Double) {
        guard !latencies.isEmpty else { return (0, 0) }
        let sorted = latencies.sorted()
        return (sorted[sorted.count / 2], sorted[min(sorted.count - 1, sorted.count * 95 / 100)])
    }
}

/// Runs many queries against one index in one process and writes one row per query:
/// `dossier batch`. Analysts run watch lists of names this way; the benchmark runs its query
/// mix this way, without a process start-up per query.
public struct BatchRunner {
    private let engine: SearchEngine
    private let options: BatchOptions

    /// Creates a runner over `engine`.
    public init(engine: SearchEngine, options: BatchOptions) {
        self.engine = engine
        self.options = options
    }

    /// Runs every query of the batch file at `path` (`-` for standard input) and writes the rows.
    /// A bad line is reported through `problem` (as `file:line: message`) and the rest still run.
    /// - Throws: when the file cannot be read or the output cannot be written; `SearchError`
    ///   when the index itself fails.
    public func run(file path: String, to sink: OutputSink, problem: (BatchLineError) -> Void) throws -> BatchReport {
        let data: Data
        if path == "-" {
            do { data = try SystemIO.readStandardInput() } catch {
                throw SearchError.unreadableInput(path: "standard input", reason: SystemIO.reason(of: error))
            }
        } else {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        }
        let text = String(decoding: data, as: UTF8.self)
        var lines: [Substring] = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return try run(lines: lines.map(String.init), file: path, to: sink, problem: problem)
    }

    /// Runs `lines` (line 1 first) as a batch file named `file`.
    public func run(lines: [String], file: String, to sink: OutputSink, problem: (BatchLineError) -> Void) throws -> BatchReport {
        var report = BatchReport()
        try options.format.check(for: .batchRows)
        if options.format == .csv { try sink.write(csvHeader()) }
        // A line that cannot run is reported and answered with its error row, never skipped.
        // A line that could not be parsed has its number, not an id, in its row.
        func fail(_ failure: BatchLineError, rowID: String?, query: String) throws {
            report.failed.append(failure)
            problem(failure)
            try sink.write(errorRow(id: rowID, line: failure.line, query: query, message: failure.message))
        }
        for (offset, line) in lines.enumerated() {
            let number = offset + 1
            let query: BatchQuery
            do {
                guard let parsed = try BatchFile.parse(line: line, number: number, file: file) else { continue }
                query = parsed
            } catch {
                try fail(error, rowID: nil, query: line)
                continue
            }
            var request = query.request
            request.facets = options.facets
            request.facetLimit = options.facetLimit
            request.limit = options.top
            request.snippets = false
            request.rank = options.rank
            request.ranking = options.ranking
            request.plain = request.plain || options.plain
            if let deadline = options.deadline {
                guard deadline > .now else {
                    try fail(BatchLineError(
                        file: file, line: number, id: query.id,
                        message: "not run: the batch used up its time limit before this line; send fewer lines at a time"),
                        rowID: query.id, query: request.query)
                    continue
                }
                request = request.limited(by: deadline)
            }
            do {
                try request.validate()
                let started = DispatchTime.now().uptimeNanoseconds
                let (results, hits) = try engine.summary(request, top: options.top)
                report.latencies.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
                if let partial = results.partial { report.partial = partial }
                try sink.write(row(query, results, hits: hits))
                report.queries += 1
            } catch let error as SearchError {
                // The index itself failing fails the batch: every later row would fail alike.
                switch error {
                case .store, .shardsUnreachable: throw error
                default: break
                }
                try fail(BatchLineError(file: file, line: number, id: query.id, message: error.description), rowID: query.id, query: request.query)
            }
        }
        return report
    }

    // MARK: - Rows

    private func hitIDs(_ ids: [String]) -> [String] {
        switch options.hitID {
        case .passage: return ids
        case .article: return ids.map { id in id.lastIndex(of: "#").map { String(id[..<$0]) } ?? id }
        }
    }

    private func facetCell(_ facet: FacetResult) -> String {
        facet.values.map { "\($0.id ?? $0.value)=\($0.count)" }.joined(separator: ",")
    }

    private func csvHeader() -> String {
        DelimitedWriter.row(["id", "line", "query", "total", "top_ids"] + options.facets.map(\.rawValue) + ["error"], style: .csv)
    }

    private func row(_ query: BatchQuery, _ results: SearchResults, hits: [RankedID]) throws -> String {
        let ids = options.rank == .articles ? hits.map(\.id) : hitIDs(hits.map(\.id))
        let total = results.articleTotal ?? results.total
        switch options.format {
        case .tsv:
            let cells = [query.id, String(total), ids.joined(separator: ",")] + results.facets.map(facetCell)
            return DelimitedWriter.row(cells, style: .tsv)
        case .csv:
            let cells = [query.id, String(query.line), query.request.query, String(total), ids.joined(separator: ",")]
                + results.facets.map(facetCell) + [""]
            return DelimitedWriter.row(cells, style: .csv)
        case .jsonl, .text, .json, .markdown:  // jsonl: run() refuses the others (ResultKind.batchRows)
            let facets = Dictionary(uniqueKeysWithValues: results.facets.map { facet in
                (facet.kind.rawValue, facet.values.map { JSONFacetValue(value: $0.value, id: $0.id, count: $0.count) })
            })
            let row = JSONRow(
                id: query.id, line: query.line, query: query.request.query, total: total,
                totalExact: results.totalIsExact, hits: ids, scores: hits.map { (($0.score * 1e4).rounded()) / 1e4 },
                passages: results.articleTotal == nil ? nil : results.total, facets: facets,
                anyWordTotal: results.anyWordTotal, partial: results.partial.map(JSONPartial.init), error: nil)
            return try Self.json(row)
        }
    }

    private func errorRow(id: String?, line: Int, query: String, message: String) throws -> String {
        switch options.format {
        case .tsv:
            return DelimitedWriter.row([id ?? String(line), "", ""] + options.facets.map { _ in "" }, style: .tsv)
        case .csv:
            let cells = [id ?? "", String(line), query, "", ""] + options.facets.map { _ in "" } + [message]
            return DelimitedWriter.row(cells, style: .csv)
        case .jsonl, .text, .json, .markdown:  // jsonl: run() refuses the others (ResultKind.batchRows)
            return try Self.json(JSONRow(
                id: id, line: line, query: query, total: nil, totalExact: nil, hits: nil, scores: nil, passages: nil,
                facets: nil, anyWordTotal: nil, partial: nil, error: message))
        }
    }

    private struct JSONFacetValue: Encodable {
        var value: String
        var id: String?
        var count: Int
    }

    /// `PartialAnswer.jsonObject`, encodable.
    private struct JSONPartial: Encodable {
        struct Shard: Encodable {
            var shard: Int
            var name: String
            var reason: String
        }
        var shards: Int
        var missingShards: [Shard]

        init(_ partial: PartialAnswer) {
            shards = partial.shardCount
            missingShards = partial.missingShards.map { Shard(shard: $0.number, name: $0.name, reason: $0.reason) }
        }

        enum CodingKeys: String, CodingKey {
            case shards, missingShards = "missing_shards"
        }
    }

    private struct JSONRow: Encodable {
        /// Every JSON document Dossier writes says which output schema it follows.
        var formatVersion = OutputFormat.version
        var id: String?
        var line: Int
        var query: String
        var total: Int?
        var totalExact: Bool?
        var hits: [String]?
        var scores: [Double]?
        var passages: Int?
        var facets: [String: [JSONFacetValue]]?
        var anyWordTotal: Int?
        var partial: JSONPartial?
        var error: String?

        enum CodingKeys: String, CodingKey {
            case formatVersion = "format_version"
            case id, line, query, total, totalExact = "total_exact", hits, scores, passages, facets
            case anyWordTotal = "any_word_total", partial, error
        }
    }

    private static func json(_ row: JSONRow) throws -> String {
        String(decoding: try JSONStyle.encoder().encode(row), as: UTF8.self) + "\n"
    }
}
