import Output
import CSV
import Foundation
import Testing
import TestSupport
@testable import Search

/// `SearchEngine.count`: tables and matrices whose every number equals a filtered search.
@Suite struct CountTests {
    private func engine() throws -> SearchEngine { try SearchEngine(indexPath: try FacetTests.fixture.get().path) }

    @Test func aTableEqualsTheFacet() throws {
        let engine = try engine()
        for kind in FacetKind.allCases {
            let counts = try engine.count(SearchRequest(query: "Pakistan OR extradition"), by: [kind])
            let facet = try #require(try engine.search(SearchRequest(
                query: "Pakistan OR extradition", limit: 0, facets: [kind], facetLimit: nil)).facets.first)
            #expect(Set(counts.rows.map(\.value)) == Set(facet.values.map(\.value)))
            #expect(counts.rows.map(\.count).reduce(0, +) == facet.values.map(\.count).reduce(0, +))
            #expect(counts.totalIsExact && counts.countsAreExact)
        }
        let none = try engine.count(SearchRequest(query: "extradition"))
        #expect(none.total == (try engine.search(SearchRequest(query: "extradition", limit: 0))).total)
        #expect(none.rows.isEmpty)
    }

    @Test(arguments: [
        (FacetKind.actor, FacetKind.publishedMonth), (.actor, .actor), (.type, .mentionedYear), (.source, .publishedYear),
        (.person, .country),
    ])
    func everyCellEqualsTheSearchFilteredByBothValues(rows: FacetKind, columns: FacetKind) throws {
        let engine = try engine()
        let matrix = try engine.count(SearchRequest(query: ""), by: [rows, columns])
        #expect(matrix.rows.count == matrix.cells.count)
        var nonZero = 0
        for (r, row) in matrix.rows.enumerated() {
            #expect(matrix.cells[r].count == matrix.columns.count)
            for (c, column) in matrix.columns.enumerated() {
                var request = FacetTests.filtered(SearchRequest(query: ""), rows, row)
                request = FacetTests.filtered(request, columns, column)
                let expected = try engine.search(request).total
                #expect(matrix.cells[r][c] == expected, "\(row.value) × \(column.value)")
                if expected > 0 { nonZero += 1 }
            }
        }
        #expect(nonZero > 0)
    }

    @Test func chronologicalDimensionsAreInTimeOrderAndLimitKeepsTheMostFrequent() throws {
        let engine = try engine()
        let months = try engine.count(SearchRequest(), by: [.publishedMonth])
        #expect(months.rows.map(\.value) == ["2024-12", "2025-01", "2025-02"])
        let top = try engine.count(SearchRequest(), by: [.actor, .mentionedYear], limit: 2)
        #expect(top.rows.map(\.value) == ["Pakistan", "India"])
        #expect(top.distinctRows == 8)
        #expect(top.columns.count == 2)
        #expect(top.columns.map(\.value) == top.columns.map(\.value).sorted())
        #expect(throws: SearchError.self) { try engine.count(SearchRequest(), by: [.actor, .type, .source]) }
    }

    @Test func theMatrixCSVReadsBack() throws {
        let fixture = try FacetTests.fixture.get()
        let engine = try engine()
        let matrix = try engine.count(SearchRequest(), by: [.actor, .publishedMonth])
        let dir = TemporaryDirectory()
        for format in [OutputFormat.csv, .tsv, .json, .text] {
            let path = dir.path("m.\(format.rawValue)")
            let sink = try OutputSink.file(path)
            let options = ExportOptions(
                fields: [], request: SearchRequest(), indexPath: fixture.path, generator: "test", generatedAt: "now", styled: false)
            try CountWriter(sink: sink, format: format, options: options).write(matrix)
            try sink.close()
            let text = try String(contentsOfFile: path, encoding: .utf8)
            switch format {
            case .csv:
                let reader = try CSVReader(string: text, hasHeaderRow: true)
                #expect(reader.headerRow == ["actor \\ published-month"] + matrix.columns.map(\.value))
                var rows: [[String]] = []
                while let row = reader.next() { rows.append(row) }
                #expect(rows.map { $0[0] } == matrix.rows.map(\.value))
                #expect(rows.map { $0.dropFirst().map { Int($0)! } } == matrix.cells)
            case .tsv:
                let lines = text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
                #expect(lines.count == matrix.rows.count + 1)
                #expect(lines.dropFirst().map { $0.dropFirst().map { Int($0)! } } == matrix.cells)
            case .json:
                let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
                #expect(object["by"] as? [String] == ["actor", "published-month"])
                #expect(object["total"] as? Int == matrix.total)
                #expect(object["counts_exact"] as? Bool == true)
                #expect(object["format_version"] as? Int == OutputFormat.version)
                let rows = try #require(object["rows"] as? [[String: Any]])
                #expect(rows.map { $0["cells"] as? [Int] ?? [] } == matrix.cells)
                #expect(rows.map { $0["id"] as? String } == matrix.rows.map(\.id))
            case .text:
                #expect(text.contains("counted exactly"))
                #expect(text.contains("Tahawwur Rana"))
            case .jsonl, .markdown:
                Issue.record("\(format) is not a count format")
            }
        }
    }

    @Test func aFormatCountsAreNotWrittenInIsRefusedBeforeAnythingIsWritten() throws {
        let counts = try engine().count(SearchRequest(), by: [.actor])
        let output = CollectedOutput()
        let options = ExportOptions(fields: [], request: SearchRequest(), indexPath: "i", generator: "test", generatedAt: "now", styled: false)
        #expect(throws: OutputFormatError(format: .markdown, kind: .counts)) {
            try CountWriter(sink: output.sink, format: .markdown, options: options).write(counts)
        }
        try output.sink.close()
        #expect(output.data.isEmpty)
    }

    @Test func aValueThatLooksLikeAFormulaIsNeutralised() throws {
        let counts = CountResults(
            dimensions: [.source], total: 1, totalIsExact: true, countsAreExact: true,
            rows: [FacetValue(value: "=cmd|' /C calc'!A0", count: 1)], distinctRows: 1, columns: [], distinctColumns: 0, cells: [])
        let options = ExportOptions(fields: [], request: SearchRequest(), indexPath: "x", generator: "t", generatedAt: "n", styled: false)
        let dir = TemporaryDirectory()
        let sink = try OutputSink.file(dir.path("c.csv"))
        try CountWriter(sink: sink, format: .csv, options: options).write(counts)
        try sink.close()
        #expect(try String(contentsOfFile: dir.path("c.csv"), encoding: .utf8) == "source,count\r\n'=cmd|' /C calc'!A0,1\r\n")
    }
}
