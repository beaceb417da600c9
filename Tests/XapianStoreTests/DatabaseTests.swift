import Foundation
import Testing
import TestSupport
@testable import XapianStore

/// `Database`, the read view of an index: counts, terms, metadata, value bounds, and seeing a
/// later commit only after `reopen()`.
@Suite struct DatabaseTests {
    static let entries: [HandBuiltIndex.Entry] = [
        .init(id: "a", text: "ceasefire talks", values: [.published: "20250115", .source: "dawn"]),
        .init(id: "b", text: "ceasefire held", values: [.published: "20231231"]),
        .init(id: "c", text: "extradition", values: [.published: "20240601", .source: "reuters"]),
    ]

    @Test func countsDocumentsAndTheDocumentsOfATerm() throws {
        let index = try HandBuiltIndex(Self.entries)
        let database = try Database(path: index.path)
        #expect(try database.documentCount() == 3)
        #expect(try database.termFrequency("ceasefire") == 2)
        #expect(try database.termFrequency("extradition") == 1)
        #expect(try database.termFrequency("Xall") == 3)
        #expect(try database.termFrequency("absent") == 0)
        #expect(try database.data(forTerm: "Qc") == "c")
        #expect(try database.data(forTerm: "Qz") == nil)
    }

    @Test func listsTheTermsOfAPrefixInOrderWithTheirFrequencies() throws {
        let index = try HandBuiltIndex(Self.entries)
        let terms = try Database(path: index.path).terms(withPrefix: "Q")
        #expect(terms.map(\.term) == ["Qa", "Qb", "Qc"])
        #expect(terms.map(\.frequency) == [1, 1, 1])
        let words = try Database(path: index.path).terms(withPrefix: "ce")
        #expect(words.map(\.term) == ["ceasefire"])
        #expect(words.map(\.frequency) == [2])
        #expect(try Database(path: index.path).terms(withPrefix: "zz").isEmpty)
    }

    @Test func readsMetadataByKeyAndByPrefix() throws {
        let index = try HandBuiltIndex([])
        let writer = try WritableDatabase(path: index.path)
        try writer.setMetadata("file:b.txt", "2")
        try writer.setMetadata("file:a.txt", "1")
        try writer.setMetadata("schema", "7")
        try writer.commit()
        let database = try Database(path: index.path)
        #expect(try database.metadata("schema") == "7")
        #expect(try database.metadata("unset") == "")
        let files = try database.metadata(withPrefix: "file:")
        #expect(files.map(\.key) == ["file:a.txt", "file:b.txt"])
        #expect(files.map(\.value) == ["1", "2"])
    }

    @Test func valueBoundsAreTheLowestAndHighestValueOfASlot() throws {
        let index = try HandBuiltIndex(Self.entries)
        let database = try Database(path: index.path)
        let published = try database.valueBounds(.published)
        #expect(published.low == "20231231")
        #expect(published.high == "20250115")
        let sources = try database.valueBounds(.source)
        #expect(sources.low == "dawn" && sources.high == "reuters")
        let empty = try database.valueBounds(.actors)
        #expect(empty.low == "" && empty.high == "")
    }

    @Test func aReaderSeesALaterCommitOnlyAfterReopening() throws {
        let index = try HandBuiltIndex(Self.entries)
        let database = try Database(path: index.path)
        #expect(try database.documentCount() == 3)
        let writer = try WritableDatabase(path: index.path)
        try HandBuiltIndex.add([.init(id: "d", text: "ceasefire again")], to: writer)
        try writer.commit()
        // A reader stays at the revision it opened.
        #expect(try database.documentCount() == 3)
        #expect(try database.termFrequency("ceasefire") == 2)
        #expect(try database.reopen())
        #expect(try database.documentCount() == 4)
        #expect(try database.termFrequency("ceasefire") == 3)
        #expect(try database.reopen() == false)
    }
}
