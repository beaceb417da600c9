import Foundation
import NewsModel
import TestSupport
import Testing
import XapianStore
@testable import Indexer

/// Incremental behaviour of `IndexingRun`: what a second, third, ... run does.
@Suite struct IndexingRunTests {
    private func passages(_ index: String) throws -> [String] {
        let db = try Database(path: index)
        return try db.terms(withPrefix: IndexSchema.passageID.prefix).map { String($0.term.dropFirst()) }.sorted()
    }

    @Test func aNewFolderAddsToTheSameIndex() throws {
        let dir = TemporaryDirectory()
        try dir.write("dawn/a.txt", "Dawn title\n\nA paragraph from Dawn.\n")
        try dir.write("reuters/b.txt", "Reuters title\n\nA paragraph from Reuters.\n")
        let options = IndexingOptions(indexPath: dir.path("idx"))
        _ = try IndexingRun(options: options).run(paths: [dir.path("dawn")])
        let second = try IndexingRun(options: options).run(paths: [dir.path("reuters")])
        #expect(second.articles == 1)
        #expect(try passages(dir.path("idx")) == ["dawn/a.txt#0", "dawn/a.txt#1", "reuters/b.txt#0", "reuters/b.txt#1"])
    }

    @Test func pruneRemovesArticlesWhoseFilesAreGone() throws {
        let dir = TemporaryDirectory()
        try dir.write("news/keep.txt", "Keep\n\nStays in the index.\n")
        let gone = try dir.write("news/gone.txt", "Gone\n\nWill be deleted.\n")
        let options = IndexingOptions(indexPath: dir.path("idx"))
        _ = try IndexingRun(options: options).run(paths: [dir.path("news")])
        try FileManager.default.removeItem(atPath: gone)

        let withoutPrune = try IndexingRun(options: options).run(paths: [dir.path("news")])
        #expect(withoutPrune.removedArticles == 0)
        #expect(try passages(dir.path("idx")).count == 4)

        var pruning = options
        pruning.prune = true
        let pruned = try IndexingRun(options: pruning).run(paths: [dir.path("news")])
        #expect(pruned.removedArticles == 1)
        #expect(try passages(dir.path("idx")) == ["news/keep.txt#0", "news/keep.txt#1"])
        // The fingerprint went too: indexing the file again later works from scratch.
        try dir.write("news/gone.txt", "Gone\n\nBack again.\n")
        #expect(try IndexingRun(options: options).run(paths: [dir.path("news")]).articles == 1)
    }

    @Test func aJSONLinesFileThatLosesARecordLosesItsArticle() throws {
        let dir = TemporaryDirectory()
        let file = try dir.write("feed.jsonl", """
            {"id": "a1", "title": "First", "published": "2025-03-01", "source": "Dawn", "text": "One.\\n\\nTwo."}
            {"id": "a2", "title": "Second", "text": "Three."}

            """)
        let options = IndexingOptions(indexPath: dir.path("idx"))
        let first = try IndexingRun(options: options).run(paths: [file])
        #expect(first.articles == 2)
        #expect(try passages(dir.path("idx")) == ["feed.jsonl#a1#0", "feed.jsonl#a1#1", "feed.jsonl#a1#2", "feed.jsonl#a2#0", "feed.jsonl#a2#1"])
        try #"{"id": "a1", "title": "First", "text": "One, revised."}"#.write(toFile: file, atomically: true, encoding: .utf8)
        let second = try IndexingRun(options: options).run(paths: [file])
        #expect(second.removedArticles == 1)
        #expect(try passages(dir.path("idx")) == ["feed.jsonl#a1#0", "feed.jsonl#a1#1"])
    }

    @Test func aTouchedButUnchangedFileIsNotReindexed() throws {
        let dir = TemporaryDirectory()
        let file = try dir.write("a.txt", "Title\n\nText.\n")
        let options = IndexingOptions(indexPath: dir.path("idx"))
        _ = try IndexingRun(options: options).run(paths: [file])
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: file)
        let second = try IndexingRun(options: options).run(paths: [file])
        #expect(second.unchangedFiles == 1)
        #expect(second.articles == 0)
    }

    @Test func userDefaultPublicationDateAppliesOnlyWhereNothingElseDates() throws {
        let dir = TemporaryDirectory()
        try dir.write("in/dated.txt", "Dated\n- Nov 02, 2025\n\nText.\n")
        try dir.write("in/undated.txt", "Undated\n\nText without any date.\n")
        let options = IndexingOptions(indexPath: dir.path("idx"), defaultPublished: CalendarDate(year: 2024, month: 5))
        _ = try IndexingRun(options: options).run(paths: [dir.path("in")])
        let db = try Database(path: dir.path("idx"))
        let dated = try #require(try db.data(forTerm: "Qin/dated.txt#0"))
        let undated = try #require(try db.data(forTerm: "Qin/undated.txt#0"))
        #expect(dated.contains("\"published\":\"2025-11-02\"") && dated.contains("\"published_origin\":\"metadata\""))
        #expect(undated.contains("\"published\":\"2024-05\"") && undated.contains("\"published_origin\":\"user\""))
    }

    @Test func anIndexOfAnotherSchemaVersionIsRefusedWithAdvice() throws {
        let dir = TemporaryDirectory()
        try FixtureIndex.emptyIndex(at: dir.path("idx"), schemaVersion: "999")
        #expect(throws: IndexerError.incompatibleIndex(path: dir.path("idx"), version: "999")) {
            _ = try IndexingRun(options: IndexingOptions(indexPath: dir.path("idx"))).run(paths: [])
        }
        #expect(IndexerError.incompatibleIndex(path: "p", version: "2").description
            == "the index at p has schema version 2 and this dossier writes version \(IndexSchema.version); rebuild it: `dossier index PATH... --rebuild --index p`")
    }

    @Test func rebuildReplacesTheIndexOnlyWhenComplete() throws {
        let dir = TemporaryDirectory()
        try dir.write("old/a.txt", "Old\n\nOld text.\n")
        try dir.write("new/b.txt", "New\n\nNew text.\n")
        let index = dir.path("idx")
        _ = try IndexingRun(options: IndexingOptions(indexPath: index)).run(paths: [dir.path("old")])
        var rebuilding = IndexingOptions(indexPath: index)
        rebuilding.rebuild = true
        // Interrupted: the old index stays as it was.
        let stopped = try IndexingRun(options: rebuilding).run(paths: [dir.path("new")], shouldStop: { true })
        #expect(stopped.interrupted)
        #expect(try passages(index) == ["old/a.txt#0", "old/a.txt#1"])
        #expect(!FileManager.default.fileExists(atPath: index + ".rebuilding"))
        // Complete: replaced.
        _ = try IndexingRun(options: rebuilding).run(paths: [dir.path("new")])
        #expect(try passages(index) == ["new/b.txt#0", "new/b.txt#1"])
    }
}
