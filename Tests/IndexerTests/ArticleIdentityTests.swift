import Foundation
import NewsModel
import Testing
import TestSupport
import XapianStore
@testable import Indexer

/// An article's identity includes the file it came from: record ids repeated across files
/// are different articles, re-indexing a file replaces its own, and a summary never counts a
/// passage the index does not hold (issue #10, item 2).
@Suite struct ArticleIdentityTests {
    /// `count` JSON-lines records with ids 1...count, two paragraphs each.
    static func feed(_ name: String, count: Int) -> String {
        (1...count).map { #"{"id": \#($0), "title": "\#(name) story \#($0)", "text": "First paragraph \#($0).\n\nSecond paragraph \#($0)."}"# }
            .joined(separator: "\n") + "\n"
    }

    private func passageIDs(_ index: String) throws -> [String] {
        try Database(path: index).terms(withPrefix: IndexSchema.passageID.prefix).map { String($0.term.dropFirst()) }
    }

    @Test func twoFeedsWithTheSameRecordIdsAreDifferentArticles() throws {
        let dir = TemporaryDirectory()
        try dir.write("feeds/a.jsonl", Self.feed("A", count: 100))
        try dir.write("feeds/b.jsonl", Self.feed("B", count: 100))
        let summary = try IndexingRun(options: IndexingOptions(indexPath: dir.path("idx"))).run(paths: [dir.path("feeds")])
        #expect(summary.articles == 200)
        #expect(summary.passages == 600)
        #expect(summary.indexPassages == 600)
        let ids = try passageIDs(dir.path("idx"))
        #expect(ids.count == 600)
        #expect(ids.contains("feeds/a.jsonl#17#1") && ids.contains("feeds/b.jsonl#17#1"))
    }

    @Test func reindexingAChangedFeedReplacesItsOwnArticlesOnly() throws {
        let dir = TemporaryDirectory()
        try dir.write("feeds/a.jsonl", Self.feed("A", count: 10))
        try dir.write("feeds/b.jsonl", Self.feed("B", count: 10))
        let options = IndexingOptions(indexPath: dir.path("idx"))
        _ = try IndexingRun(options: options).run(paths: [dir.path("feeds")])
        try dir.write("feeds/a.jsonl", Self.feed("A2", count: 5))
        let second = try IndexingRun(options: options).run(paths: [dir.path("feeds")])
        #expect(second.articles == 5)
        #expect(second.removedArticles == 5)
        #expect(second.indexPassages == 45)
        #expect(try passageIDs(dir.path("idx")).filter { $0.hasPrefix("feeds/b.jsonl#") }.count == 30)
    }

    @Test func aRecordWithoutAnIdIsNamedByItsFileAndLine() throws {
        let dir = TemporaryDirectory()
        try dir.write("feed.jsonl", #"{"id": 2, "text": "Two.\n\nBody two."}"# + "\n" + #"{"text": "No id.\n\nBody."}"# + "\n")
        _ = try IndexingRun(options: IndexingOptions(indexPath: dir.path("idx"))).run(paths: [dir.path("feed.jsonl")])
        #expect(try passageIDs(dir.path("idx")).sorted() == ["feed.jsonl#2#0", "feed.jsonl#2#1", "feed.jsonl:2#0", "feed.jsonl:2#1"])
    }

    @Test func anArticleIdWrittenTwiceInOneRunIsReportedAndCountedOnce() throws {
        // The benchmark's passage format takes ids as they are, so two passage files can
        // clash; the writer reports the clash and the summary counts what the index holds.
        let dir = TemporaryDirectory()
        try dir.write("p/one.jsonl", #"{"id": "p1", "text": "alpha"}"# + "\n" + #"{"id": "p2", "text": "beta"}"# + "\n")
        try dir.write("p/two.jsonl", #"{"id": "p1", "text": "gamma"}"# + "\n")
        var options = IndexingOptions(indexPath: dir.path("idx"))
        options.reader = PassagesJSONLReader()
        options.tagger = DeclaredActorsTagger()
        let summary = try IndexingRun(options: options).run(paths: [dir.path("p")])
        #expect(summary.indexPassages == 2)
        #expect(summary.passages == 2)
        #expect(summary.articles == 2)
        #expect(summary.warnings.map(\.description).contains { $0.hasPrefix("\(dir.path("p/two.jsonl")):1: article id `p1` was already written") })
    }
}
