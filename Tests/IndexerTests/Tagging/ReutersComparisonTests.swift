import Foundation
import Testing
@testable import Indexer

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
            for person in story.people {
                people.expected += 1
                let surname = person.split(separator: "-").last.map(String.init) ?? person
                if actors.contains(where: { $0.type == .person && $0.id.split(separator: "-").contains(Substring(surname)) }) {
                    people.found += 1
                }
            }
            // Organisations the gazetteer knows by the editors' name ("opec", "imf", "ec").
            for org in story.orgs {
                guard let tag = gazetteer.actor(named: org) else { continue }
                orgs.expected += 1
                if actors.contains(tag) { orgs.found += 1 }
            }
        }
        print("Reuters-21578 reut2-000, first \(stories.count) stories:")
        print("  places (countries): \(places)")
        print("  people (surname):   \(people)")
        print("  orgs (known names): \(orgs)")
        // Editors tag the dateline's country even for towns too small for the city list, and
        // leave out many countries a story names in passing, so "precision" here is a
        // floor, not a measure of wrong tags; both bounds guard against regressions.
        #expect(places.recall >= 0.80)
        #expect(places.precision >= 0.50)
        #expect(people.recall >= 0.90)
        #expect(orgs.recall >= 0.80)
    }
}
