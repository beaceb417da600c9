import Foundation
import Output

/// Serialises one JSON value in the one JSON style (`JSONStyle`).
func jsonText(_ value: Any) -> String { JSONStyle.text(value) }

/// The object for one hit, restricted to the chosen fields.
func hitObject(_ hit: SearchHit, fields: [ExportField]) -> [String: Any] {
    var object: [String: Any] = [:]
    for field in fields { object[field.rawValue] = field.jsonValue(of: hit, marker: plainMarker) }
    return object
}

/// The facets as `{"actor": [{"value", "type", "count"}], ...}`.
func facetsObject(_ facets: [FacetResult]) -> [String: Any] {
    var object: [String: Any] = [:]
    for facet in facets {
        object[facet.kind.rawValue] = facet.values.map { value -> [String: Any] in
            var entry: [String: Any] = ["value": value.value, "count": value.count]
            if let type = value.type { entry["type"] = type }
            if let id = value.id { entry["id"] = id }
            return entry
        }
    }
    return object
}

/// The request as recorded in provenance: the query and every filter that was set.
func requestObject(_ request: SearchRequest) -> [String: Any] {
    var filters: [String: Any] = [:]
    if !request.actors.isEmpty { filters["actor"] = request.actors }
    if !request.actorTypes.isEmpty { filters["type"] = request.actorTypes.map(\.rawValue) }
    if !request.sources.isEmpty { filters["source"] = request.sources }
    if let v = request.publishedFrom { filters["published_from"] = v }
    if let v = request.publishedTo { filters["published_to"] = v }
    if let v = request.mentionedFrom { filters["mentioned_from"] = v }
    if let v = request.mentionedTo { filters["mentioned_to"] = v }
    if let v = request.perArticle { filters["per_article"] = v }
    return [
        "query": request.query, "match_any": request.matchAny, "plain": request.plain, "rank": request.rank.rawValue,
        "filters": filters, "sort": request.order.rawValue,
        "offset": request.offset, "limit": request.limit.map { $0 as Any } ?? "all",
    ]
}

/// Writes one JSON document: provenance, totals, facets, then the hits array, streamed.
///
/// ```json
/// {"format_version": 1, "generator": "dossier 0.1.0", "generated_at": "...", "index": "...",
///  "request": {...}, "query": "...", "total": 42, "total_exact": true, "facets_exact": true, "suggestion": null,
///  "facets": {...}, "hits": [{...}, ...], "returned": 10}
/// ```
struct JSONDocumentWriter: HitWriter {
    let sink: OutputSink
    let options: ExportOptions
    private let first = FirstFlag()

    init(sink: OutputSink, options: ExportOptions) {
        self.sink = sink
        self.options = options
    }

    func begin(_ results: SearchResults) throws {
        let head: [(String, Any)] = [
            (JSONStyle.versionKey, OutputFormat.version), ("generator", options.generator),
            ("generated_at", options.generatedAt), ("index", options.indexPath),
            ("query", options.request.query), ("request", requestObject(options.request)),
            ("total", results.total), ("total_exact", results.totalIsExact),
            ("facets_exact", results.totalIsExact && results.facetsAreExact),
            ("suggestion", results.suggestion ?? NSNull()), ("facets", facetsObject(results.facets)),
            ("rank", options.request.rank.rawValue), ("article_total", results.articleTotal ?? NSNull()),
            ("facets_count", "passages"), ("any_word_total", results.anyWordTotal ?? NSNull()),
            ("hint", ResultSummary.anyWordHint(results.anyWordTotal) ?? NSNull()),
            ("partial", PartialAnswer.json(results.partial)),
        ]
        try sink.write("{" + head.map { "\(jsonText($0.0)):\(jsonText($0.1))" }.joined(separator: ",") + ",\"hits\":[")
    }

    func write(_ hit: SearchHit) throws {
        try sink.write((first.take() ? "\n" : ",\n") + jsonText(hitObject(hit, fields: options.fields)))
    }

    func finish(_ results: SearchResults, written: Int) throws {
        try sink.write("\n],\"returned\":\(written)}\n")
    }
}

/// Writes one JSON object per hit per line (JSON Lines), nothing else: every line is a hit,
/// so `jq`, pandas and `wc -l` work directly. Totals and facets are in the JSON format. In a
/// partial answer (`SearchResults.partial`) every line also carries `partial`, as there is no
/// header line to say it once.
struct JSONLinesWriter: HitWriter {
    let sink: OutputSink
    let options: ExportOptions
    private let partial = PartialBox()

    init(sink: OutputSink, options: ExportOptions) {
        self.sink = sink
        self.options = options
    }

    func begin(_ results: SearchResults) throws { partial.value = results.partial }

    func write(_ hit: SearchHit) throws {
        var object = hitObject(hit, fields: options.fields)
        if let partial = partial.value { object["partial"] = partial.jsonObject }
        try sink.write(jsonText(object) + "\n")
    }

    func finish(_ results: SearchResults, written: Int) throws {}
}

/// The partial mark of the answer being written (writers are value types; it lives here).
final class PartialBox {
    var value: PartialAnswer?
}

/// A flag that is true exactly once (writers are value types; the state lives here).
final class FirstFlag {
    private var isFirst = true
    /// True on the first call only.
    func take() -> Bool {
        defer { isFirst = false }
        return isFirst
    }
}
