import Foundation
import Output

/// Writes an `IndexSummary`: the closing report of `dossier index` as text lines (the CLI
/// prints them on standard error, beside the progress line) or one JSON document
/// (`ResultKind.indexSummary`; `Docs/output-schema.md`, "index").
public enum IndexSummaryWriter {
    /// The JSON document: `format_version`, `index` and the summary's keys, pretty-printed in
    /// the one JSON style.
    public static func json(_ summary: IndexSummary, indexPath: String) throws -> String {
        String(decoding: try JSONStyle.encoder(layout: .pretty).encode(Versioned(summary: summary, index: indexPath)), as: UTF8.self) + "\n"
    }

    /// The text report, one line each: every skipped file or record (always, so nothing is lost
    /// silently), then unless `quiet` the warnings, the totals, the index size and, after Ctrl-C,
    /// how to finish.
    public static func lines(_ summary: IndexSummary, indexPath: String, quiet: Bool) -> [String] {
        var lines = summary.skipped.map { "skipped: \($0)" }
        guard !quiet else { return lines }
        lines += summary.warnings.map { "warning: \($0)" }
        var parts = [
            counted(summary.files, "file"),
            counted(summary.articles, "article") + " indexed",
            counted(summary.passages, "passage"),
            "\(summary.unchangedFiles) unchanged",
            "\(summary.skipped.count) skipped",
        ]
        if summary.retaggedFiles > 0 { parts.append("\(summary.retaggedFiles) tagged again (the tagger changed)") }
        if summary.removedArticles > 0 { parts.append("\(summary.removedArticles) removed") }
        lines.append(parts.joined(separator: ", ") + String(format: " in %.1fs", summary.seconds))
        lines.append("index \(indexPath): \(summary.indexPassages) passages")
        if summary.interrupted { lines.append("interrupted: run the same command again to finish") }
        return lines
    }

    private static func counted(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// The summary with the output format version and the index path, in one object.
    private struct Versioned: Encodable {
        let summary: IndexSummary
        let index: String
        enum CodingKeys: String, CodingKey { case formatVersion = "format_version", index }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(OutputFormat.version, forKey: .formatVersion)
            try container.encode(index, forKey: .index)
            try summary.encode(to: encoder)
        }
    }
}
