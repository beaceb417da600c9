import Output
import CSV
import Foundation
import Indexer
import NewsModel
import TestSupport
import Testing
@testable import Search
import XapianStore

/// Every export format written to a file and read back.
@Suite struct ExportTests {
    private func export(_ format: OutputFormat, query: String = "extradition", fields: [ExportField] = ExportField.defaults) throws -> (String, SearchResults, Int) {
        let seeds = try BasicSearchTests.shared.get()
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
        try SearchEngine(indexPath: try BasicSearchTests.shared.get().path).search(SearchRequest(query: query, limit: nil)).hits
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

    /// An export of ids and scores only reads no record (`SearchRequest.records`), and its
    /// rows are those of the same columns cut from an export that reads every record.
    @Test(arguments: ["extradition", "", "India OR Pakistan"])
    func anIDsOnlyExportHasTheRowsOfAFullOne(query: String) throws {
        let seeds = try BasicSearchTests.shared.get()
        let ids: [ExportField] = [.rank, .score, .passageID, .articleID, .paragraph, .passageScore, .matchedPassages]
        func rows(_ fields: [ExportField], order: SearchRequest.Order) throws -> (plan: ExportPlan, rows: [[String]]) {
            var request = SearchRequest(query: query, limit: nil)
            request.order = order
            let plan = ExportPlan(request: request, format: .csv, fields: fields)
            let output = CollectedOutput()
            let options = ExportOptions(plan: plan, indexPath: seeds.path, generator: "dossier test", styled: false)
            _ = try SearchEngine(indexPath: seeds.path).export(plan.request, to: OutputFormat.csv.makeWriter(sink: output.sink, options: options))
            try output.sink.close()
            let reader = try CSVReader(string: String(decoding: output.data, as: UTF8.self), hasHeaderRow: true)
            var rows: [[String]] = []
            while let row = reader.next() { rows.append(Array(row.prefix(ids.count))) }
            return (plan, rows)
        }
        for order in [SearchRequest.Order.relevance, .newest] {
            let idsOnly = try rows(ids, order: order)
            let full = try rows(ids + [.title, .text], order: order)
            #expect(!idsOnly.plan.request.records && full.plan.request.records)
            #expect(!idsOnly.rows.isEmpty)
            #expect(idsOnly.rows == full.rows, "\(query) \(order)")
        }
        // Formats that lay out whole hits always read records.
        for format in [OutputFormat.text, .markdown] {
            #expect(ExportPlan(request: SearchRequest(query: query), format: format, fields: ids).request.records)
        }
    }

    /// A stored record that cannot be read is an error naming the passage, in the hit list,
    /// the passage lookup and the neighbours; before, the hit was left out of a list whose
    /// total still counted it.
    @Test func aRecordThatCannotBeReadIsAnErrorNotAMissingHit() throws {
        let seeds = try BasicSearchTests.shared.get()
        let dir = TemporaryDirectory()
        let copy = dir.path("index")
        try FileManager.default.copyItem(atPath: seeds.path, toPath: copy)
        let hits = try SearchEngine(indexPath: copy).search(SearchRequest(query: "extradition", limit: nil)).hits
        let damaged = try #require(hits.first { $0.record.paragraph > 1 }).record
        do {
            let writer = try WritableDatabase(path: copy)
            let term = IndexSchema.term(IndexSchema.passageID, damaged.passageID)
            let id = try #require(try writer.documentIDs(withTerm: term).first)
            let document = try writer.document(id: id)
            try document.setData("{\"passage_id\": 3")
            try writer.replace(documentID: id, with: document)
            try writer.commit()
        }
        let engine = try SearchEngine(indexPath: copy)
        func expectUnreadable(_ body: () throws -> Void) {
            #expect {
                try body()
            } throws: { error in
                guard case let .unreadableRecord(path, _, reason)? = error as? SearchError else { return false }
                return path == copy && reason == "it is not a Dossier passage record"
                    && (error as! SearchError).description.contains("--rebuild")
            }
        }
        expectUnreadable { _ = try engine.search(SearchRequest(query: "extradition", limit: nil)) }
        expectUnreadable { _ = try engine.passage(id: damaged.passageID) }
        let neighbour = PassageRecord.passageID(article: damaged.articleID, paragraph: damaged.paragraph - 1)
        expectUnreadable { _ = try engine.passage(id: neighbour, context: 1) }
        // The ids-only export reads no record, so it still lists every hit.
        var ids = SearchRequest(query: "extradition", limit: nil)
        ids.records = false
        ids.snippets = false
        #expect(try engine.search(ids).hits.count == hits.count)
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
        #expect(object["format_version"] as? Int == OutputFormat.version)
        #expect(object["query"] as? String == "extradition")
        #expect(object["total"] as? Int == results.total)
        #expect(object["total_exact"] as? Bool == true)
        #expect(object["facets_exact"] as? Bool == true)
        #expect((object["request"] as? [String: Any])?["query"] as? String == "extradition")
        #expect(object["index"] as? String == (try BasicSearchTests.shared.get().path))
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

    @Test func tsvAndMarkdownReadBackFieldForField() throws {
        let fields: [ExportField] = [.passageID, .rank, .title, .text]
        let expected = try hits("extradition")
        let (tsv, _, _) = try export(.tsv, fields: fields)
        let rows = tsv.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.first == fields.map(\.rawValue))
        #expect(rows.dropFirst().map { $0[0] } == expected.map(\.record.passageID))
        #expect(rows.dropFirst().map { $0[3] } == expected.map { DelimitedWriter.neutralised($0.record.text) })
        let (markdown, _, _) = try export(.markdown, fields: fields)
        let table = markdown.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| ---") }.map { line in
            // Cells are separated by unescaped pipes.
            line.dropFirst(2).dropLast(2).replacingOccurrences(of: "\\|", with: "\u{1}")
                .components(separatedBy: " | ").map { $0.replacingOccurrences(of: "\u{1}", with: "|") }
        }
        #expect(table.first == fields.map(\.rawValue))
        #expect(table.dropFirst().map { $0[0] } == expected.map(\.record.passageID))
        #expect(table.dropFirst().map { $0[2] } == expected.map(\.record.title))
        #expect(table.dropFirst().map { $0[3] } == expected.map(\.record.text))
    }

    @Test func textListsEveryHitWithItsTitleAndFacets() throws {
        let (text, results, _) = try export(.text)
        #expect(text.hasPrefix("\(results.total) passages for: extradition, counted exactly"))
        #expect(text.contains("published-year: 2025 "))
        for hit in try hits("extradition") { #expect(text.contains("\(hit.rank). \(hit.record.title)")) }
    }

    @Test func streamingInPagesGivesTheSameListAsOnePage() throws {
        let path = try BasicSearchTests.shared.get().path
        let whole = try SearchEngine(indexPath: path).search(SearchRequest(query: "pakistan", limit: nil)).hits
        let paged = try SearchEngine(indexPath: path, pageSize: 7).search(SearchRequest(query: "pakistan", limit: nil)).hits
        #expect(whole.count > 21)
        #expect(paged.map(\.record.passageID) == whole.map(\.record.passageID))
        #expect(paged.map(\.rank) == Array(1...whole.count))
        let window = try SearchEngine(indexPath: path, pageSize: 4).search(SearchRequest(query: "pakistan", offset: 5, limit: 9)).hits
        #expect(window.map(\.record.passageID) == Array(whole[5..<14].map(\.record.passageID)))
    }

    @Test func aHitListLargerThanAPageIsExportedWhole() throws {
        // 10,100 passages, more than the 10,000 hits of one page, all matching "report".
        var articles: [TaggedArticle] = []
        for a in 0..<101 {
            articles.append(FixtureIndex.article(
                "bulk/\(a)", title: "Bulk report \(a)", published: CalendarDate(year: 2020 + a % 5), source: "Wire",
                (1..<100).map { ("Report number \($0) of article \(a), =SUM(A1) safe.", [], []) }))
        }
        let dir = TemporaryDirectory()
        let writer = try IndexWriter(path: dir.path("idx"), spelling: false)
        for article in articles { try writer.write(article) }
        try writer.commit()
        let engine = try SearchEngine(indexPath: dir.path("idx"))
        let request = SearchRequest(query: "report", limit: nil, facets: [.publishedYear])
        let out = dir.path("all.csv")
        let sink = try OutputSink.file(out)
        let options = ExportOptions(
            fields: [.passageID, .rank, .text], request: request, indexPath: dir.path("idx"), generator: "t", generatedAt: "n", styled: false)
        let (results, written) = try engine.export(request, to: OutputFormat.csv.makeWriter(sink: sink, options: options))
        try sink.close()
        #expect(results.total == 10_100)
        #expect(written == 10_100)
        let reader = try CSVReader(string: try String(contentsOfFile: out, encoding: .utf8), hasHeaderRow: true)
        var ids = Set<String>(), count = 0, lastRank = 0
        while let row = reader.next() {
            ids.insert(row[0])
            count += 1
            #expect(Int(row[1]) == lastRank + 1)
            lastRank += 1
        }
        #expect(count == 10_100)
        #expect(ids.count == 10_100)
        let years = try #require(results.facets.first).values.map(\.count).reduce(0, +)
        #expect(years == 10_100)
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

    @Test func snippetHighlightsCountCharactersWhateverTheirBytes() {
        // Offsets are Characters: accents, an emoji, a flag and a combining mark are one each.
        let snippet = Snippet.fromXapian("…Café 🇵🇰 <b>Zardari</b> said e\u{301}té <b>Kārachi</b>&amp;<b>Delhi</b>")
        #expect(snippet.text == "…Café 🇵🇰 Zardari said e\u{301}té Kārachi&Delhi")
        #expect(snippet.highlights == [8..<15, 25..<32, 33..<38])
        #expect(snippet.marked(open: "[", close: "]") == "…Café 🇵🇰 [Zardari] said e\u{301}té [Kārachi]&[Delhi]")
    }

    @Test func snippetEntitiesAndTagsOutOfTheUsualAreKeptAsText() {
        // An unknown entity and a lone ampersand stay as they are; an empty or unclosed
        // highlight marks nothing; every entity Xapian writes is decoded.
        let snippet = Snippet.fromXapian("AT&T &copy; &quot;Q&#39;s&quot; <b></b>x <b>open")
        #expect(snippet.text == "AT&T &copy; \"Q's\" x open")
        #expect(snippet.highlights.isEmpty)
        #expect(Snippet.fromXapian("").text.isEmpty)
        #expect(Snippet.fromXapian("<b>a</b><b>b</b>").highlights == [0..<1, 1..<2])
    }
}
