import CSV
import Foundation
import Testing
import TestSupport
import Indexer
@testable import Search

/// `dossier batch`: line parsing, one row per query, filters, and bad lines.
@Suite struct BatchTests {
    // MARK: - Parsing

    @Test func aTextLineIsAQueryFollowedByOptions() throws {
        let query = try #require(try BatchFile.parse(
            line: #""Mumbai attack" OR extradition --actor "Tahawwur Rana" --actor=Modi --from 2025-01 --to=2025-06 --id watch-1 --any"#,
            number: 3, file: "list.txt"))
        #expect(query.id == "watch-1")
        #expect(query.line == 3)
        #expect(query.request.query == #""Mumbai attack" OR extradition"#)
        #expect(query.request.actors == ["Tahawwur Rana", "Modi"])
        #expect(query.request.publishedFrom == "2025-01")
        #expect(query.request.publishedTo == "2025-06")
        #expect(query.request.matchAny)
    }

    @Test func optionsAloneMakeAFilterOnlyQueryAndTheIdDefaultsToTheLine() throws {
        let query = try #require(try BatchFile.parse(line: "--type person --source dawn --source 'the hindu'", number: 9, file: "f"))
        #expect(query.id == "9")
        #expect(query.request.query == "")
        #expect(query.request.actorTypes == [.person])
        #expect(query.request.sources == ["dawn", "the hindu"])
    }

    @Test func anUnknownTypeOnAnyLineGetsTheMessageOfTheTypeOption() throws {
        // The message `dossier search --type persons` prints (SearchError.invalidFilter).
        let expected = "--type persons: use one of person, organization, country, location, group"
        for line in ["talks --type persons", #"{"text": "talks", "types": ["persons"]}"#] {
            #expect(throws: BatchLineError(file: "f", line: 4, id: nil, message: expected)) {
                try BatchFile.parse(line: line, number: 4, file: "f")
            }
        }
    }

    @Test func aDashInsideTheQueryIsNotAnOption() throws {
        let query = try #require(try BatchFile.parse(line: "extradition -Rana \"a --b\" --from 2020", number: 1, file: "f"))
        #expect(query.request.query == "extradition -Rana \"a --b\"")
        #expect(query.request.publishedFrom == "2020")
    }

    @Test func aJSONLineReadsTheBenchmarkQueryFormat() throws {
        let line = #"{"id": "q003", "text": "proposal", "actor": "Wei Wang", "actor_slug": "wei-wang", "date_from": "2018-12-01", "date_to": null}"#
        let query = try #require(try BatchFile.parse(line: line, number: 1, file: "q.jsonl"))
        #expect(query.id == "q003")
        #expect(query.request.query == "proposal")
        #expect(query.request.actors == ["Wei Wang"])
        #expect(query.request.publishedFrom == "2018-12-01")
        #expect(query.request.publishedTo == nil)
    }

    @Test func blankAndCommentLinesAreSkipped() throws {
        #expect(try BatchFile.parse(line: "   ", number: 1, file: "f") == nil)
        #expect(try BatchFile.parse(line: "# watch list", number: 2, file: "f") == nil)
    }

    @Test(arguments: [
        ("ceasefire --colour red", "unknown option --colour"),
        ("ceasefire --actor", "--actor needs a value"),
        ("ceasefire --actor \"Rana", "unbalanced quote"),
        ("{\"text\": 12}", "not a valid JSON query object"),
    ])
    func aBadLineNamesFileAndLine(line: String, message: String) {
        #expect {
            _ = try BatchFile.parse(line: line, number: 4, file: "watch.txt")
        } throws: { error in
            let failure = error as? BatchLineError
            return failure?.description.hasPrefix("watch.txt:4: ") == true && failure?.message.contains(message) == true
        }
    }

    // MARK: - Running

    /// An index of passages with declared actors (as the benchmark builds).
    static let shared = Result { () throws -> (TemporaryDirectory, String) in
        let dir = TemporaryDirectory("batch")
        let lines = [
            #"{"id": "p1", "text": "The extradition hearing was postponed.", "actors": ["Laura Smith", "Wei Wang"], "date": "2019-03-01"}"#,
            #"{"id": "p2", "text": "Extradition talks resumed in Delhi.", "actors": ["Laura Smith"], "date": "2021-05-01"}"#,
            #"{"id": "p3", "text": "A ceasefire was agreed.", "actors": ["Wei Wang"], "date": "2021-06-01"}"#,
            #"{"id": "p4", "text": "Extradition of the suspect was approved.", "actors": [], "date": "2024-01-01"}"#,
        ]
        let file = try dir.write("passages.jsonl", lines.joined(separator: "\n") + "\n")
        let path = dir.path("idx")
        _ = try IndexingRun(options: IndexingOptions(indexPath: path, tagger: DeclaredActorsTagger(), reader: PassagesJSONLReader()))
            .run(paths: [file])
        return (dir, path)
    }

    private func run(_ lines: [String], options: BatchOptions = BatchOptions()) throws -> (String, BatchReport, [BatchLineError]) {
        let (dir, index) = try Self.shared.get()
        let output = dir.path("out-\(UUID().uuidString)")
        let sink = try OutputSink.file(output)
        var problems: [BatchLineError] = []
        let report = try BatchRunner(engine: try SearchEngine(indexPath: index), options: options)
            .run(lines: lines, file: "watch.txt", to: sink) { problems.append($0) }
        try sink.close()
        return (try String(contentsOfFile: output, encoding: .utf8), report, problems)
    }

    @Test func eachQueryGetsOneTSVRowWithTotalTopIdsAndFacets() throws {
        let (text, report, problems) = try run(["extradition --id x", "# comment", "ceasefire", "extradition --actor 'Wei Wang'"])
        #expect(problems.isEmpty)
        #expect(report.queries == 3)
        // The top ids are the three extradition passages in the order `search` ranks them.
        let top = try rankOrder("extradition")
        #expect(Set(top.split(separator: ",")) == ["p1#1", "p2#1", "p4#1"])
        #expect(text.split(separator: "\n").map(String.init) == [
            "x\t3\t\(top)\tlaura-smith=2,wei-wang=1",
            "3\t1\tp3#1\twei-wang=1",
            "4\t1\tp1#1\tlaura-smith=1,wei-wang=1",
        ])
    }

    @Test func aBatchPastItsDeadlineAnswersTheRestWithErrorRowsNotCounts() throws {
        let lines = ["extradition --id x", "ceasefire --id y"]
        var options = BatchOptions(format: .jsonl)
        // Far off: the same rows as with no deadline.
        options.deadline = .now + .seconds(600)
        let (whole, wholeReport, _) = try run(lines, options: options)
        #expect(whole == (try run(lines, options: BatchOptions(format: .jsonl))).0)
        #expect(wholeReport.queries == 2 && wholeReport.failed.isEmpty)
        // Already past: no line runs, each is an error row naming why, none has a total.
        options.deadline = .now - .seconds(1)
        let (text, report, problems) = try run(lines, options: options)
        #expect(report.queries == 0)
        #expect(problems.map(\.line) == [1, 2])
        let rows = text.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(rows.map { $0["id"] as? String } == ["x", "y"])
        #expect(rows.allSatisfy { $0["total"] == nil || $0["total"] is NSNull })
        #expect(rows.allSatisfy { ($0["error"] as? String)?.hasPrefix("not run: the batch used up its time limit") == true })
    }

    @Test func filtersRestrictTheCountsLikeSearchDoes() throws {
        let (text, _, _) = try run(
            ["extradition --from 2020 --to 2022", "extradition --actor laura-smith", "--actor 'Laura Smith' --actor 'Wei Wang'"],
            options: BatchOptions(facets: [], hitID: .article))
        let totals = text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false)[1] }
        #expect(totals == ["1", "2", "1"])
        #expect(text.split(separator: "\n").first == "1\t1\tp2")
    }

    @Test func aBadLineIsReportedAndTheRestStillRun() throws {
        let (text, report, problems) = try run(
            ["ceasefire", "ceasefire --colour red", "extradition --actor Nobody", "extradition"],
            options: BatchOptions(format: .csv))
        #expect(problems.map(\.line) == [2, 3])
        #expect(problems.first?.description.hasPrefix("watch.txt:2: unknown option --colour") == true)
        #expect(report.queries == 2)
        #expect(report.failed.count == 2)
        let rows = try CSVReader(string: text, hasHeaderRow: true).map { $0 }
        #expect(rows.count == 4)
        #expect(rows[0][3] == "1")
        #expect(rows[1][1] == "2" && rows[1][6].contains("unknown option"))
        #expect(rows[2][6].contains("Nobody"))
        #expect(rows[3][3] == "3" && rows[3][6] == "")
    }

    @Test func jsonlRowsCarryFacetNamesAndExactness() throws {
        let (text, _, _) = try run([#"{"id": "a", "text": "extradition"}"#], options: BatchOptions(top: 1, format: .jsonl))
        let row = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(row["id"] as? String == "a")
        #expect(row["total"] as? Int == 3)
        #expect(row["total_exact"] as? Bool == true)
        #expect((row["hits"] as? [String])?.count == 1)
        let actors = (row["facets"] as? [String: Any])?["actor"] as? [[String: Any]]
        #expect(actors?.first?["value"] as? String == "Laura Smith")
        #expect(actors?.first?["id"] as? String == "laura-smith")
        #expect(actors?.first?["count"] as? Int == 2)
    }

    /// The ranked passage ids of `query`, as `search` orders them (BM25).
    private func rankOrder(_ query: String) throws -> String {
        let hits = try SearchEngine(indexPath: try Self.shared.get().1).search(SearchRequest(query: query, limit: nil)).hits
        return hits.map(\.record.passageID).joined(separator: ",")
    }
}
