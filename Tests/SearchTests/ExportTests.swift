import CSV
import Foundation
import Testing
import TestSupport
@testable import Search

/// Every export format written to a file and read back.
@Suite struct ExportTests {
    private func export(_ format: ExportFormat, query: String = "extradition", fields: [ExportField] = ExportField.defaults) throws -> (String, SearchResults, Int) {
        let seeds = try SeedSearchTests.shared.get()
        let dir = TemporaryDirectory()
        let path = dir.path("out")
        let sink = try OutputSink.file(path)
        let request = SearchRequest(query: query, limit: nil, facets: [.publishedYear])
        let options = ExportOptions(
            fields: fields, request: request, indexPath: seeds.path, generator: "dossier test",
            generatedAt: "2026-11-21T00:00:00Z", styled: false)
        let (results, written) = try SearchEngine(indexPath: seeds.path).export(request, to: format.makeWriter(sink: sink, options: options))
        try sink.close()
        return (try String(contentsOfFile: path, encoding: .utf8), results, written)
    }

    private func hits(_ query: String) throws -> [SearchHit] {
        try SearchEngine(indexPath: try SeedSearchTests.shared.get().path).search(SearchRequest(query: query, limit: nil)).hits
    }

    @Test func csvReadsBackFieldForField() throws {
        let (text, results, written) = try export(.csv)
        #expect(written == results.total)
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        #expect(reader.headerRow == ExportField.defaults.map(\.rawValue))
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        #expect(rows.count == results.total)
        let expected = try hits("extradition")
        for (row, hit) in zip(rows, expected) {
            #expect(row[ExportField.defaults.firstIndex(of: .passageID)!] == hit.record.passageID)
            #expect(row[ExportField.defaults.firstIndex(of: .text)!] == hit.record.text)
            #expect(row[ExportField.defaults.firstIndex(of: .rank)!] == String(hit.rank))
            #expect(row[ExportField.defaults.firstIndex(of: .title)!] == hit.record.title)
        }
    }

    @Test func csvQuotesCommasQuotesAndNewlines() {
        #expect(DelimitedWriter.csvQuoted("plain") == "plain")
        #expect(DelimitedWriter.csvQuoted("a, b") == "\"a, b\"")
        #expect(DelimitedWriter.csvQuoted("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(DelimitedWriter.csvQuoted("two\nlines") == "\"two\nlines\"")
    }

    @Test(arguments: [("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("+1", "'+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
                      ("\tx", "'\tx"), ("\rx", "'\rx"), ("safe = text", "safe = text"), ("", "")])
    func formulaCellsAreNeutralised(cell: String, expected: String) {
        #expect(DelimitedWriter.neutralised(cell) == expected)
    }

    @Test func jsonlReadsBackFieldForField() throws {
        let (text, results, _) = try export(.jsonl)
        let lines = text.split(separator: "\n")
        #expect(lines.count == results.total)
        let expected = try hits("extradition")
        for (line, hit) in zip(lines, expected) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(Set(object.keys) == Set(ExportField.defaults.map(\.rawValue)))
            #expect(object["passage_id"] as? String == hit.record.passageID)
            #expect(object["article_id"] as? String == hit.record.articleID)
            #expect(object["paragraph"] as? Int == hit.record.paragraph)
            #expect(object["rank"] as? Int == hit.rank)
            #expect(object["text"] as? String == hit.record.text)
            #expect(object["published"] as? String == hit.record.published)
            #expect((object["snippet"] as? String)?.contains("**") == true)
        }
    }

    @Test func jsonDocumentCarriesProvenanceTotalsAndHits() throws {
        let (text, results, _) = try export(.json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["format_version"] as? Int == ExportFormat.version)
        #expect(object["query"] as? String == "extradition")
        #expect(object["total"] as? Int == results.total)
        #expect(object["total_exact"] as? Bool == true)
        #expect(object["generated_at"] as? String == "2026-11-21T00:00:00Z")
        #expect((object["hits"] as? [[String: Any]])?.count == results.total)
        #expect(object["returned"] as? Int == results.total)
        let years = try #require((object["facets"] as? [String: Any])?["published-year"] as? [[String: Any]])
        #expect(years.map { $0["value"] as? String } == ["2025"])
    }

    @Test func tsvAndMarkdownHaveOneRowPerHit() throws {
        let (tsv, results, _) = try export(.tsv, fields: [.passageID, .text])
        let rows = tsv.split(separator: "\n")
        #expect(rows.count == results.total + 1)
        #expect(rows.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 2 })
        let (markdown, _, _) = try export(.markdown, fields: [.passageID, .title])
        #expect(markdown.split(separator: "\n").filter { $0.hasPrefix("| seeds/") }.count == results.total)
    }

    @Test func fieldsChooseAndOrderColumns() throws {
        let (text, _, _) = try export(.csv, fields: [.title, .rank])
        #expect(text.hasPrefix("title,rank\r\n"))
        #expect(throws: ExportField.FieldListError.self) { try ExportField.parseList("rank,nonsense") }
    }

    @Test func snippetParsingUnescapesAndFindsHighlights() {
        let snippet = Snippet.fromXapian("Tom &amp; Jerry <b>extradition</b> of &lt;b&gt; <b>Rana</b>…")
        #expect(snippet.text == "Tom & Jerry extradition of <b> Rana…")
        #expect(snippet.marked(open: "[", close: "]") == "Tom & Jerry [extradition] of <b> [Rana]…")
    }
}
