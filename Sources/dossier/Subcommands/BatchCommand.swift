import ArgumentParser
import Foundation
import Search
import Output

extension DossierCommand {
    /// `dossier batch FILE`: many queries in one process, one result row per query.
    struct Batch: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "batch",
            abstract: "Run a file of queries (a watch list) and write one row per query.",
            discussion: """
                Each line is a query with optional filters, written like the search options:
                  extradition --actor "Tahawwur Rana" --from 2025-01 --to 2025-06
                  "Mumbai attack" --id mumbai
                  --actor Rana --type person
                Options on a line: --id NAME (the row's id; default: the line number), --actor \
                (repeat: all), --type, --source (repeat: any), --from, --to, --mentioned-from, \
                --mentioned-to, --any, --plain. The query is everything before the first option, so quotes \
                and the whole query language work. Lines may also be JSON objects, as the \
                benchmark's queries.jsonl: {"id", "text", "actor", "date_from", "date_to", "any", "plain"}. Blank \
                lines and lines starting with # are skipped.

                Each row: the id, the exact number of matching passages, the ids of the best hits \
                (--top; JSONL adds their scores) and the exact facet counts (--facet; default actor), as TSV (no header, \
                the baseline tools' OUT.tsv layout), CSV (with a header) or JSONL. A line that \
                cannot run is reported as FILE:LINE: reason on standard error, gets an empty row \
                (CSV/JSONL: with an error column), and the other lines still run; the exit status \
                is then 1.
                """)

        @OptionGroup var location: IndexLocationOptions

        @OptionGroup var partial: PartialOptions

        @Argument(help: ArgumentHelp("The batch file ('-' for standard input).", valueName: "file"), completion: .file())
        var file: String

        @Option(help: ResultKind.batchRows.formatHelp)
        var format: OutputFormat = ResultKind.batchRows.defaultFormat

        @Option(parsing: .unconditional, help: ArgumentHelp("Ids of the best hits listed per query.", valueName: "n"))
        var top = 10

        @Option(help: ArgumentHelp("Count matches by this facet (repeatable; default actor).", valueName: "facet"))
        var facet: [FacetKind] = []

        @Flag(help: "Count no facets.")
        var noFacets = false

        @Option(parsing: .unconditional, help: ArgumentHelp("Values listed per facet.", valueName: "n"))
        var facetLimit = 10

        @Option(help: ArgumentHelp("Which id to list per hit: passage (article#paragraph) or article.", valueName: "kind"))
        var hitId: BatchHitID = .passage

        @Flag(help: "Read every query as words only (as search --plain).")
        var plain = false

        @OptionGroup(title: "Ranking") var ranking: RankingOptions

        @Option(name: [.short, .long], help: OutputOptions.outputFileHelp)
        var output: String?

        @Flag(help: "Print the query loop's time (total, median and p95 per query) on standard error.")
        var timings = false

        func validate() throws {
            try ResultKind.batchRows.validate(format)
            if top < 0 { throw ValidationError("--top must be 0 or more") }
            if facetLimit < 1 { throw ValidationError("--facet-limit must be at least 1") }
        }

        func run() throws {
            let engine = try partial.openEngine(location.path)
            if file != "-" && !FileManager.default.fileExists(atPath: file) {
                Diagnostics.say("dossier: error: \(file): no such file")
                throw ExitCodes.noInput
            }
            let sink: OutputSink
            if let output {
                do { sink = try OutputSink.file(output) } catch {
                    Diagnostics.say("dossier: error: cannot create \(output): \(error.localizedDescription)")
                    throw ExitCodes.cannotCreate
                }
            } else {
                sink = OutputSink.standardOutput()
            }
            var options = BatchOptions(
                top: top, facets: noFacets ? [] : (facet.isEmpty ? [.actor] : facet), facetLimit: facetLimit,
                format: format, hitID: hitId)
            options.rank = ranking.rank
            options.ranking = ranking.parameters
            options.plain = plain
            let report: BatchReport
            do {
                report = try BatchRunner(engine: engine, options: options).run(file: file, to: sink) { problem in
                    Diagnostics.say("dossier: \(problem)")
                }
                try sink.close()
            } catch {
                try? sink.close()
                throw Diagnostics.fail(error)
            }
            if timings {
                let (median, p95) = report.medianAndP95
                let total = report.latencies.reduce(0, +) / 1000
                Diagnostics.say(String(
                    format: "dossier: %d queries in %.3f s; median %.2f ms, p95 %.2f ms", report.latencies.count, total, median, p95))
            }
            // A line that failed (exit 1) outranks a partial answer (exit 3); both are said on
            // standard error.
            if !report.failed.isEmpty {
                try? Diagnostics.finish(partial: report.partial)
                throw ExitCodes.partial
            }
            try Diagnostics.finish(partial: report.partial)
        }
    }
}
