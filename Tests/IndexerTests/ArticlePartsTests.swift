import Foundation
import NewsModel
import TestSupport
import Testing
import XapianStore
@testable import Indexer

/// A very long article reaches the writer a tagging window at a time
/// (`PreparedArticle.continuesArticle`), so that the documents in flight stay bounded
/// whatever the input, and the index it leaves is the one the same article written whole
/// leaves (issue #10, item 7).
@Suite struct ArticlePartsTests {
    typealias RecordingTagger = TaggingWindowTests.RecordingTagger

    /// `article` tagged in windows of `window` bytes and prepared part by part, as the
    /// indexing pipeline sends it.
    static func parts(of article: Article, window: Int) -> [PreparedArticle] {
        let preparer = DocumentPreparer()
        var parts: [PreparedArticle] = []
        TaggingWindow.forEachWindow(of: article, with: RecordingTagger(), maximumBytes: window) { tagged in
            var part = preparer.prepare(tagged)
            part.continuesArticle = !parts.isEmpty
            parts.append(part)
            return true
        }
        return parts
    }

    @Test func anArticleWrittenInPartsLeavesTheIndexItLeavesWrittenWhole() throws {
        let dir = TemporaryDirectory("article-parts")
        let long = TaggingWindowTests.article(passages: 40, bytes: 1_000)
        let parts = Self.parts(of: long, window: 8_000)
        #expect(parts.count == 5)
        #expect(parts.allSatisfy { $0.passages.count <= 8 })

        let whole = try IndexWriter(path: dir.path("whole"))
        let written = try whole.write(TaggingWindow.tag(long, with: RecordingTagger(), maximumBytes: 8_000))
        #expect(written.passages == 40)
        try whole.commit()

        let inParts = try IndexWriter(path: dir.path("parts"))
        var passages = 0
        for part in parts {
            let outcome = try inParts.write(part)
            #expect(outcome.replacedInRun == nil)
            passages += outcome.passages
        }
        #expect(passages == 40)
        try inParts.commit()
        let wholeDump = try IndexingPipelineTests.dump(dir.path("whole"))
        #expect(wholeDump.count > 100)
        #expect(IndexingPipelineTests.firstDifference(wholeDump, try IndexingPipelineTests.dump(dir.path("parts"))) == nil)
    }

    @Test func aShorterArticleWrittenInPartsOverAnIndexedOneReplacesItWhole() throws {
        let dir = TemporaryDirectory("article-parts-replace")
        let long = TaggingWindowTests.article(passages: 40, bytes: 1_000)
        let shorter = TaggingWindowTests.article(passages: 25, bytes: 1_000)
        do {
            let writer = try IndexWriter(path: dir.path("parts"))
            for part in Self.parts(of: long, window: 8_000) { try writer.write(part) }
            try writer.commit()
        }
        // Reopened, the index is not new: the first part must delete the 40 passages and take
        // the old article's share out of the actor table; the later parts must not.
        let writer = try IndexWriter(path: dir.path("parts"))
        for part in Self.parts(of: shorter, window: 8_000) { try writer.write(part) }
        try writer.commit()

        let fresh = try IndexWriter(path: dir.path("fresh"))
        try fresh.write(TaggingWindow.tag(shorter, with: RecordingTagger(), maximumBytes: 8_000))
        try fresh.commit()
        #expect(try Database(path: dir.path("parts")).documentCount() == 25)
        #expect(IndexingPipelineTests.firstDifference(
            try IndexingPipelineTests.dump(dir.path("fresh")), try IndexingPipelineTests.dump(dir.path("parts"))) == nil)
    }

    @Test func thePipelineSendsALongArticleOneWindowAtATimeAndCountsItOnce() throws {
        let dir = TemporaryDirectory("article-parts-pipeline")
        let paragraphs = (1...60).map { "Paragraph \($0) " + String(repeating: "word ", count: 190) + "end." }
        let file = try dir.write("long.txt", "A long article\n\n" + paragraphs.joined(separator: "\n\n") + "\n")
        var options = IndexingOptions(indexPath: dir.path("idx"), concurrent: false)
        options.taggingWindowBytes = 8_000
        let entry = InputFile(path: file, identity: "long.txt", format: .txt)
        let pipeline = IndexingPipeline(options: options, jobs: [.init(number: 0, entry: entry, key: "file:long.txt", stored: nil)])
        var parts: [(passages: Int, bytes: Int, continues: Bool)] = []
        try pipeline.run(concurrent: false) { item in
            if case let .article(prepared, _) = item {
                parts.append((prepared.passages.count, prepared.passages.reduce(0) { $0 + $1.text.utf8.count }, prepared.continuesArticle))
            }
            return true
        }
        #expect(parts.count > 5)
        #expect(parts.allSatisfy { $0.bytes <= 8_000 })
        #expect(parts.map(\.continues) == [false] + Array(repeating: true, count: parts.count - 1))
        #expect(parts.reduce(0) { $0 + $1.passages } == 61)

        // Through a whole run: one article, every passage counted once and stored, and the
        // same index the default window (the article in one part) leaves.
        let summary = try IndexingRun(options: options).run(paths: [file])
        #expect(summary.articles == 1)
        #expect(summary.passages == 61)
        #expect(summary.indexPassages == 61)
        let whole = try IndexingRun(options: IndexingOptions(indexPath: dir.path("whole"))).run(paths: [file])
        #expect(whole.passages == 61)
        #expect(IndexingPipelineTests.firstDifference(
            try IndexingPipelineTests.dump(dir.path("whole")), try IndexingPipelineTests.dump(dir.path("idx"))) == nil)
    }
}
