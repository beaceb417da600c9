import Foundation
import Indexer
import Search

/// The closing summary of `dossier index`, as text (stderr) or JSON (stdout).
struct IndexReport {
    /// The `--json` document: the summary with the output format version and the index path.
    private struct Versioned: Encodable {
        let summary: IndexSummary
        let index: String
        enum CodingKeys: String, CodingKey { case formatVersion = "format_version", index }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(ExportFormat.version, forKey: .formatVersion)
            try container.encode(index, forKey: .index)
            try summary.encode(to: encoder)
        }
    }

    let summary: IndexSummary
    let indexPath: String

    func print(json: Bool, quiet: Bool) {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            if let data = try? encoder.encode(Versioned(summary: summary, index: indexPath)) {
                FileHandle.standardOutput.write(data + Data("\n".utf8))
            }
            return
        }
        for problem in summary.skipped { Diagnostics.say("skipped: \(problem)") }
        guard !quiet else { return }
        for problem in summary.warnings { Diagnostics.say("warning: \(problem)") }
        var parts = [
            "\(summary.files) file\(summary.files == 1 ? "" : "s")",
            "\(summary.articles) article\(summary.articles == 1 ? "" : "s") indexed",
            "\(summary.passages) passage\(summary.passages == 1 ? "" : "s")",
            "\(summary.unchangedFiles) unchanged",
            "\(summary.skipped.count) skipped",
        ]
        if summary.removedArticles > 0 { parts.append("\(summary.removedArticles) removed") }
        Diagnostics.say(parts.joined(separator: ", ") + String(format: " in %.1fs", summary.seconds))
        Diagnostics.say("index \(indexPath): \(summary.indexPassages) passages")
        if summary.interrupted { Diagnostics.say("interrupted: run the same command again to finish") }
    }
}
