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
        // Alias tables as IndexWriter writes them: a unique alias, one shared by two actors,
        // and one listing an actor that has no document (left after its passages were deleted).
        try writer.setMetadata("alias:rana", "tahawwur-rana")
        try writer.setMetadata("alias:shared", "tahawwur-rana\u{1F}pakistan")
        try writer.setMetadata("alias:pak", "nobody\u{1F}pakistan")
        try writer.setMetadata("surname:india", "pakistan")  // an indexed value wins over an alias
        try writer.commit()
        return (dir, try Database(path: dir.path("idx")))
    }

    private func ids(_ db: Database, _ text: String, aliasTables: [String] = []) throws -> [String] {
        let parser = try QueryParser(database: db, language: "english", stemming: .some)
        try parser.addDateRange(field: "published", first: .published, last: .publishedLast)
        try parser.addDateTermRange(field: "mentioned", prefix: "XD")
        try parser.addBooleanPrefix(field: "actor", prefix: "XA", repeatedUsesAND: true, slugify: true)
        for table in aliasTables { try parser.addAliasTable(field: "actor", metadataPrefix: table) }
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

    @Test func actorValuesAreSlugifiedAliasedAndANDed() throws {
        let (dir, db) = try fixture()
        #expect(try ids(db, "actor:\"Tahawwur Rana\"") == ["a", "c"])
        let tables = ["alias:", "surname:"]
        #expect(try ids(db, "actor:Rana") == [])
        #expect(try ids(db, "actor:Rana", aliasTables: tables) == ["a", "c"])
        #expect(try ids(db, "actor:shared", aliasTables: tables) == [])
        #expect(try ids(db, "actor:PAK", aliasTables: tables) == ["b"])
        #expect(try ids(db, "actor:India", aliasTables: tables) == ["d"])
        #expect(try ids(db, "actor:pakistan actor:\"Tahawwur Rana\"") == [])
        #expect(try ids(db, "actor:pakistan") == ["b"])
        _ = dir
    }
}
