import Foundation
import Output

/// Writes `IndexStatistics`: `dossier stats` (text or `--json`) and `GET /api/stats`.
public enum StatisticsWriter {
    /// The JSON document: `format_version` and the statistics' keys (`Docs/output-schema.md`).
    public static func json(_ stats: IndexStatistics) throws -> String {
        JSONStyle.document(try JSONStyle.object(stats), layout: .pretty)
    }

    /// The statistics in `format` (`ResultKind.statistics`: text or json).
    public static func write(_ stats: IndexStatistics, as format: OutputFormat, to sink: OutputSink) throws {
        switch try format.check(for: .statistics) {
        case .json: try sink.write(try json(stats))
        default: try sink.write(text(stats))
        }
    }

    /// Aligned `name  value` lines, for reading.
    public static func text(_ stats: IndexStatistics) -> String {
        let types = stats.actorsByType.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        let rows: [(String, String)] = [
            ("index", stats.index),
            ("files", String(stats.files)),
            ("articles", String(stats.articles)),
            ("passages", String(stats.passages)),
            ("actors", stats.actors == 0 ? "0" : "\(stats.actors) (\(types))"),
            ("published", stats.publishedFrom.map { "\($0) to \(stats.publishedTo ?? $0)" } ?? "no dated passages"),
            ("mentioned years", stats.mentionedFromYear.map { "\($0) to \(stats.mentionedToYear ?? $0)" } ?? "none"),
            ("size on disk", ByteCountFormatter.string(fromByteCount: Int64(stats.sizeBytes), countStyle: .file)),
            ("last indexed", stats.lastIndexed ?? "unknown"),
            ("schema", "version \(stats.schemaVersion), Xapian \(stats.xapianVersion)"),
        ]
        return rows.map { $0.0.padding(toLength: 16, withPad: " ", startingAt: 0) + $0.1 + "\n" }.joined()
    }
}
