import ArgumentParser
import Foundation
import Search
import Output

/// Opens the index and the output, runs one request through the chosen writer, and maps
/// failures to exit codes. Shared by `search` and `count`.
struct ResultPrinter {
    let location: String
    /// `--output FILE`, or nil for standard output.
    let outputPath: String?
    /// `--allow-partial`.
    let partial: PartialOptions

    /// Runs `request` and writes its hits with `output`'s format and fields (`ExportPlan` says
    /// which columns and whether snippets are made).
    func search(_ request: SearchRequest, output: OutputOptions) throws {
        let engine = try openEngine()
        let sink = try openSink()
        let plan = ExportPlan(request: request, format: output.format, fields: output.fields == nil ? nil : output.exportFields)
        let options = exportOptions(plan)
        do {
            let (results, written) = try engine.export(plan.request, to: output.format.makeWriter(sink: sink, options: options))
            try sink.close()
            if let outputPath {
                let unit = results.articleTotal == nil ? "hits" : "articles"
                Diagnostics.say("wrote \(written) of \(results.articleTotal ?? results.total) \(unit) to \(outputPath)")
            }
            // Formats without a summary get the --any hint on standard error.
            if !output.format.carriesSummary, let hint = ResultSummary.anyWordHint(results.anyWordTotal) {
                Diagnostics.say("dossier: " + hint)
            }
        } catch {
            try? sink.close()
            throw Diagnostics.fail(error)
        }
        try Diagnostics.finish(partial: engine.partial)
    }

    /// Counts the matches of `request` by `dimensions` and writes the table in `format`.
    func count(_ request: SearchRequest, by dimensions: [FacetKind], limit: Int?, format: OutputFormat) throws {
        let engine = try openEngine()
        let sink = try openSink()
        do {
            let counts = try engine.count(request, by: dimensions, limit: limit)
            try CountWriter(sink: sink, format: format, options: exportOptions(ExportPlan(request: request, format: .json, fields: []))).write(counts)
            try sink.close()
            if let outputPath { Diagnostics.say("wrote the counts of \(counts.articleTotal.map { "\($0) articles" } ?? "\(counts.total) passages") to \(outputPath)") }
            if !format.carriesSummary, let hint = ResultSummary.anyWordHint(counts.anyWordTotal) { Diagnostics.say("dossier: " + hint) }
        } catch {
            try? sink.close()
            throw Diagnostics.fail(error)
        }
        try Diagnostics.finish(partial: engine.partial)
    }

    private func openEngine() throws -> SearchEngine { try partial.openEngine(location) }

    private func openSink() throws -> OutputSink { try OutputTarget.open(outputPath) }

    private func exportOptions(_ plan: ExportPlan) -> ExportOptions {
        ExportOptions(
            plan: plan, indexPath: location, generator: DossierCommand.generator,
            styled: outputPath == nil && Diagnostics.stylesStandardOutput())
    }
}
