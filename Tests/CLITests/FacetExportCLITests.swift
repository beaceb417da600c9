import CSV
import Foundation
import Testing
import TestSupport

/// The done-criterion through the binary, on the seeds and on a Reuters-21578 file:
/// `dossier search Q --facet F --format json` gives counts that each equal the total of
/// `dossier search Q` filtered by that value, and `--limit all --format csv` exports every hit.
/// The default CSV columns (the CLI tests do not import Search).
enum ExportFieldNames {
    static let defaults = "rank,score,passage_id,article_id,file,paragraph,kind,title,published,source,actors,dates,text,snippet"
}

@Suite(.serialized) struct FacetExportCLITests {
    static let reuters = Paths.corpora.appendingPathComponent("reuters21578/reut2-000.sgm.gz")
    static var reutersPresent: Bool { FileManager.default.fileExists(atPath: reuters.path) }
    static let reutersAbsent = Comment(rawValue: "Reuters-21578 not found at \(reuters.path); set DOSSIER_CORPORA to the folder holding reuters21578/")

    private func json(_ arguments: [String]) throws -> [String: Any] {
        let run = try EndToEndTests.dossier(arguments)
        #expect(run.status == 0, "\(arguments): \(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    /// The option that filters by one value of a facet.
    private func filter(_ facet: String, _ value: [String: Any]) -> [String] {
        let text = value["value"] as! String
        switch facet {
        case "actor", "person", "organization", "country", "location", "group": return ["--actor", "=" + text]
        case "type": return ["--type", text]
        case "source": return ["--source", text]
        case "published-month", "published-year": return ["--from", text, "--to", text]
        default: return ["--mentioned-from", text, "--mentioned-to", text]
        }
    }

    /// Checks every facet value of `query` against the filtered total, and the full CSV export.
    private func check(index: String, query: String) throws -> Int {
        let facets = ["actor", "type", "source", "published-month", "published-year", "mentioned-year"]
        // The 12 largest values of each facet: one process per value keeps this to a few seconds;
        // the library tests check every value.
        let results = try json(["search", query, "--index", index, "--format", "json", "--limit", "0", "--facet-limit", "12"]
            + facets.flatMap { ["--facet", $0] })
        let total = try #require(results["total"] as? Int)
        #expect(results["total_exact"] as? Bool == true)
        #expect(results["facets_exact"] as? Bool == true)
        var checked = 0
        for (facet, values) in try #require(results["facets"] as? [String: [[String: Any]]]) {
            for value in values {
                let filtered = try json(["search", query, "--index", index, "--format", "json", "--limit", "0"] + filter(facet, value))
                #expect(filtered["total"] as? Int == value["count"] as? Int, "\(facet)=\(value["value"]!)")
                checked += 1
            }
        }
        let csv = try EndToEndTests.dossier(["search", query, "--index", index, "--format", "csv", "--limit", "all"])
        #expect(csv.status == 0)
        let reader = try CSVReader(string: csv.stdout, hasHeaderRow: true)
        var rows = 0
        while reader.next() != nil { rows += 1 }
        #expect(rows == total)
        let count = try json(["count", query, "--index", index, "--format", "json"])
        #expect(count["total"] as? Int == total)
        return checked
    }

    @Test func seedsFacetsEqualFilteredTotalsAndCSVHasEveryHit() throws {
        let dir = TemporaryDirectory()
        let index = dir.path("idx")
        #expect(try EndToEndTests.dossier(["index", Paths.seeds.path, "--index", index]).status == 0)
        #expect(try check(index: index, query: "extradition") > 0)
        #expect(try check(index: index, query: "") > 0)
    }

    @Test(.enabled(if: reutersPresent, reutersAbsent))
    func reutersFacetsEqualFilteredTotalsAndCSVHasEveryHit() throws {
        let dir = TemporaryDirectory()
        let index = dir.path("idx")
        let indexed = try EndToEndTests.dossier(["index", Self.reuters.path, "--index", index])
        #expect(indexed.status == 0, "\(indexed.stderr)")
        #expect(try check(index: index, query: "oil") > 0)
    }

    /// Every row of a `count --by` table equals the total of `count` filtered by that row's
    /// value: an independent route (the filters), not the facet code the table shares, so a
    /// table that loses, merges or miscounts a row fails here.
    @Test func countTablesEqualFilteredCounts() throws {
        let dir = TemporaryDirectory()
        let index = dir.path("idx")
        #expect(try EndToEndTests.dossier(["index", Paths.seeds.path, "--index", index]).status == 0)
        for query in ["extradition", ""] {
            for dimension in ["actor", "type", "published-month", "mentioned-year"] {
                let table = try EndToEndTests.dossier(["count", query, "--by", dimension, "--format", "csv", "--index", index])
                #expect(table.status == 0, "\(table.stderr)")
                let reader = try CSVReader(string: table.stdout, hasHeaderRow: true)
                var rows = 0
                var counted: [String: Int] = [:]
                while let row = reader.next() {
                    rows += 1
                    let value = row[0], count = Int(row[row.count - 1])
                    counted[value] = count
                    let filter: [String]
                    switch dimension {
                    case "actor": filter = ["--actor", "=" + value]
                    case "type": filter = ["--type", value]
                    case "published-month": filter = ["--from", value, "--to", value]
                    default: filter = ["--mentioned-from", value, "--mentioned-to", value]
                    }
                    let filtered = try json(["count", query, "--index", index, "--format", "json"] + filter)
                    #expect(filtered["total"] as? Int == count, "\(query) by \(dimension): \(value)")
                }
                #expect(rows > 0, "\(query) by \(dimension) has rows")
                if query.isEmpty && dimension == "actor" {
                    // No row lost: over every passage the table lists exactly the index's actors
                    // with the passage counts the indexer stored (`dossier actors`).
                    let actors = try #require(try json(["actors", "--index", index, "--format", "json"])["actors"] as? [[String: Any]])
                    let stored = Dictionary(uniqueKeysWithValues: actors.compactMap { actor in
                        (actor["name"] as? String).map { ($0, actor["passages"] as? Int ?? -1) } })
                    #expect(counted == stored.filter { $0.value > 0 })
                }
            }
        }
    }

    /// More hits than one match-set page (`SearchEngine`'s pageSize, 10,000): `--limit all`
    /// must stream every page through the binary, in CSV and JSON lines, each hit once.
    @Test(.enabled(if: reutersPresent, reutersAbsent))
    func limitAllExportsEveryPageThroughTheBinary() throws {
        let dir = TemporaryDirectory()
        let index = dir.path("idx")
        let second = Paths.corpora.appendingPathComponent("reuters21578/reut2-001.sgm.gz")
        let indexed = try EndToEndTests.dossier(["index", Self.reuters.path, second.path, "--index", index, "--no-tagging"])
        #expect(indexed.status == 0, "\(indexed.stderr)")
        let total = try #require(try json(["count", "--index", index, "--format", "json"])["total"] as? Int)
        #expect(total > 10_000, "the two files must give more than one page")
        let csv = try EndToEndTests.dossier(["search", "--index", index, "--format", "csv", "--limit", "all", "--fields", "passage_id"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let reader = try CSVReader(string: csv.stdout, hasHeaderRow: true)
        var ids = Set<String>()
        var rows = 0
        while let row = reader.next() { rows += 1; ids.insert(row[0]) }
        #expect(rows == total)
        #expect(ids.count == total, "every hit once")
        let jsonl = try EndToEndTests.dossier(["search", "--index", index, "--format", "jsonl", "--limit", "all", "--fields", "passage_id"])
        #expect(jsonl.stdout.split(separator: "\n").count == total)
    }

    @Test func countGivesTablesAndAMatrix() throws {
        let dir = TemporaryDirectory()
        let index = dir.path("idx")
        try EndToEndTests.dossier(["index", Paths.seeds.path, "--index", index])
        let plain = try EndToEndTests.dossier(["count", "extradition", "--index", index])
        #expect(plain.stdout == "12 passages for: extradition\n")
        let table = try EndToEndTests.dossier(["count", "--by", "published-month", "--format", "csv", "--index", index])
        let tableRows = table.stdout.split(separator: "\r\n").map { $0.split(separator: ",").map(String.init) }
        #expect(tableRows.first == ["published-month", "count"])
        let months = tableRows.dropFirst().map { $0[0] }
        #expect(months.contains("2025-07") && months == months.sorted())
        let matrix = try EndToEndTests.dossier([
            "count", "--by", "published-year", "--by", "published-month", "--format", "csv", "--index", index, "-o", dir.path("m.csv"),
        ])
        #expect(matrix.status == 0)
        #expect(matrix.stderr.contains("wrote the counts of 75 passages to"))
        let reader = try CSVReader(string: try String(contentsOfFile: dir.path("m.csv"), encoding: .utf8), hasHeaderRow: true)
        #expect(reader.headerRow == ["published-year \\ published-month"] + months)
        // Every dated seed is from 2025, so the 2025 row repeats the month table.
        #expect(reader.next() == ["2025"] + tableRows.dropFirst().map { $0[1] })
        let tooMany = try EndToEndTests.dossier(["count", "--by", "actor", "--by", "type", "--by", "source", "--index", index])
        #expect(tooMany.status == 64)
        let bad = try EndToEndTests.dossier(["count", "extradition AND", "--by", "actor", "--index", index])
        #expect(bad.status == 65)
        #expect(bad.stderr.hasPrefix("dossier: error: invalid query \"extradition AND\": "))
        let missing = try EndToEndTests.dossier(["count", "--index", dir.path("none")])
        #expect(missing.status == 66)
        let help = try EndToEndTests.dossier(["count", "--help"])
        #expect(help.stdout.contains("--by <dimension>"))
        #expect(help.stdout.contains("actor x month"))
    }

    @Test func textOutputHasAFacetPanelAndADidYouMean() throws {
        let dir = TemporaryDirectory()
        let index = dir.path("idx")
        try EndToEndTests.dossier(["index", Paths.seeds.path, "--index", index])
        let run = try EndToEndTests.dossier(["search", "extradition", "--facet", "published-month", "--limit", "1", "--index", index])
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "12 passages for: extradition, counted exactly")
        #expect(lines.dropFirst().first?.hasPrefix("published-month: ") == true)
        #expect(lines.dropFirst().first?.contains("2025-07 3") == true)
        let context = try EndToEndTests.dossier(["search", "\"Mumbai attack\"", "--context", "1", "--format", "csv", "--index", index])
        #expect(context.stdout.hasPrefix(ExportFieldNames.defaults + ",context\r\n"))
        let typo = try EndToEndTests.dossier(["search", "extradtion", "--index", index])
        #expect(typo.stdout.contains("Did you mean: extradition"))
    }
}
