import Foundation
import Output

/// Writes `CountResults` in one format.
public struct CountWriter {
    /// Where to write.
    public let sink: OutputSink
    /// The format (`ResultKind.counts`: text, json, csv or tsv; another is refused by `write`).
    public let format: OutputFormat
    /// The request and provenance (its `fields` are not used).
    public let options: ExportOptions

    /// Creates a writer.
    public init(sink: OutputSink, format: OutputFormat, options: ExportOptions) {
        self.sink = sink
        self.format = format
        self.options = options
    }

    /// Writes the counts.
    public func write(_ counts: CountResults) throws {
        switch try format.check(for: .counts) {
        case .json: try sink.write(JSONStyle.document(json(counts)))
        case .csv, .tsv:
            for row in table(counts) { try sink.write(DelimitedWriter.row(row, style: format == .csv ? .csv : .tsv)) }
        default: try sink.write(text(counts))
        }
    }

    /// The rows of the CSV/TSV table: no dimension gives `count` and the number; one gives
    /// `<dimension>[,type,id],count` rows; two give the matrix, the first cell naming both
    /// dimensions (`actor \ published-month`), one column per value of the second.
    func table(_ counts: CountResults) -> [[String]] {
        switch counts.dimensions.count {
        case 0:
            return [["count"], [String(counts.articleTotal ?? counts.total)]]
        case 1:
            let kind = counts.dimensions[0]
            let actor = kind.valuesAreActors
            let header = [kind.rawValue] + (actor ? ["type", "id"] : []) + ["count"]
            return [header] + counts.rows.map { value in
                [value.value] + (actor ? [value.type ?? "", value.id ?? ""] : []) + [String(value.count)]
            }
        default:
            let header = ["\(counts.dimensions[0].rawValue) \\ \(counts.dimensions[1].rawValue)"] + counts.columns.map(\.value)
            return [header] + zip(counts.rows, counts.cells).map { row, cells in [row.value] + cells.map(String.init) }
        }
    }

    private func text(_ counts: CountResults) -> String {
        var summary = ResultSummary.total(SearchResults(
            total: counts.total, totalIsExact: counts.totalIsExact, hits: [], facets: [], suggestion: nil, articleTotal: counts.articleTotal))
            + (counts.totalIsExact ? "" : " (estimated)") + (options.request.query.isEmpty ? "" : " for: \(options.request.query.escapingControlCharacters())")
        if let hint = ResultSummary.anyWordHint(counts.anyWordTotal) { summary += "\n" + hint }
        if let note = ResultSummary.partialNote(counts.partial) { summary = note + "\n" + summary }
        guard !counts.dimensions.isEmpty else { return summary + "\n" }
        var rows = table(counts)
        if counts.dimensions.count == 1, counts.dimensions[0].valuesAreActors {
            rows = rows.map { [$0[0], $0[1], $0[3]] }  // the id is for machines
        }
        let widths = rows.reduce(into: [Int](repeating: 0, count: rows[0].count)) { widths, row in
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        var out = summary + (counts.countsAreExact ? ", counted exactly\n\n" : ", counts estimated\n\n")
        for row in rows {
            let cells = row.enumerated().map { i, cell in
                // Text left-aligned in the first column, numbers right-aligned elsewhere.
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return i == 0 || Int(cell) == nil ? cell + pad : pad + cell
            }
            out += cells.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }
        let hidden = [
            counts.distinctRows > counts.rows.count ? "\(counts.distinctRows - counts.rows.count) more \(counts.dimensions[0].rawValue) values" : nil,
            counts.dimensions.count == 2 && counts.distinctColumns > counts.columns.count
                ? "\(counts.distinctColumns - counts.columns.count) more \(counts.dimensions[1].rawValue) values" : nil,
        ].compactMap { $0 }
        if !hidden.isEmpty { out += "(" + hidden.joined(separator: ", ") + "; --limit all shows them)\n" }
        return out
    }

    private func json(_ counts: CountResults) -> [String: Any] {
        func entry(_ value: FacetValue) -> [String: Any] {
            var object: [String: Any] = ["value": value.value, "count": value.count]
            if let type = value.type { object["type"] = type }
            if let id = value.id { object["id"] = id }
            return object
        }
        var request = requestObject(options.request)
        for key in ["offset", "limit", "sort"] { request.removeValue(forKey: key) }  // no hits are listed
        var object: [String: Any] = [
            "generator": options.generator, "generated_at": options.generatedAt,
            "index": options.indexPath, "query": options.request.query, "request": request,
            "total": counts.total, "total_exact": counts.totalIsExact, "counts_exact": counts.countsAreExact,
            "by": counts.dimensions.map(\.rawValue), "article_total": counts.articleTotal ?? NSNull(),
            "any_word_total": counts.anyWordTotal ?? NSNull(), "hint": ResultSummary.anyWordHint(counts.anyWordTotal) ?? NSNull(),
            "partial": PartialAnswer.json(counts.partial),
        ]
        if counts.dimensions.count == 1 {
            object["counts"] = counts.rows.map(entry)
        } else if counts.dimensions.count == 2 {
            object["columns"] = counts.columns.map(entry)
            object["rows"] = zip(counts.rows, counts.cells).map { row, cells in
                var e = entry(row)
                e["cells"] = cells
                return e
            }
        }
        return object
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
