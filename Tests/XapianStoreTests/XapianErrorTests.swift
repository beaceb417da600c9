import Foundation
import Testing
import TestSupport
@testable import XapianStore

@Suite struct XapianErrorTests {
    /// Every Xapian error family raised inside the shim reaches Swift as a typed error.
    @Test(arguments: [
        ("DatabaseNotFoundError", XapianError.Code.databaseNotFound),
        ("DatabaseOpeningError", .databaseNotFound),
        ("DatabaseLockError", .databaseLocked),
        ("DatabaseCorruptError", .databaseCorrupt),
        ("DatabaseModifiedError", .databaseModified),
        ("DatabaseVersionError", .databaseVersion),
        ("DatabaseError", .database),
        ("QueryParserError", .queryParse),
        ("WildcardError", .wildcard),
        ("InvalidArgumentError", .invalidArgument),
        ("InvalidOperationError", .invalidArgument),
        ("RangeError", .notFound),
        ("DocNotFoundError", .notFound),
        ("NetworkError", .network),
        ("NetworkTimeoutError", .network),
        ("bad_alloc", .outOfMemory),
        ("runtime_error", .other),
        ("int", .other),
    ])
    func shimTranslatesEveryErrorFamily(xapianClass: String, expected: XapianError.Code) {
        do {
            try raiseInShimForTesting(xapianClass)
            Issue.record("no error raised for \(xapianClass)")
        } catch {
            #expect(error.code == expected)
            if xapianClass.hasSuffix("Error") { #expect(error.xapianType == xapianClass) }
            #expect(error.operation == "test hook")
        }
    }

    @Test func openingAMissingIndexIsDatabaseNotFound() {
        let dir = TemporaryDirectory()
        #expect {
            _ = try Database(path: dir.path("nothing-here"))
        } throws: { error in
            (error as? XapianError)?.code == .databaseNotFound
                && (error as? XapianError)?.operation.contains("nothing-here") == true
        }
    }

    @Test func aSecondWriterIsToldTheIndexIsLocked() throws {
        let dir = TemporaryDirectory()
        let first = try WritableDatabase(path: dir.path("idx"))
        #expect {
            _ = try WritableDatabase(path: dir.path("idx"))
        } throws: { error in
            (error as? XapianError)?.code == .databaseLocked
                && "\(error)".contains("being written by another process")
        }
        _ = first
    }

    @Test func aDamagedIndexIsReportedNotCrashed() throws {
        let dir = TemporaryDirectory()
        do {
            let writer = try WritableDatabase(path: dir.path("idx"))
            let doc = try Document()
            try doc.setData("x")
            try writer.replace(uniqueTerm: "Qa", with: doc)
            try writer.commit()
        }
        // Overwrite every table file with junk.
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path("idx")) where name.hasSuffix(".glass") {
            try Data(repeating: 0xAB, count: 8192).write(to: URL(fileURLWithPath: dir.path("idx/\(name)")))
        }
        #expect {
            let db = try Database(path: dir.path("idx"))
            _ = try db.data(forTerm: "Qa")
        } throws: { error in
            guard let code = (error as? XapianError)?.code else { return false }
            return [.databaseCorrupt, .database, .databaseNotFound, .databaseVersion].contains(code)
        }
    }

    @Test func malformedQueryIsAQueryParseError() throws {
        let dir = TemporaryDirectory()
        _ = try WritableDatabase(path: dir.path("idx"))
        let db = try Database(path: dir.path("idx"))
        let parser = try QueryParser(database: db, language: "english", stemming: .some)
        #expect {
            _ = try parser.parse("extradition AND", flags: [.boolean])
        } throws: { error in (error as? XapianError)?.code == .queryParse }
    }

    @Test func uncommittedChangesAreDiscardedWhenTheWriterCloses() throws {
        let dir = TemporaryDirectory()
        let path = dir.path("idx")
        do {
            let writer = try WritableDatabase(path: path)
            let doc = try Document()
            try writer.replace(uniqueTerm: "Qone", with: doc)
            try writer.commit()
            try writer.replace(uniqueTerm: "Qtwo", with: try Document())
            #expect(try writer.reader.documentCount() == 2)
        }
        let reader = try Database(path: path)
        #expect(try reader.documentCount() == 1)
        #expect(try reader.termFrequency("Qtwo") == 0)
    }

    @Test func descriptionSaysWhatToDo() {
        let locked = XapianError(code: .databaseLocked, xapianType: "DatabaseLockError", message: "m", operation: "opening index at /x")
        #expect(locked.description == "the index is being written by another process (opening index at /x); wait for it to finish and try again")
        let parse = XapianError(code: .queryParse, xapianType: "QueryParserError", message: "bad", operation: "parsing the query")
        #expect(parse.description == "parsing the query: QueryParserError: bad")
        #expect(XapianError.Code.databaseLocked ~= locked)
        #expect(!(XapianError.Code.databaseCorrupt ~= locked))
    }
}
