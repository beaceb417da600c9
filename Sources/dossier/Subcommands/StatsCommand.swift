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
            do {
                let sink = OutputSink.standardOutput()
                try sink.write(json ? try StatisticsWriter.json(stats) : StatisticsWriter.text(stats))
                try sink.close()
            } catch {
                throw Diagnostics.fail(SearchError.output(reason: "\(error)"))
            }
        }
    }
}
