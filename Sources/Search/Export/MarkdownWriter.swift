/// Writes a Markdown table for notes: a heading with the query and totals, then one row per
/// hit. Pipes in cells are escaped and line breaks become `<br>`.
struct MarkdownWriter: HitWriter {
    let sink: OutputSink
    let options: ExportOptions

    func begin(_ results: SearchResults) throws {
        let query = options.request.query.isEmpty ? "(all passages)" : "`\(options.request.query)`"
        try sink.write("## Dossier search: \(query)\n\n")
        if let note = ResultSummary.partialNote(results.partial) { try sink.write("> **\(note)**\n\n") }
        try sink.write("\(ResultSummary.total(results))\(results.totalIsExact && results.facetsAreExact ? " (counted exactly)" : " (estimated)"), index `\(options.indexPath)`, \(options.generatedAt)\n\n")
        if let hint = ResultSummary.anyWordHint(results.anyWordTotal) { try sink.write("> \(hint)\n\n") }
        try sink.write("| " + options.fields.map(\.rawValue).joined(separator: " | ") + " |\n")
        try sink.write("|" + options.fields.map { _ in " --- |" }.joined() + "\n")
    }

    func write(_ hit: SearchHit) throws {
        let cells = options.fields.map { Self.escaped($0.cell(of: hit, marker: plainMarker)) }
        try sink.write("| " + cells.joined(separator: " | ") + " |\n")
    }

    func finish(_ results: SearchResults, written: Int) throws {
        try sink.write("\n")
    }

    static func escaped(_ cell: String) -> String {
        cell.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\r\n", with: "<br>")
            .replacingOccurrences(of: "\n", with: "<br>")
    }
}
