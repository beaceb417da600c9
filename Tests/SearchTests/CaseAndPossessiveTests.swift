import Foundation
import Indexer
import NewsModel
import TestSupport
import Testing
import XapianStore
@testable import Search
import Tagger

/// A word matches the same passages whatever its case, and possessives match their base, in
/// words and phrases (issue 10, item 3).
@Suite struct CaseAndPossessiveTests {
    static let fixture = Result {
        try FixtureIndex(extra: [
            FixtureIndex.article("fx/c1", title: "Oil notes", published: CalendarDate(year: 2025, month: 3)!, source: "Wire", [
                ("Texaco's bankruptcy filing surprised Texaco holders.", [], []),
                ("Saudi Arabia's output rose; the trade deficit's size fell.", [], []),
                ("Shares of texaco fell in Saudi Arabia.", [], []),
                ("The Japan desk and the japan lacquer trade; BP's chief and bp prices.", [Self.japan, Self.bp], []),
                ("Let the US allies help us.", [], []),
            ], aliases: [Self.japan: ["Japanese"], Self.bp: ["BP"]]),
            FixtureIndex.article("fx/c2", title: "Tokyo markets", published: CalendarDate(year: 2025, month: 3)!, source: "Wire", [
                ("Tokyo traders were cautious.", [Self.japan], []),
                ("British Petroleum raised prices.", [Self.bp], []),
            ], aliases: [Self.bp: ["BP"]]),
        ])
    }
    static let japan = ActorTag(name: "Japan", type: .country)
    static let bp = ActorTag(name: "British Petroleum", type: .organization)

    private let shared = Result { try SearchEngine(indexPath: try CaseAndPossessiveTests.fixture.get().path) }

    private func ids(_ query: String) throws -> Set<String> {
        Set(try shared.get().search(SearchRequest(query: query, limit: nil)).hits.map(\.record.passageID))
    }

    @Test(arguments: ["Texaco", "Saudi", "deficit", "Tokyo", "Shares", "Petroleum", "surprised", "holders"])
    func aWordMatchesTheSamePassagesInEveryCase(word: String) throws {
        let lower = try ids(word.lowercased())
        #expect(!lower.isEmpty)
        #expect(try ids(word) == lower)
        #expect(try ids(word.uppercased()) == lower)
    }

    @Test func possessivesMatchTheirBaseInWordsAndPhrases() throws {
        #expect(try ids("Texaco") == ["fx/c1#1", "fx/c1#3"])
        #expect(try ids("\"Saudi Arabia\"") == ["fx/c1#2", "fx/c1#3"])
        #expect(try ids("\"trade deficit\"") == ["fx/c1#2"])
        #expect(try ids("\"Saudi Arabia's output\"") == ["fx/c1#2"])
        #expect(try ids("Arabia's") == ["fx/c1#2", "fx/c1#3"])
    }

    @Test func theRuleDropsOnlyAPossessiveAfterAWord() {
        #expect(TermIndexer.droppingPossessives("Saudi Arabia's output, Texaco’s") == "Saudi Arabia output, Texaco")
        #expect(TermIndexer.droppingPossessives("ministers' 'sound' it's O'Shea's x'sy") == "ministers' 'sound' it O'Shea x'sy")
        #expect(TermIndexer.droppingPossessives("no apostrophe") == "no apostrophe")
    }

    @Test func aliasesThatAreNotOrdinaryWordsExpandInAnyCase() throws {
        // "japan" is Japan (its capitalised form is a name), and "bp" is BP (not a word):
        // both also find the passages tagged with the actor.
        #expect(try ids("japan") == (try ids("Japan")))
        #expect(try ids("japan").contains("fx/c2#1"))
        #expect(try ids("bp") == (try ids("BP")))
        #expect(try ids("bp").contains("fx/c2#2"))
    }

    @Test func anAcronymThatIsAnOrdinaryWordExpandsOnlyInItsOwnCase() throws {
        // The fixture's LeT (Lashkar-e-Taiba): "let" is the English word.
        #expect(try ids("LeT").contains("fx/a6#1") == false)  // fx/a6 is not in this fixture
        #expect(!(try ids("let")).contains("fx/a1#2"))
        #expect(try ids("LeT").contains("fx/a1#2"))
        let keys = ActorNameKeys.keys(name: "United States", type: "country", aliases: ["US", "BP", "Japan"],
                                      isOrdinaryWord: { ["us", "japan"].contains($0) })
        #expect(keys.contains(ActorNameKeys.foldedKey("Japan")))
        #expect(keys.contains(ActorNameKeys.foldedKey("BP")))
        #expect(keys.contains(ActorNameKeys.foldedKey("United States")))
        #expect(!keys.contains(ActorNameKeys.foldedKey("US")))
    }
}
