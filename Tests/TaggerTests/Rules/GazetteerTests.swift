@testable import Tagger
import Foundation
import NewsModel
import Testing
import TestSupport
@testable import Indexer

/// Loading, merging and looking up gazetteers.
@Suite struct GazetteerTests {
    /// Each test's own folder (a suite instance per test), removed after the test.
    private let directory = TemporaryDirectory("gazetteer")

    private func write(_ json: String) throws -> URL {
        URL(fileURLWithPath: try directory.write("gazetteer-\(UUID().uuidString).json", json))
    }

    @Test func bundledDataHasCountriesCapitalsCitiesAndBeatActors() throws {
        let gazetteer = try Gazetteer.bundled()
        #expect(gazetteer.count > 2000)
        #expect(gazetteer.actor(named: "Pakistani") == ActorTag(name: "Pakistan", type: .country))
        #expect(gazetteer.actor(named: "USA") == ActorTag(name: "United States", type: .country))
        #expect(gazetteer.actor(named: "Islamabad") == ActorTag(name: "Islamabad", type: .location))
        #expect(gazetteer.actor(named: "Karachi") == ActorTag(name: "Karachi", type: .location))
        #expect(gazetteer.actor(named: "LeT") == ActorTag(name: "Lashkar-e-Taiba", type: .organization))
        #expect(gazetteer.actor(named: "taliban regime") == ActorTag(name: "Afghan Taliban", type: .organization))
        #expect(gazetteer.country(of: ActorTag(name: "Mumbai", type: .location)) == ActorTag(name: "India", type: .country))
    }

    @Test func userFileAddsRenamesAndMergesActors() throws {
        let url = try write("""
        {"actors": [
          {"name": "Talal Chaudhry", "type": "person", "aliases": ["Chaudhry"], "country": "PK"},
          {"name": "Türkiye", "type": "country", "replaces": ["Turkey"]},
          {"name": "Foreign Office", "type": "organization", "aliases": ["Pakistan Foreign Office"]}
        ]}
        """)
        let gazetteer = try Gazetteer.loading(userFile: url)
        #expect(gazetteer.actor(named: "Chaudhry") == ActorTag(name: "Talal Chaudhry", type: .person))
        // The rename keeps every old name as an alias, demonym and capital included.
        let turkiye = ActorTag(name: "Türkiye", type: .country)
        #expect(gazetteer.actor(named: "Turkey") == turkiye)
        #expect(gazetteer.actor(named: "Turkish") == turkiye)
        #expect(gazetteer.actor(named: "Turkey") != ActorTag(name: "Turkey", type: .country))
        #expect(gazetteer.actor(named: "FO") == ActorTag(name: "Foreign Office", type: .organization))
        #expect(gazetteer.actor(named: "Pakistan Foreign Office") == ActorTag(name: "Foreign Office", type: .organization))

        let tagger = NewsTagger(gazetteer: gazetteer, labeller: try LearnedLabeller.shipped, today: CalendarDate(year: 2026, month: 1, day: 1)!)
        let tagged = tagger.tag(SeedArticles.article(["Chaudhry flew to Ankara; Turkey and the Turkish side agreed."]))
        #expect(tagged.passages[1].actors == [ActorTag(name: "Talal Chaudhry", type: .person),
                                              ActorTag(name: "Ankara", type: .location), turkiye])
    }

    @Test func userFileCanAddEventsAndCues() throws {
        let url = try write("""
        {"events": {"7/7": "2005-07-07"}, "cues": {"organizationCues": ["Jirga"]}}
        """)
        let tagger = NewsTagger(gazetteer: try Gazetteer.loading(userFile: url), labeller: try LearnedLabeller.shipped, today: CalendarDate(year: 2026, month: 1, day: 1)!)
        let tagged = tagger.tag(SeedArticles.article(["The Khyber Grand Jirga recalled 7/7."]))
        #expect(tagged.passages[1].actors == [ActorTag(name: "Khyber Grand Jirga", type: .organization)])
        #expect(tagged.passages[1].dates == [DateMention(text: "7/7", start: CalendarDate(year: 2005, month: 7, day: 7)!, isEventReference: true)])
    }

    @Test func malformedUserFileNamesFileAndProblem() throws {
        let badJSON = try write("{\"actors\": [ {\"name\": \"X\", ")
        #expect {
            try Gazetteer.loading(userFile: badJSON)
        } throws: { error in
            guard case let .malformed(file, _) = error as? GazetteerError else { return false }
            return file == badJSON.path && "\(error)".hasPrefix(badJSON.path + ": not a valid gazetteer")
        }

        let badType = try write("{\"actors\": [{\"name\": \"Jane Doe\", \"type\": \"persn\"}]}")
        #expect {
            try Gazetteer.loading(userFile: badType)
        } throws: { error in
            let text = "\(error)"
            return text.contains(badType.path) && text.contains("actors[0].type") && text.contains("unknown actor type \"persn\"")
        }

        let missingName = try write("{\"actors\": [{\"type\": \"person\"}]}")
        #expect {
            try Gazetteer.loading(userFile: missingName)
        } throws: { error in
            "\(error)".contains("actors[0].name: missing field \"name\"")
        }

        let absent = URL(fileURLWithPath: "/nonexistent/gazetteer.json")
        #expect {
            try Gazetteer.loading(userFile: absent)
        } throws: { error in
            guard case let .unreadable(file, _) = error as? GazetteerError else { return false }
            return file == absent.path
        }
    }

    @Test func taggingOnSeveralThreadsGivesTheSameResult() async throws {
        let article = try SeedArticles.article("001")
        let tagger = SeedArticles.tagger
        let expected = tagger.tag(article)
        let results = await withTaskGroup(of: TaggedArticle.self) { group in
            for _ in 0..<8 { group.addTask { tagger.tag(article) } }
            var all: [TaggedArticle] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.allSatisfy { $0 == expected })
    }
}
