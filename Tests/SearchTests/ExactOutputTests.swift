import Output
import Foundation
import Testing
import TestSupport
@testable import Search

/// Each writer's default output, byte for byte, on the hand-written fixture index: a table that
/// loses a row, a column or its alignment fails here, not only a `contains` check.
@Suite struct ExactOutputTests {
    private static let options = ExportOptions(
        fields: [], request: SearchRequest(query: "Pakistan OR extradition"), indexPath: "fx", generator: "test",
        generatedAt: "now", styled: false)

    private func engine() throws -> SearchEngine { try SearchEngine(indexPath: try FacetTests.fixture.get().path) }

    /// What `write` sends to a sink, as text.
    private func output(_ write: (OutputSink) throws -> Void) throws -> String { try FixtureOutput.captured(write) }

    private func counts(by dimensions: [FacetKind], format: OutputFormat) throws -> String {
        let counts = try engine().count(SearchRequest(query: "Pakistan OR extradition"), by: dimensions)
        return try output { try CountWriter(sink: $0, format: format, options: Self.options).write(counts) }
    }

    @Test func aCountIsOneLine() throws {
        #expect(try counts(by: [], format: .text) == "9 passages for: Pakistan OR extradition\n")
    }

    @Test func aCountTableIsAlignedWithEveryRow() throws {
        #expect(try counts(by: [.actor], format: .text) == """
            9 passages for: Pakistan OR extradition, counted exactly

            actor            type          count
            Pakistan         country           5
            India            country           3
            Tahawwur Rana    person            3
            Hafiz Saeed      person            2
            Lashkar-e-Taiba  organization      2
            Mumbai           location          1

            """)
        #expect(try counts(by: [.actor], format: .tsv) == """
            actor\ttype\tid\tcount
            Pakistan\tcountry\tpakistan\t5
            India\tcountry\tindia\t3
            Tahawwur Rana\tperson\ttahawwur-rana\t3
            Hafiz Saeed\tperson\thafiz-saeed\t2
            Lashkar-e-Taiba\torganization\tlashkar-e-taiba\t2
            Mumbai\tlocation\tmumbai\t1

            """)
    }

    @Test func aCountMatrixIsAligned() throws {
        #expect(try counts(by: [.actor, .publishedMonth], format: .text) == """
            9 passages for: Pakistan OR extradition, counted exactly

            actor \\ published-month  2024-12  2025-01  2025-02
            Pakistan                       1        1        2
            India                          1        0        2
            Tahawwur Rana                  0        2        0
            Hafiz Saeed                    0        0        1
            Lashkar-e-Taiba                0        1        1
            Mumbai                         0        1        0

            """)
    }

    /// The actor table checked by another route than the facet counter it is built from: one
    /// filtered search per actor of the index. Every actor with a match has its row, with the
    /// filtered total, and no other row is listed.
    @Test func theActorTableEqualsOneFilteredSearchPerActor() throws {
        let engine = try engine()
        let query = SearchRequest(query: "Pakistan OR extradition", limit: 0)
        let table = try engine.count(query, by: [.actor])
        var expected: [String: Int] = [:]
        for actor in try engine.actorDirectory().actors {
            var filtered = query
            filtered.actors = ["=" + actor.name]
            let total = try engine.search(filtered).total
            if total > 0 { expected[actor.name] = total }
        }
        #expect(expected.count >= 6)
        #expect(Dictionary(uniqueKeysWithValues: table.rows.map { ($0.value, $0.count) }) == expected)
    }

    @Test func batchRowsAreExactInTSVAndCSV() throws {
        let engine = try engine()
        func batch(_ format: OutputFormat) throws -> String {
            try output { sink in
                _ = try BatchRunner(engine: engine, options: BatchOptions(top: 2, format: format)).run(
                    lines: ["extradition --id ex", "--type persons", "--actor Rana --from 2025"], file: "w.txt", to: sink) { _ in }
            }
        }
        #expect(try batch(.tsv) == """
            ex\t5\tfx/a1#0,fx/a4#2\ttahawwur-rana=3,india=1,mumbai=1,pakistan=1
            2\t\t\t
            3\t2\tfx/a1#0,fx/a1#1\ttahawwur-rana=2,mumbai=1

            """)
        #expect(try batch(.csv) == """
            id,line,query,total,top_ids,actor,error\r
            ex,1,extradition,5,"fx/a1#0,fx/a4#2","tahawwur-rana=3,india=1,mumbai=1,pakistan=1",\r
            ,2,'--type persons,,,,"'--type persons: use one of person, organization, country, location, group"\r
            3,3,,2,"fx/a1#0,fx/a1#1","tahawwur-rana=2,mumbai=1",\r

            """)
    }

    /// Every JSON document names its output schema: batch rows too (they did not before).
    @Test func batchJSONLinesRowsCarryTheFormatVersion() throws {
        let engine = try engine()
        let text = try output { sink in
            _ = try BatchRunner(engine: engine, options: BatchOptions(top: 1, format: .jsonl)).run(
                lines: ["extradition", "--type persons"], file: "w.txt", to: sink) { _ in }
        }
        let rows = text.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(rows.count == 2)
        for row in rows { #expect(row?["format_version"] as? Int == OutputFormat.version) }
    }

    /// Batch TSV rows get the formula neutralisation every other table has.
    @Test func aBatchTSVCellThatLooksLikeAFormulaIsNeutralised() throws {
        let engine = try engine()
        let text = try output { sink in
            _ = try BatchRunner(engine: engine, options: BatchOptions(top: 1, facets: [], format: .tsv)).run(
                lines: ["extradition --id =SUM(A1)"], file: "w.txt", to: sink) { _ in }
        }
        #expect(text == "'=SUM(A1)\t5\tfx/a1#0\n")
    }
}
