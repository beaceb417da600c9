import ArgumentParser
import Foundation
import Indexer

extension DossierCommand {
    /// `dossier compact`: a compacted copy of an index, merged into one database or re-split.
    struct Compact: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compact",
            abstract: "Write a compacted copy of an index: its shards merged into one database, or re-split.",
            discussion: """
                Merging uses Xapian's own compaction (what xapian-compact does with a stub's \
                databases): the copy answers every search exactly as the index does, in less \
                space. With --shards M the copy is split into M shards by the \
                same rule `dossier index --shards` uses, so later runs of `dossier index` keep \
                writing it. The copy is written beside --output and moved there only when \
                complete. The index is locked meanwhile: an indexer started then is refused at \
                once (exit 75).

                  dossier compact --index news.idx --output news-one.idx
                  dossier compact --index news.idx --output news-4.idx --shards 4
                """)

        @OptionGroup var location: IndexLocationOptions

        @Option(name: [.short, .long], help: ArgumentHelp("The new index directory (must not exist).", valueName: "dir"),
                completion: .directory)
        var output: String

        @Option(help: ArgumentHelp("Shards of the copy; 1 merges every shard into one database.", valueName: "m"))
        var shards = 1

        @Flag(name: .shortAndLong, help: "Print nothing but errors.")
        var quiet = false

        func validate() throws {
            if !(1...IndexingOptions.maximumShards).contains(shards) {
                throw ValidationError("--shards \(shards): give a number from 1 to \(IndexingOptions.maximumShards)")
            }
        }

        func run() throws {
            let started = Date()
            let summary: IndexCompaction.Summary
            do {
                summary = try IndexCompaction(source: location.path, output: output, shards: shards).run()
            } catch {
                throw Diagnostics.fail(error)
            }
            guard !quiet else { return }
            let size = { (bytes: Int) in ByteCountFormatter.string(fromByteCount: Int64(bytes), countStyle: .file) }
            let layout = shards == 1 ? "one database" : "\(shards) shards (" + summary.passages.map(String.init).joined(separator: " + ") + " passages)"
            Diagnostics.say("compacted \(location.path) (\(size(summary.sourceBytes))) into \(output): \(summary.passages.reduce(0, +)) passages in \(layout), \(size(summary.outputBytes)), in \(String(format: "%.1f", Date().timeIntervalSince(started)))s")
        }
    }
}
