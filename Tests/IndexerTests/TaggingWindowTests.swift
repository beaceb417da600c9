import Foundation
import NewsModel
import Testing
@testable import Indexer

/// A very long article is tagged a bounded run of passages at a time (`TaggingWindow`), and a
/// normal one exactly as the tagger tags it whole (issue #10, item 7).
@Suite struct TaggingWindowTests {
    /// Records the size of every article it is given, and tags each passage with an actor
    /// named after the first word of its text, plus an alias naming the window's first passage.
    final class RecordingTagger: ArticleTagger, @unchecked Sendable {
        private let lock = NSLock()
        private var sizes: [Int] = []
        var articleSizes: [Int] { lock.withLock { sizes } }
        var fingerprint: String { "test-recording" }

        func tag(_ article: Article) -> TaggedArticle {
            let call = lock.withLock {
                sizes.append(article.passages.reduce(0) { $0 + $1.text.utf8.count })
                return sizes.count
            }
            let passages = article.passages.map { passage in
                TaggedPassage(passage: passage, actors: [ActorTag(name: String(passage.text.prefix(while: { $0 != " " })), type: .person)])
            }
            var dated = article
            if dated.published == nil { dated.published = PublishedDate(date: CalendarDate(iso: String(1987 + call))!, origin: .inferred) }
            let first = ActorTag(name: "Window", type: .organization)
            return TaggedArticle(article: dated, passages: passages, aliases: [first: ["starts at \(article.passages[0].number)"]])
        }
    }

    static func article(passages count: Int, bytes: Int) -> Article {
        let passages = (0..<count).map { index in
            Passage(number: index, kind: index == 0 ? .title : .paragraph,
                    text: "P\(index) " + String(repeating: "a", count: bytes - "P\(index) ".utf8.count), line: 1)
        }
        return Article(id: "long", file: "long.txt", title: passages[0].text, passages: passages)
    }

    @Test func anArticleThatFitsIsTaggedWholeAndUnchanged() {
        let article = Self.article(passages: 20, bytes: 1_000)
        let tagger = RecordingTagger()
        let windowed = TaggingWindow.tag(article, with: tagger, maximumBytes: 20_000)
        #expect(tagger.articleSizes == [20_000])
        #expect(windowed == RecordingTagger().tag(article))
    }

    @Test func aLongArticleIsTaggedInWindowsOfWholePassages() throws {
        let article = Self.article(passages: 100, bytes: 1_000)
        let tagger = RecordingTagger()
        let tagged = TaggingWindow.tag(article, with: tagger, maximumBytes: 16_500)
        // The tagger never sees more than the window; windows hold whole passages.
        #expect(tagger.articleSizes == Array(repeating: 16_000, count: 6) + [4_000])
        // Every passage is tagged once, in order, with its own tags.
        #expect(tagged.passages.map(\.passage) == article.passages)
        #expect(tagged.passages.map { $0.actors.map(\.name) } == (0..<100).map { ["P\($0)"] })
        // The article is the whole one; the first window's date holds for all; aliases merge.
        #expect(tagged.article.passages == article.passages)
        #expect(tagged.article.published?.date == CalendarDate(iso: "1988"))
        let aliases = try #require(tagged.aliases[ActorTag(name: "Window", type: .organization)])
        #expect(aliases == Set(stride(from: 0, to: 100, by: 16).map { "starts at \($0)" }))
    }

    @Test func windowsNeverSplitAPassageLongerThanTheWindow() {
        let passages = [5, 30, 5, 5].enumerated().map { Passage(number: $0.offset, kind: .paragraph, text: String(repeating: "b", count: $0.element), line: 1) }
        #expect(TaggingWindow.windows(of: passages, maximumBytes: 10).map { $0.map(\.number) } == [[0], [1], [2, 3]])
    }
}
