import ArgumentParser
import Foundation
import Search

extension DossierCommand {
    /// `dossier stats`: what an index holds.
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats",
            abstract: "Show what the index holds: articles, passages, actors, dates, size.")

        @OptionGroup var location: IndexLocationOptions

        @Flag(help: "Print JSON instead of text.")
        var json = false

        func run() throws {
            let stats: IndexStatistics
            do { stats = try SearchEngine(indexPath: location.path).statistics() } catch { throw Diagnostics.fail(error) }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(stats), as: UTF8.self))
                return
            }
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
            for (name, value) in rows { print(name.padding(toLength: 16, withPad: " ", startingAt: 0) + value) }
        }
    }
}
