import NewsModel
import Testing
import TestSupport
@testable import XapianStore

/// The range and field processors the shim adds to Xapian's QueryParser.
@Suite struct QueryParserTests {
    /// An index of three documents dated 2024-12-31, 2025-01-15 and 2025-03-31, mentioning
    /// 2008-11-26, 2008-11 and 2009 respectively (with the containing month and year terms, as
    /// IndexWriter writes them), with actors tahawwur-rana / pakistan; and a fourth, "d", dated
    /// only "2025" (first day 20250101, last day 20251231).
    private func fixture() throws -> (TemporaryDirectory, Database) {
        let dir = TemporaryDirectory()
        let writer = try WritableDatabase(path: dir.path("idx"))
        let rows: [(String, String, String, [String], String)] = [
            ("a", "20241231", "20241231", ["XD2008", "XD200811", "XD20081126"], "tahawwur-rana"),
            ("b", "20250115", "20250115", ["XD2008", "XD200811"], "pakistan"),
            ("c", "20250331", "20250331", ["XD2009"], "tahawwur-rana"),
            ("d", "20250101", "20251231", [], "india"),
        ]
        for (id, date, last, mentioned, actor) in rows {
            let doc = try Document()
            try doc.setValue(date, slot: .published)
            try doc.setValue(last, slot: .publishedLast)
            for term in mentioned { try doc.addBooleanTerm(term) }
            try doc.addBooleanTerm("XA" + actor)
            try doc.addBooleanTerm("Q" + id)
            try doc.setData(id)
            try writer.replace(uniqueTerm: "Q" + id, with: doc)
        }
        try writer.commit()
        return (dir, try Database(path: dir.path("idx")))
    }

    struct Refused: Error, Equatable { var value: String }

    private func ids(_ db: Database, _ text: String) throws -> [String] {
        let parser = try QueryParser(database: db, language: "english", stemming: .some)
        try parser.addDateField(field: "published", first: .published, last: .publishedLast)
        try parser.addDateTermField(field: "mentioned", prefix: "XD")
        try parser.addFilterField(field: "actor", repeatedUsesAND: true) { value in
            if value == "nobody" { throw Refused(value: value) }
            return try Query.term("XA" + Slug.fold(value))
        }
        try parser.addFilterField(field: "id", repeatedUsesAND: false) { try Query.term("Q" + $0) }
        let query = try parser.parse(text, flags: [.boolean, .phrase, .pureNot])
        let enquire = try Enquire(database: db, query: query)
        let mset = try enquire.matchSet(first: 0, maximum: 10, checkAtLeast: 10)
        return try (0..<mset.count).map { try mset.item($0).data }.sorted()
    }

    @Test(arguments: [
        ("published:2025..2025", ["b", "c", "d"]),
        ("published:2025-01..2025-01", ["b"]),
        ("published:2024-12-31..2025-01-15", ["a", "b"]),
        ("published:2025-02..", ["c"]),
        ("published:2025..", ["b", "c", "d"]),
        ("published:2024..2026", ["a", "b", "c", "d"]),
        ("published:..2024", ["a"]),
        ("published:20250101..20250331", ["b", "c"]),
    ])
    func publishedRangesRoundStartDownAndEndUp(query: String, expected: [String]) throws {
        let (dir, db) = try fixture()
        #expect(try ids(db, query) == expected)
        _ = dir
    }

    @Test(arguments: [
        ("mentioned:2008..2008", ["a", "b"]),
        ("mentioned:2008-11..2008-11", ["a", "b"]),
        ("mentioned:2008-11-26..2008-11-26", ["a"]),
        ("mentioned:2008-11-27..2009-12-31", ["c"]),
        ("mentioned:2007..2010", ["a", "b", "c"]),
    ])
    func mentionedRangesMatchDatesAtTheirPrecision(query: String, expected: [String]) throws {
        let (dir, db) = try fixture()
        #expect(try ids(db, query) == expected)
        _ = dir
    }

    @Test func badRangesAreParseErrorsNamingTheField() throws {
        let (dir, db) = try fixture()
        for bad in ["published:2025-13..2026", "published:soon..2026", "published:2026..2025", "mentioned:2008.."] {
            #expect {
                _ = try ids(db, bad)
            } throws: { error in
                (error as? XapianError)?.code == .queryParse && (error as? XapianError)?.message.contains(bad.split(separator: ":")[0]) == true
            }
        }
        _ = dir
    }

    @Test func filterFieldValuesGoThroughTheCallbackAndItsErrorsComeBack() throws {
        let (dir, db) = try fixture()
        #expect(try ids(db, "actor:\"Tahawwur Rana\"") == ["a", "c"])
        #expect(try ids(db, "actor:pakistan actor:\"Tahawwur Rana\"") == [])  // repeated uses AND
        #expect(try ids(db, "id:a id:b") == ["a", "b"])  // an exclusive field ORs them
        #expect(throws: Refused(value: "nobody")) { try ids(db, "actor:pakistan actor:nobody") }
        // The parser is usable again after a refusal.
        #expect(try ids(db, "actor:pakistan") == ["b"])
        _ = dir
    }

    @Test(arguments: [
        "actor:tahawwur-rana published:2025..2025",
        "actor:tahawwur-rana mentioned:2009..2009",
        "published:2025..2025 mentioned:2008..2009",
        "actor:tahawwur-rana published:2024..2025 mentioned:2008..2009",
        "id:a id:c published:2025..2025",
        "published:2024..2025 id:b id:c actor:tahawwur-rana",
    ])
    func filtersOfDifferentFieldsANDInEveryOrder(query: String) throws {
        // Issue 10 item 1: a range after a non-exclusive boolean filter was ORed into its group.
        let (dir, db) = try fixture()
        let parts = query.split(separator: " ").map(String.init)
        // The answer of each filter alone, combined: the uses of one field ORed (each query
        // here repeats only the exclusive `id:`), the fields intersected.
        var byField: [String: Set<String>] = [:]
        for part in parts {
            byField[String(part.split(separator: ":")[0]), default: []].formUnion(try ids(db, part))
        }
        let expected = byField.values.reduce(Set(["a", "b", "c", "d"])) { $0.intersection($1) }
        #expect(expected.count < 4)
        for order in permutations(parts) {
            #expect(Set(try ids(db, order.joined(separator: " "))) == expected, "\(order)")
        }
        _ = dir
    }

    private func permutations(_ items: [String]) -> [[String]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { i in
            permutations(Array(items[..<i] + items[(i + 1)...])).map { [items[i]] + $0 }
        }
    }
}
