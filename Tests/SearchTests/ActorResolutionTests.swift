import Indexer
import NewsModel
import TestSupport
import Testing
import XapianStore
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
        let lookup = engine.actorLookup()
        #expect(try lookup.resolve("imran khan").name == "Imran Khan")
        #expect(try lookup.resolve("Rana").name == "Tahawwur Rana")
        #expect(try lookup.resolve("mr. khan").name == "Shafqat Ali Khan")
        #expect(try lookup.resolve("TAHAWWUR  rana").name == "Tahawwur Rana")
        _ = dir
    }

    @Test func anAmbiguousSurnameListsEveryCandidate() throws {
        let (dir, engine) = try index()
        #expect(throws: SearchError.unknownActor(name: "Khan", candidates: [.init(name: "Imran Khan", passages: 1), .init(name: "Shafqat Ali Khan", passages: 1)], ambiguous: true)) {
            _ = try engine.search(SearchRequest(actors: ["Khan"]))
        }
        let message = SearchError.unknownActor(name: "Khan", candidates: [.init(name: "Imran Khan", passages: 1), .init(name: "Shafqat Ali Khan", passages: 1)], ambiguous: true).description
        #expect(message == "actor \"Khan\" is ambiguous: it names \"Imran Khan\" (1 passage), \"Shafqat Ali Khan\" (1 passage); give the full name")
        _ = dir
    }

    @Test func anUnknownActorInTheQueryIsAnErrorWithSuggestions() throws {
        let (dir, engine) = try index()
        #expect(throws: SearchError.unknownActor(name: "Tahawur Rana", candidates: [.init(name: "Tahawwur Rana", passages: 1)], ambiguous: false)) {
            try engine.search(SearchRequest(query: "extradited actor:\"Tahawur Rana\""))
        }
        // A misspelt surname suggests the actors whose name has a word close to it.
        #expect(throws: SearchError.unknownActor(name: "Khann", candidates: [.init(name: "Imran Khan", passages: 1), .init(name: "Shafqat Ali Khan", passages: 1)], ambiguous: false)) {
            try engine.search(SearchRequest(query: "actor:Khann"))
        }
        #expect(throws: SearchError.unknownActor(name: "Nobody", candidates: [], ambiguous: false)) {
            try engine.search(SearchRequest(query: "-actor:Nobody"))
        }
        // Names, aliases and surnames that resolve still run.
        #expect(try engine.search(SearchRequest(query: "actor:Rana actor:\"Tahawwur Rana\"")).total == 1)
        _ = dir
    }

    @Test func theWriterListsEveryNameAnActorGoesBy() throws {
        let (dir, engine) = try index()
        let listed = { (key: String) throws -> Set<String> in Set(ActorNameKeys.slugs(in: try engine.database.metadata(key))) }
        #expect(try listed("surname:khan") == ["imran-khan", "shafqat-ali-khan"])
        #expect(try listed("surname:rana") == ["tahawwur-rana"])
        #expect(try listed("alias:rana") == ["tahawwur-rana"])
        #expect(try listed("alias:mr-khan") == ["shafqat-ali-khan"])
        #expect(try listed("name:Mr. Khan") == ["shafqat-ali-khan"])
        #expect(try listed("name:Tahawwur Rana") == ["tahawwur-rana"])
        #expect(try listed("name:Rana") == ["tahawwur-rana"])
        #expect(try listed("name:rana").isEmpty)  // texts as typed only, and only with a capital
        #expect(try engine.database.metadata(IndexSchema.MetadataKey.longestName) == "3")  // Shafqat Ali Khan
        _ = dir
    }

    @Test func anActorWithoutPassagesNoLongerClaimsItsNames() throws {
        let dir = TemporaryDirectory()
        let path = dir.path("idx")
        let imran = ActorTag(name: "Imran Khan", type: .person)
        let shafqat = ActorTag(name: "Shafqat Ali Khan", type: .person)
        do {
            let writer = try IndexWriter(path: path)
            for (id, actor) in [("a", imran), ("b", shafqat)] {
                let passage = TaggedPassage(passage: Passage(number: 1, kind: .paragraph, text: "\(actor.name) spoke.", line: 2), actors: [actor])
                let article = Article(id: id, file: "\(id).txt", title: "T", passages: [passage.passage])
                try writer.write(TaggedArticle(article: article, passages: [passage], aliases: [actor: ["Mr. Khan"]]))
            }
            try writer.commit()
        }
        #expect(throws: SearchError.self) { try SearchEngine(indexPath: path).actorLookup().resolve("Khan") }
        // In the query language too: an ambiguous name is an error listing the candidates,
        // never a silent empty result.
        #expect(throws: SearchError.unknownActor(name: "Khan", candidates: [.init(name: "Imran Khan", passages: 1), .init(name: "Shafqat Ali Khan", passages: 1)], ambiguous: true)) {
            try SearchEngine(indexPath: path).search(SearchRequest(query: "oil OR actor:Khan"))
        }
        do {
            let writer = try IndexWriter(path: path)
            try writer.deleteArticle("a")
            try writer.commit()
        }
        let engine = try SearchEngine(indexPath: path)
        #expect(try engine.actorLookup().resolve("Khan").name == "Shafqat Ali Khan")
        #expect(try engine.actorLookup().resolve("mr khan").name == "Shafqat Ali Khan")
        #expect(try engine.search(SearchRequest(query: "actor:Khan")).hits.map(\.record.articleID) == ["b"])
        #expect(try engine.search(SearchRequest(query: "actor:\"Mr. Khan\"")).hits.map(\.record.articleID) == ["b"])
        #expect(throws: SearchError.unknownActor(name: "Imran Khan", candidates: [.init(name: "Shafqat Ali Khan", passages: 1)], ambiguous: false)) {
            try engine.actorLookup().resolve("Imran Khan")
        }
    }

    /// A minor actor called "Baker", James Baker (alias "Baker", more passages) and Paul
    /// Volcker; short aliases "VO" and "LK" on other actors (issue 10, item 4).
    private func bakerIndex() throws -> (TemporaryDirectory, SearchEngine) {
        let dir = TemporaryDirectory()
        let writer = try IndexWriter(path: dir.path("idx"))
        let baker = ActorTag(name: "Baker", type: .person)
        let james = ActorTag(name: "James Baker", type: .person)
        let volcker = ActorTag(name: "Paul Volcker", type: .person)
        let vo = ActorTag(name: "Volta Oil", type: .organization)
        let lk = ActorTag(name: "Lanka Kredit", type: .organization)
        var passages: [TaggedPassage] = []
        let tags: [[ActorTag]] = [[baker], [james], [james], [james], [volcker], [volcker], [vo], [lk]]
        for (i, actors) in tags.enumerated() {
            passages.append(TaggedPassage(passage: Passage(number: i, kind: .paragraph, text: "Passage \(i).", line: i + 1), actors: actors))
        }
        let article = Article(id: "b", file: "b.txt", title: "Passage 0.", passages: passages.map(\.passage))
        try writer.write(TaggedArticle(article: article, passages: passages,
                                       aliases: [james: ["Baker"], vo: ["VO"], lk: ["LK"], volcker: ["Volcker"]]))
        try writer.commit()
        return (dir, try SearchEngine(indexPath: dir.path("idx")))
    }

    @Test func aNameThatIsOneActorsNameAndAnothersAliasIsAmbiguous() throws {
        let (dir, engine) = try bakerIndex()
        let expected = SearchError.unknownActor(
            name: "Baker", candidates: [.init(name: "James Baker", passages: 3), .init(name: "Baker", passages: 1)], ambiguous: true)
        #expect(throws: expected) { try engine.search(SearchRequest(actors: ["Baker"])) }
        #expect(throws: expected) { try engine.search(SearchRequest(query: "passage actor:Baker")) }
        #expect(throws: expected) { try engine.summary(SearchRequest(query: "", actors: ["Baker"]), top: 1) }
        #expect(try engine.actorLookup().resolve("James Baker").name == "James Baker")
        // `=Baker` is the actor called exactly "Baker", and the message says so.
        #expect(expected.description.hasSuffix("give the full name, or =Baker for the actor called exactly that"))
        #expect(try engine.search(SearchRequest(actors: ["=Baker"])).total == 1)
        #expect(try engine.search(SearchRequest(query: "actor:=Baker")).total == 1)
        #expect(throws: SearchError.self) { try engine.actorLookup().resolve("=Bakr") }
        _ = dir
    }

    @Test func suggestionsRankByNameSimilarityThenPassages() throws {
        let (dir, engine) = try bakerIndex()
        // "Volker" is one letter from Volcker; the two-letter aliases VO and LK are not close.
        #expect(throws: SearchError.unknownActor(name: "Volker", candidates: [.init(name: "Paul Volcker", passages: 2)], ambiguous: false)) {
            try engine.actorLookup().resolve("Volker")
        }
        #expect(ActorDirectory.similarity(of: "volker", to: "vo") < ActorDirectory.suggestionThreshold)
        #expect(ActorDirectory.similarity(of: "volker", to: "paul volcker") > ActorDirectory.similarity(of: "volker", to: "volta oil"))
        _ = dir
    }
}
