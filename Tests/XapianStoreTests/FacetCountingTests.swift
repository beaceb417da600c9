import Foundation
import Testing
import TestSupport
@testable import XapianStore

/// Facets are counted by Xapian's stock `ValueCountMatchSpy` (so a stock `xapian-tcpsrv` can
/// count them for a remote shard), which counts whole stored values; `FacetCounter` splits the
/// combinations. These tests pin that the split counts are exact, however many items a passage has.
@Suite struct FacetCountingTests {
    static let separator = String(IndexSchema.multiValueSeparator)

    /// Writes one document per item list (slot `actors`), each with a unique term and the term `Xall`.
    static func write(_ lists: [[String]], to path: String) throws {
        let writer = try WritableDatabase(path: path)
        for (index, items) in lists.enumerated() {
            let document = try Document()
            try document.addBooleanTerm("Xall")
            if !items.isEmpty { try document.setValue(items.joined(separator: separator), slot: .actors) }
            try writer.replace(uniqueTerm: "Qdoc\(index)", with: document)
        }
        try writer.commit()
    }

    static func counts(_ database: Database) throws -> (counts: [String: Int], examined: Int, total: Int) {
        let enquire = try Enquire(database: database, query: try Query.term("Xall"))
        let counter = try enquire.addFacet(slot: .actors)
        let page = try enquire.matchSet(first: 0, maximum: 0, checkAtLeast: max(try database.documentCount(), 1))
        return (try counter.counts(), counter.documentsExamined, page.totals.estimated)
    }

    /// 40 items on one passage (far more than any fixed run of slots), repeated combinations in
    /// different orders, single items and passages without any.
    static let lists: [[String]] = [
        (0..<40).map { "actor-\($0)" },
        ["actor-1", "actor-2"],
        ["actor-2", "actor-1"],
        ["actor-1", "actor-2"],
        ["actor-7"],
        [],
        ["solo"],
    ]

    static func expected() -> [String: Int] {
        var result: [String: Int] = [:]
        for items in lists { for item in items { result[item, default: 0] += 1 } }
        return result
    }

    @Test func everyItemOfEveryCombinationIsCountedOncePerPassage() throws {
        let dir = TemporaryDirectory()
        try Self.write(Self.lists, to: dir.path("idx"))
        let (counts, examined, total) = try Self.counts(try Database(path: dir.path("idx")))
        #expect(counts == Self.expected())
        #expect(counts["actor-1"] == 4)
        #expect(counts["actor-39"] == 1)
        #expect(examined == Self.lists.count)
        #expect(total == Self.lists.count)
    }

    @Test func splittingSumsCombinationsAndSkipsEmptyItems() {
        let counts = FacetCounter.itemCounts([("a\u{1F}b", 3), ("b\u{1F}a", 2), ("a", 1), ("", 5), ("c\u{1F}\u{1F}d", 1)])
        #expect(counts == ["a": 6, "b": 5, "c": 1, "d": 1])
    }

    /// Two shards opened through a Xapian stub file count the same as one database holding both.
    @Test func aStubOfTwoShardsCountsLikeOneDatabase() throws {
        let dir = TemporaryDirectory()
        try Self.write(Self.lists, to: dir.path("one"))
        try Self.write(Array(Self.lists.prefix(3)), to: dir.path("shard0"))
        // Distinct unique terms in the second shard: its documents are other passages.
        let rest = Array(Self.lists.dropFirst(3))
        let writer = try WritableDatabase(path: dir.path("shard1"))
        for (index, items) in rest.enumerated() {
            let document = try Document()
            try document.addBooleanTerm("Xall")
            if !items.isEmpty { try document.setValue(items.joined(separator: Self.separator), slot: .actors) }
            try writer.replace(uniqueTerm: "Qrest\(index)", with: document)
        }
        try writer.commit()
        let stub = try dir.write("stub", "auto shard0\nauto shard1\n")
        let one = try Self.counts(try Database(path: dir.path("one")))
        let sharded = try Self.counts(try Database(path: stub))
        #expect(sharded.counts == one.counts)
        #expect(sharded.total == one.total)
        #expect(sharded.examined == one.examined)
    }
}
