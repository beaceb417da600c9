import Foundation
import Output

extension OutputFormat {
    /// The writer of search hits for this format (every format writes hits: `ResultKind.hits`).
    public func makeWriter(sink: OutputSink, options: ExportOptions) -> any HitWriter {
        switch self {
        case .text: return TextWriter(sink: sink, options: options)
        case .json: return JSONDocumentWriter(sink: sink, options: options)
        case .jsonl: return JSONLinesWriter(sink: sink, options: options)
        case .csv: return DelimitedWriter(sink: sink, options: options, style: .csv)
        case .tsv: return DelimitedWriter(sink: sink, options: options, style: .tsv)
        case .markdown: return MarkdownWriter(sink: sink, options: options)
        }
    }
}

/// What every writer needs besides the hits.
public struct ExportOptions: Sendable {
    /// The columns / keys, in order.
    public var fields: [ExportField]
    /// The request, recorded in the provenance of structured output.
    public var request: SearchRequest
    /// The index path, recorded in the provenance.
    public var indexPath: String
    /// The program name and version, e.g. `dossier 0.1.0`.
    public var generator: String
    /// The time of the search, ISO 8601.
    public var generatedAt: String
    /// Use ANSI styling (bold highlights, dim metadata): only on a terminal, never with NO_COLOR.
    public var styled: Bool

    /// Creates options.
    public init(fields: [ExportField], request: SearchRequest, indexPath: String, generator: String, generatedAt: String, styled: Bool) {
        self.fields = fields
        self.request = request
        self.indexPath = indexPath
        self.generator = generator
        self.generatedAt = generatedAt
        self.styled = styled
    }
}

/// Writes search results in one format, hit by hit.
///
/// The engine calls `begin` with totals and facets, `write` for each hit in rank order, then
/// `finish`. Writers hold no hits, so exports of any size run in constant memory.
public protocol HitWriter {
    /// Writes what comes before the hits.
    func begin(_ results: SearchResults) throws
    /// Writes one hit.
    func write(_ hit: SearchHit) throws
    /// Writes what comes after the hits; `written` is the number of hits written.
    func finish(_ results: SearchResults, written: Int) throws
}

/// The request and the columns of one export, with the rules every front end shares (the
/// CLI's `search`, the server's `/api/search` and `/api/export`):
/// - without chosen fields, a request with context (`--context N`) adds the `context` column,
///   so structured output carries the neighbours it asked for;
/// - snippets are made only when the output shows them (text always does; the others only
///   with the `snippet` field), since a snippet costs a pass over each hit's text;
/// - records are read only when a column needs one (`ExportField.readsRecord`), in the formats
///   that write nothing but their columns (text and Markdown lay out whole hits).
public struct ExportPlan: Sendable {
    /// The request to run (its `snippets` set by the rule above).
    public var request: SearchRequest
    /// The columns / keys, in order.
    public var fields: [ExportField]

    /// Plans `request` for `format` with the chosen `fields` (nil: the defaults).
    public init(request: SearchRequest, format: OutputFormat, fields chosen: [ExportField]?) {
        var fields = chosen ?? (request.rank == .articles ? ExportField.articleDefaults : ExportField.defaults)
        if chosen == nil && request.context > 0 && !fields.contains(.context) { fields.append(.context) }
        var request = request
        if format != .text && !fields.contains(.snippet) { request.snippets = false }
        if format != .text && format != .markdown && !fields.contains(where: \.readsRecord) { request.records = false }
        self.request = request
        self.fields = fields
    }
}

extension ExportOptions {
    /// Options for `plan`, stamped with the current time (ISO 8601).
    public init(plan: ExportPlan, indexPath: String, generator: String, styled: Bool) {
        self.init(
            fields: plan.fields, request: plan.request, indexPath: indexPath, generator: generator,
            generatedAt: Date().formatted(.iso8601),  // FoundationEssentials: no ICU formatter to build
            styled: styled)
    }
}
