import Testing
import TestSupport
import Indexer
@testable import Search

/// `--actor` name resolution: canonical name, alias, unambiguous surname; ambiguity is an error
/// that lists the candidates.
@Suite struct ActorResolutionTests {
    private func index() throws -> (TemporaryDirectory, SearchEngine) {
        let dir = TemporaryDirectory()
        let writer = try IndexWriter(path: dir.path("idx"))
        let imran = ActorTag(name: "Imran Khan", type: .person)
        let shafqat = ActorTag(name: "Shafqat Ali Khan", type: .person)
        let rana = ActorTag(name: "Tahawwur Rana", type: .person)
        let passages = [
            TaggedPassage(passage: Passage(number: 0, kind: .title, text: "Two Khans and Rana", line: 1), actors: [imran, shafqat]),
            TaggedPassage(passage: Passage(number: 1, kind: .paragraph, text: "Rana was extradited.", line: 2), actors: [rana]),
        ]
        let article = Article(id: "a", file: "a.txt", title: "Two Khans and Rana", passages: passages.map(\.passage))
        try writer.write(TaggedArticle(article: article, passages: passages, aliases: [rana: ["Rana"], shafqat: ["Mr. Khan"]]))
        try writer.commit()
        return (dir, try SearchEngine(indexPath: dir.path("idx")))
    }

    @Test func namesAliasesAndSurnamesResolve() throws {
        let (dir, engine) = try index()
        let directory = try engine.actorDirectory()
        #expect(try directory.resolve("imran khan").name == "Imran Khan")
        #expect(try directory.resolve("Rana").name == "Tahawwur Rana")
        #expect(try directory.resolve("mr. khan").name == "Shafqat Ali Khan")
        _ = dir
    }

    @Test func anAmbiguousSurnameListsEveryCandidate() throws {
        let (dir, engine) = try index()
        #expect(throws: SearchError.unknownActor(name: "Khan", candidates: ["Imran Khan", "Shafqat Ali Khan"], ambiguous: true)) {
            _ = try engine.search(SearchRequest(actors: ["Khan"]))
        }
        let message = SearchError.unknownActor(name: "Khan", candidates: ["Imran Khan", "Shafqat Ali Khan"], ambiguous: true).description
        #expect(message == "actor \"Khan\" is ambiguous; did you mean: \"Imran Khan\", \"Shafqat Ali Khan\"?")
        _ = dir
    }
}
