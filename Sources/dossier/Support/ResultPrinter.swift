import ArgumentParser
import Foundation
import Search

/// Opens the index and the output, runs one request through the chosen writer, and maps
/// failures to exit codes. Shared by `search` and (later) `count` and `batch`.
struct ResultPrinter {
    let location: String
    let output: OutputOptions

    func run(_ request: SearchRequest) throws {
        var request = request
        // Snippets are made only when the output shows them (text always does).
        if output.format != .text && !output.exportFields.contains(.snippet) { request.snippets = false }
        let engine: SearchEngine
        do { engine = try SearchEngine(indexPath: location) } catch { throw Diagnostics.fail(error) }
        let sink = try OutputTarget.open(output.output)
        let options = ExportOptions(
            fields: output.exportFields, request: request, indexPath: location,
            generator: "dossier \(DossierCommand.version)",
            generatedAt: ISO8601DateFormatter().string(from: Date()),
            styled: output.output == nil && Diagnostics.stylesStandardOutput())
        do {
            let (results, written) = try engine.export(request, to: output.format.makeWriter(sink: sink, options: options))
            try sink.close()
            if let path = output.output {
                Diagnostics.say("wrote \(written) of \(results.total) hits to \(path)")
            }
        } catch {
            try? sink.close()
            throw Diagnostics.fail(error)
        }
    }
}
