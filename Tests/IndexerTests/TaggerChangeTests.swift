import Foundation
import NewsModel
import Tagger
import TestSupport
import Testing
import XapianStore
@testable import Indexer

/// An incremental run after the tagger changed tags unchanged files again, so one index never
/// holds two taggers' actors without a word (`ArticleTagger.fingerprint`).
@Suite struct TaggerChangeTests {
    /// Tags every passage with one actor, named by the tagger; its fingerprint is the name.
    struct OneActorTagger: ArticleTagger {
        let actor: String
        var fingerprint: String { "one-actor \(actor)" }
        func tag(_ article: Article) -> TaggedArticle {
            TaggedArticle(article: article, passages: article.passages.map {
                TaggedPassage(passage: $0, actors: [ActorTag(name: actor, type: .person)])
            })
        }
    }

    /// The actor slugs the index's passages carry.
    private func actorTerms(_ index: String) throws -> [String] {
        // "XA" also begins the article prefix "XART:".
        try Database(path: index).terms(withPrefix: IndexSchema.actor.prefix)
            .filter { !$0.term.hasPrefix(IndexSchema.article.prefix) }
            .map { String($0.term.dropFirst(IndexSchema.actor.prefix.count)) }.sorted()
    }

    @Test func anUnchangedFileIsTaggedAgainWhenTheTaggerChanged() throws {
        let dir = TemporaryDirectory("tagger-change")
        try dir.write("news/a.txt", "First title\n\nA paragraph.\n")
        try dir.write("news/b.txt", "Second title\n\nAnother paragraph.\n")
        let index = dir.path("idx")
        let first = try IndexingRun(options: IndexingOptions(indexPath: index, tagger: OneActorTagger(actor: "Old Name"))).run(paths: [dir.path("news")])
        #expect(first.articles == 2)
        let before = try actorTerms(index)
        #expect(before == ["old-name"])

        let changed = IndexingOptions(indexPath: index, tagger: OneActorTagger(actor: "New Name"))
        let second = try IndexingRun(options: changed).run(paths: [dir.path("news")])
        #expect(second.retaggedFiles == 2)
        #expect(second.unchangedFiles == 0)
        #expect(second.articles == 2)
        // Every passage carries the new tagger's actor, none the old one's.
        let after = try actorTerms(index)
        #expect(after == ["new-name"])
        #expect(IndexSummaryWriter.lines(second, indexPath: index, quiet: false).contains { $0.contains("2 tagged again (the tagger changed)") })

        // The same tagger again: nothing to do.
        let third = try IndexingRun(options: changed).run(paths: [dir.path("news")])
        #expect(third.unchangedFiles == 2)
        #expect(third.retaggedFiles == 0)
        #expect(third.articles == 0)
    }

    @Test func newsTaggerFingerprintFollowsItsGazetteerAndIsStable() throws {
        let dir = TemporaryDirectory("tagger-fingerprint")
        let labeller = try LearnedLabeller.shipped
        let bundled = NewsTagger(gazetteer: try Gazetteer.bundled(), labeller: labeller).fingerprint
        #expect(NewsTagger(gazetteer: try Gazetteer.loading(userFile: nil), labeller: labeller).fingerprint == bundled)
        let file = try dir.write("mine.json", #"{"actors": [{"name": "Kessler Ratings", "type": "organization"}]}"#)
        let withFile = NewsTagger(gazetteer: try Gazetteer.loading(userFile: URL(fileURLWithPath: file)), labeller: labeller).fingerprint
        #expect(withFile != bundled)
        #expect(NewsTagger(gazetteer: try Gazetteer.loading(userFile: URL(fileURLWithPath: file)), labeller: labeller).fingerprint == withFile)
        #expect(bundled.hasPrefix("news-tagger rules "))
    }
}
