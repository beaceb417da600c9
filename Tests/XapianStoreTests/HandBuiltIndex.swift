import Foundation
import TestSupport
@testable import XapianStore

/// A few documents written straight through `WritableDatabase`, so the store types are tested
/// without the indexer: each document stores its id as data, is found by the unique term
/// `Q<id>` and the term `Xall`, has its text indexed unstemmed (so a word is its own term and
/// a document's length is its number of words) and the values it is given.
struct HandBuiltIndex {
    /// One document.
    struct Entry {
        var id: String
        var text: String
        var values: [IndexSchema.ValueSlot: String] = [:]
    }

    /// Keeps the index alive as long as it is used.
    let directory = TemporaryDirectory("store")
    /// The index path.
    var path: String { directory.path("idx") }

    /// Writes `entries`, in order (document ids 1, 2, ...), and commits.
    init(_ entries: [Entry]) throws {
        let writer = try WritableDatabase(path: directory.path("idx"))
        try Self.add(entries, to: writer)
        try writer.commit()
    }

    /// Adds `entries` to `writer` without committing.
    static func add(_ entries: [Entry], to writer: WritableDatabase) throws {
        let indexer = try TermIndexer(language: "none", stemming: .none, positions: false)
        for entry in entries {
            let document = try Document()
            try indexer.start(document)
            try indexer.index(entry.text)
            try indexer.finish()
            try document.addBooleanTerm("Q" + entry.id)
            try document.addBooleanTerm("Xall")
            try document.setData(entry.id)
            for (slot, value) in entry.values { try document.setValue(value, slot: slot) }
            try writer.replace(uniqueTerm: "Q" + entry.id, with: document)
        }
    }

    /// The ids of a page of matches, in rank order.
    static func ids(_ page: MatchSet) throws -> [String] { try (0..<page.count).map { try page.item($0).data } }
}
