import ArgumentParser
import Foundation
import Search
import Output

extension DossierCommand {
    /// `dossier stats`: what an index holds.
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats",
            abstract: "Show what the index holds: articles, passages, actors, dates, size.")

        @OptionGroup var location: IndexLocationOptions

        @Option(help: ResultKind.statistics.formatHelp)
        var format: OutputFormat = ResultKind.statistics.defaultFormat

        @Flag(help: "The same as --format json (kept for scripts written before --format).")
        var json = false

        func validate() throws { try ResultKind.statistics.validate(json ? .json : format) }

        func run() throws {
            let stats: IndexStatistics
            do { stats = try SearchEngine(indexPath: location.path).statistics() } catch { throw Diagnostics.fail(error) }
            do {
                let sink = OutputSink.standardOutput()
                try StatisticsWriter.write(stats, as: json ? .json : format, to: sink)
                try sink.close()
            } catch {
                throw Diagnostics.fail(SearchError.output(reason: "\(error)"))
            }
        }
    }
}
