import Foundation
import NewsModel
import Testing
import TestSupport
import XapianStore
@testable import Indexer

/// Passages and titles are capped so memory per passage stays bounded (issue #10, item 7).
@Suite struct PassageLimitTests {
    static let sentences = (1...400).map { "Sentence number \($0) says the market moved." }.joined(separator: " ")

    @Test func aLongParagraphIsSplitAtSentenceEndsWithNothingLost() {
        let pieces = PassageLimit.pieces(of: Self.sentences, maximumBytes: 1_000)
        #expect(pieces.count > 1)
        #expect(pieces.allSatisfy { $0.utf8.count <= 1_000 && $0.hasSuffix(".") })
        #expect(pieces.joined(separator: " ") == Self.sentences)
    }

    @Test func textWithoutSpacesIsCutAtCharacterBoundaries() {
        let text = String(repeating: "é𝄞x", count: 1_000)
        let pieces = PassageLimit.pieces(of: text, maximumBytes: 100)
        #expect(pieces.allSatisfy { $0.utf8.count <= 100 && !$0.contains("\u{FFFD}") })
        #expect(pieces.joined() == text)
    }

    @Test func anArticleIsRenumberedAndWarnedOnce() throws {
        let longTitle = String(repeating: "Headline words ", count: 60)
        let article = Article(
            id: "a", file: "a.txt", title: longTitle,
            passages: [
                Passage(number: 0, kind: .title, text: longTitle, line: 1),
                Passage(number: 1, kind: .paragraph, text: "Short.", line: 3),
                Passage(number: 2, kind: .paragraph, text: Self.sentences, line: 5),
                Passage(number: 3, kind: .paragraph, text: "After.", line: 7),
            ])
        let (capped, problem) = PassageLimit.apply(article, path: "a.txt", maximumPassageBytes: 2_000, maximumTitleBytes: 100)
        #expect(capped.title.utf8.count <= 100 && longTitle.hasPrefix(capped.title))
        // No title passage: its text is in the body passages, once (numbered from 1).
        #expect(!capped.passages.contains { $0.kind == .title })
        #expect(capped.passages.map(\.number) == Array(1...capped.passages.count))
        #expect(capped.passages.filter { $0.text.contains("Headline words") }.count == 1)
        #expect(capped.passages.allSatisfy { $0.text.utf8.count <= 2_000 })
        #expect(capped.passages.last?.text == "After.")
        // Every word is still there: the title's whole text and the long paragraph's.
        let body = capped.passages.map(\.text).joined(separator: " ")
        #expect(body.contains(longTitle.trimmingCharacters(in: .whitespaces)) && body.contains(Self.sentences))
        let message = try #require(problem).description
        #expect(message.hasPrefix("a.txt:1: the title is 900 bytes"))
        #expect(message.contains("1 paragraph is longer than a passage may be (2000 bytes)"))
        #expect(PassageLimit.apply(Article(id: "b", file: "b", title: "T", passages: []), path: "b").problem == nil)
    }

    /// End to end: one line of 100 KB becomes passages within the cap, with a warning.
    @Test func aHugeLineIsIndexedInBoundedPassages() throws {
        let dir = TemporaryDirectory()
        let line = String(repeating: Self.sentences + " ", count: 6)
        let file = try dir.write("huge.txt", "A title\n\n" + line + "\n")
        #expect(line.utf8.count > 100_000)
        let summary = try IndexingRun(options: IndexingOptions(indexPath: dir.path("idx"))).run(paths: [file])
        let db = try Database(path: dir.path("idx"))
        var longest = 0
        for (term, _) in try db.terms(withPrefix: IndexSchema.passageID.prefix) {
            let record = try JSONDecoder().decode(PassageRecord.self, from: Data(try #require(try db.data(forTerm: term)).utf8))
            longest = max(longest, record.text.utf8.count)
        }
        #expect(longest <= PassageLimit.maximumPassageBytes)
        #expect(summary.passages == (try db.documentCount()) && summary.passages > 7)
        #expect(summary.warnings.map(\.description).contains { $0.hasPrefix("\(file):3: 1 paragraph is longer than a passage may be") })
    }
}
