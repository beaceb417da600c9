import Foundation
import Indexer
import Testing
import TestSupport
import XapianStore
@testable import Search

/// Filters written in the query narrow the words, whatever their order, kind and company
/// (issue 10, item 1): checked against a brute-force scan of the stored records.
@Suite struct FilterCompositionTests {
    static let fixture = Result { try FixtureIndex() }

    private func engine() throws -> SearchEngine { try SearchEngine(indexPath: try Self.fixture.get().path) }

    /// One engine per test: a thousand queries share its parser.
    private let shared = Result { try SearchEngine(indexPath: try FilterCompositionTests.fixture.get().path) }

    private func ids(_ query: String) throws -> Set<String> {
        Set(try shared.get().search(SearchRequest(query: query, limit: nil)).hits.map(\.record.passageID))
    }

    /// Every stored record, read by walking the whole index (the independent route).
    private func records() throws -> [PassageRecord] {
        try engine().search(SearchRequest(query: "", limit: nil)).hits.map(\.record)
    }

    /// A filter as written in the query, with the rule a record must pass, decided from the
    /// record's own fields (not from any index term).
    struct Filter: CustomStringConvertible {
        var text: String
        var keeps: @Sendable (PassageRecord) -> Bool
        var description: String { text }
    }

    static let filters: [Filter] = [
        Filter(text: "actor:Pakistan") { $0.actors.contains { $0.name == "Pakistan" } },
        Filter(text: "actor:LeT") { $0.actors.contains { $0.name == "Lashkar-e-Taiba" } },
        Filter(text: "published:2025..2025") { ($0.published ?? "").hasPrefix("2025") },
        Filter(text: "published:2025-01..2025-02") { record in
            ["2025-01", "2025-02"].contains { (month: String) in (record.published ?? "").hasPrefix(month) }
        },
        Filter(text: "mentioned:2008..2008") { $0.dates.contains { $0.value.hasPrefix("2008") } },
        Filter(text: "source:Dawn") { $0.source == "Dawn" },
        Filter(text: "type:person") { $0.actors.contains { $0.type == "person" } },
        Filter(text: "-actor:India") { !$0.actors.contains { $0.name == "India" } },
        Filter(text: "-source:Dawn") { $0.source != "Dawn" },
    ]

    /// Whether `record` passes `filters`: repeated uses of one field OR, except `actor:`,
    /// whose uses AND (both actors); different fields and exclusions AND.
    static func keeps(_ record: PassageRecord, _ filters: [Filter]) -> Bool {
        let including = Dictionary(grouping: filters.filter { !$0.text.hasPrefix("-") }) { $0.text.split(separator: ":")[0] }
        return filters.filter { $0.text.hasPrefix("-") }.allSatisfy { $0.keeps(record) }
            && including.allSatisfy { field, uses in
                field == "actor" ? uses.allSatisfy { $0.keeps(record) } : uses.contains { $0.keeps(record) }
            }
    }

    /// Word parts with explicit operators; a filter joins them outside brackets.
    static let wordParts = ["", "extradition", "extradition OR Pakistan", "Pakistan -India", "NOT ceasefire",
                            "(Rana OR Saeed)", "\"Tahawwur Rana\" OR LeT", "court heard"]

    @Test func filtersNarrowInEveryOrderAndCombination() throws {
        let all = try records()
        #expect(all.count == 17)
        var checked = 0
        for words in Self.wordParts {
            let base = words.isEmpty ? Set(all.map(\.passageID)) : try ids(words)
            // Pairs and triples of filters, in every order, before, after and around the words.
            for (i, first) in Self.filters.enumerated() {
                for (j, second) in Self.filters.enumerated() where j != i {
                    for third in [nil] + Self.filters.indices.filter({ $0 != i && $0 != j }).map({ Self.filters[$0] }) {
                        let chosen = [first, second] + (third.map { [$0] } ?? [])
                        let expected = base.filter { id in Self.keeps(all.first { $0.passageID == id }!, chosen) }
                        let texts = chosen.map(\.text)
                        for layout in 0..<3 {
                            let query: String
                            switch layout {
                            case 0: query = (texts + [words]).joined(separator: " ")
                            case 1: query = ([words] + texts).joined(separator: " ")
                            default: query = ([texts[0], words] + texts.dropFirst()).joined(separator: " ")
                            }
                            #expect(try ids(query) == expected, "\(query) expected \(expected.sorted())")
                            checked += 1
                        }
                    }
                }
            }
        }
        #expect(checked > 1000)
    }

    @Test func aFilterAsAnOperandOfAnOperatorKeepsTheOperator() throws {
        // `x OR actor:India`: the filter is one side of the OR, as written.
        let all = try records()
        let india = Set(all.filter { $0.actors.contains { $0.name == "India" } }.map(\.passageID))
        #expect(try ids("ceasefire OR actor:India") == (try ids("ceasefire")).union(india))
        #expect(try ids("extradition NOT actor:India") == (try ids("extradition")).subtracting(india))
        #expect(try ids("ceasefire OR Pakistan AND NOT actor:India") == (try ids("ceasefire OR Pakistan")).subtracting(india))
        #expect(try ids("ceasefire OR Pakistan AND actor:India") == (try ids("ceasefire OR Pakistan")).intersection(india))
        #expect(try ids("actor:India AND ceasefire OR Pakistan") == (try ids("ceasefire OR Pakistan")).intersection(india))
        // Inside brackets, filters narrow the bracket, in any order.
        let inner = try ids("(actor:Pakistan published:2025..2025)")
        #expect(inner == (try ids("(published:2025..2025 actor:Pakistan)")))
        #expect(inner == Set(all.filter { r in r.actors.contains { $0.name == "Pakistan" } && (r.published ?? "").hasPrefix("2025") }.map(\.passageID)))
        #expect(!inner.isEmpty)
    }

    @Test func filtersInTheQueryEqualTheOptions() throws {
        let engine = try engine()
        func count(_ query: String, _ configure: (inout SearchRequest) -> Void = { _ in }) throws -> Int {
            var request = SearchRequest(query: query, limit: 0)
            configure(&request)
            return try engine.search(request).total
        }
        let options = try count("extradition OR Pakistan") {
            $0.actors = ["Pakistan"]
            $0.publishedFrom = "2024"
            $0.publishedTo = "2025"
        }
        #expect(options > 0)
        for query in ["actor:Pakistan published:2024..2025 extradition OR Pakistan",
                      "extradition OR Pakistan published:2024..2025 actor:Pakistan",
                      "published:2024..2025 extradition OR Pakistan actor:Pakistan"] {
            #expect(try count(query) == options, "\(query)")
        }
    }
}
