/// Writes CSV (RFC 4180) or TSV with a header row of field names.
///
/// CSV: fields containing a comma, quote, CR or LF are quoted and quotes doubled; lines end
/// in CRLF as the RFC says. TSV cannot quote, so tabs and line breaks inside a cell become
/// spaces.
///
/// Spreadsheet safety: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
/// would run as a formula in Excel, LibreOffice or Google Sheets (CSV injection). Such a cell
/// gets a leading apostrophe, which spreadsheets hide and treat as "this is text". The rank,
/// score and paragraph columns are numbers and never start that way.
struct DelimitedWriter: HitWriter {
    enum Style { case csv, tsv }

    let sink: OutputSink
    let options: ExportOptions
    let style: Style

    func begin(_ results: SearchResults) throws {
        try writeRow(options.fields.map(\.rawValue))
    }

    func write(_ hit: SearchHit) throws {
        try writeRow(options.fields.map { $0.cell(of: hit, marker: plainMarker) })
    }

    func finish(_ results: SearchResults, written: Int) throws {}

    private func writeRow(_ cells: [String]) throws {
        try sink.write(Self.row(cells, style: style))
    }

    /// One CSV or TSV line of `cells`, each made spreadsheet-safe (`neutralised`) and then
    /// quoted (CSV) or cleaned (TSV), with its line end: the one row rule of every table Dossier
    /// writes (hits, counts, actors, batch rows).
    static func row(_ cells: [String], style: Style) -> String {
        let safe = cells.map(neutralised)
        switch style {
        case .csv: return safe.map(csvQuoted).joined(separator: ",") + "\r\n"
        case .tsv: return safe.map(tsvCleaned).joined(separator: "\t") + "\n"
        }
    }

    /// Prefixes an apostrophe to a cell a spreadsheet would evaluate.
    static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return cell }
        return "'" + cell
    }

    /// RFC 4180 quoting.
    static func csvQuoted(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// TSV cells cannot hold tabs or line breaks.
    static func tsvCleaned(_ cell: String) -> String {
        String(cell.map { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }
}
