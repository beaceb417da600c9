import Foundation
import NewsModel
import Testing
@testable import Indexer
@testable import Tagger

/// Compares the tagger with the Reuters editors' own `<PLACES>`, `<PEOPLE>` and `<ORGS>`
/// tags on 1987 wire copy, which the tagger was not built from.
@Suite struct ReutersComparisonTests {
    struct Score: CustomStringConvertible {
        var found = 0, expected = 0, correct = 0, tagged = 0
        var recall: Double { expected == 0 ? 1 : Double(found) / Double(expected) }
        var precision: Double { tagged == 0 ? 1 : Double(correct) / Double(tagged) }
        var description: String {
            String(format: "recall %.2f (%d/%d), precision %.2f (%d/%d)", recall, found, expected, precision, correct, tagged)
        }
    }

    @Test(.enabled(if: ReutersSample.file != nil, "shared corpora absent: set DOSSIER_CORPORA or put them in ../shared/corpora"))
    func agreesWithEditorsTags() throws {
        let gazetteer = SeedArticles.tagger.gazetteer
        let stories = try ReutersSample.stories(limit: 300)
        #expect(stories.count == 300)
        var places = Score(), people = Score(), orgs = Score()
        // Person-typed actors whose name ends in a company word: typing mistakes.
        var firmsAsPeople: Set<String> = []
        let firmWords: Set<String> = ["co", "inc", "corp", "ltd", "plc", "group", "bank", "securities", "capital",
                                      "brothers", "lynch", "sachs", "stanley", "lehman", "hutton", "agreement",
                                      "administration", "government", "exchequer"]
        for story in stories {
            let tagged = SeedArticles.tagger.tag(story.article)
            let actors = Set(tagged.passages.flatMap(\.actors))
            // Places: countries the editors named, mapped through the gazetteer.
            let expectedPlaces = Set(story.places.compactMap { gazetteer.actor(named: $0.replacingOccurrences(of: "-", with: " ")) })
            places.expected += expectedPlaces.count
            // A city counts for its country: editors tag "usa" for a NEW YORK dateline.
            let placed = Set(actors.compactMap { $0.type == .location || $0.type == .country ? gazetteer.country(of: $0) : nil })
            places.found += expectedPlaces.filter(placed.contains).count
            if !story.places.isEmpty {
                let countries = actors.filter { $0.type == .country }
                places.tagged += countries.count
                places.correct += countries.filter(expectedPlaces.contains).count
            }
            // People: the editors write "james-baker"; match on the surname.
            let surnames = Set(story.people.map { $0.split(separator: "-").last.map(String.init) ?? $0 })
            for surname in surnames {
                people.expected += 1
                if actors.contains(where: { $0.type == .person && $0.id.split(separator: "-").contains(Substring(surname)) }) {
                    people.found += 1
                }
            }
            // Precision on stories the editors gave people: a person tagged is right when the
            // editors name that surname. (Editors list only newsworthy people, not analysts or
            // executives, so this is a floor.)
            if !story.people.isEmpty {
                for person in actors where person.type == .person {
                    people.tagged += 1
                    if person.id.split(separator: "-").contains(where: { surnames.contains(String($0)) }) { people.correct += 1 }
                }
            }
            for person in actors where person.type == .person {
                if let last = person.id.split(separator: "-").last, firmWords.contains(String(last)) {
                    firmsAsPeople.insert(person.name)
                }
            }
            // Organisations the gazetteer knows by the editors' name ("opec", "imf", "ec",
            // "worldbank", "ico-coffee").
            let orgTags = Set(story.orgs.compactMap { ReutersComparisonTests.organization(named: $0, in: gazetteer) })
            if !orgTags.isEmpty {
                let found = actors.filter { $0.type == .organization && gazetteer.country(of: $0) == nil }
                orgs.tagged += found.count
                orgs.correct += found.filter(orgTags.contains).count
            }
            for org in story.orgs {
                guard let tag = ReutersComparisonTests.organization(named: org, in: gazetteer) else { continue }
                orgs.expected += 1
                if actors.contains(tag) { orgs.found += 1 }
            }
        }
        print("Reuters-21578 reut2-000, first \(stories.count) stories:")
        print("  places (countries): \(places)")
        print("  people (surname):   \(people)")
        print("  orgs (known names): \(orgs)")
        print("  person-typed actors ending in a company or title word: \(firmsAsPeople.count) \(firmsAsPeople.sorted())")
        // Editors tag the dateline's country even for towns too small for the city list, and
        // leave out many countries a story names in passing, so "precision" here is a
        // floor, not a measure of wrong tags; both bounds guard against regressions.
        #expect(places.recall >= 0.80)
        #expect(places.precision >= 0.50)
        #expect(people.recall >= 0.90)
        #expect(orgs.recall >= 0.80)
        #expect(people.precision >= 0.30)
        #expect(firmsAsPeople.count <= 2)
    }

    /// The gazetteer actor for an editors' organisation code: "ec", "worldbank",
    /// "ico-coffee", "adb-asia".
    static func organization(named code: String, in gazetteer: Gazetteer) -> ActorTag? {
        let known = ["worldbank": "World Bank", "ico-coffee": "ICO", "icco": "ICCO", "adb-asia": "Asian Development Bank",
                     "adb-africa": "African Development Bank"]
        return gazetteer.actor(named: known[code] ?? code)
    }
}
