import Foundation
import Indexer
import NewsModel
import TestSupport
import Testing
@testable import Search

/// Facets are exact: every count equals the total of the same search filtered by that value,
/// and equals what counting the exported hits gives.
@Suite struct FacetTests {
    static let fixture = Result { try FixtureIndex() }

    private func engine() throws -> SearchEngine { try SearchEngine(indexPath: try Self.fixture.get().path) }

    @Test func aFacetLimitShowsTheFirstValuesOfTheFullListAndCountsThemAll() throws {
        // The limit is applied before actor names are looked up; ties at the cut must still
        // be ordered by name, exactly as in the unlimited list.
        let engine = try engine()
        for kind in [FacetKind.actor, .person, .country] {
            var request = SearchRequest(query: "", facets: [kind], facetLimit: nil)
            let full = try engine.search(request).facets[0]
            #expect(full.values.count >= (kind == .actor ? 4 : 2))
            for limit in 1...full.values.count + 1 {
                request.facetLimit = limit
                let limited = try engine.search(request).facets[0]
                #expect(limited.values == Array(full.values.prefix(limit)), "\(kind) \(limit)")
                #expect(limited.distinctValues == full.distinctValues)
            }
        }
    }

    /// The same request restricted to one facet value, through the filter options.
    static func filtered(_ request: SearchRequest, _ kind: FacetKind, _ value: FacetValue) -> SearchRequest {
        var r = request
        r.facets = []
        r.limit = 0
        switch kind {
        // `=NAME`: the actor called exactly so, even where another actor has that name as an alias.
        case .actor, .person, .organization, .country, .location, .group: r.actors.append("=" + value.value)
        case .type: r.actorTypes.append(ActorType(rawValue: value.value)!)
        case .source: r.sources.append(value.value)
        case .publishedMonth, .publishedYear: (r.publishedFrom, r.publishedTo) = (value.value, value.value)
        case .mentionedMonth, .mentionedYear: (r.mentionedFrom, r.mentionedTo) = (value.value, value.value)
        }
        return r
    }

    /// The same request restricted to one facet value, through the query language.
    static func fielded(_ request: SearchRequest, _ kind: FacetKind, _ value: FacetValue) -> SearchRequest {
        var r = request
        r.facets = []
        r.limit = 0
        let clause: String
        switch kind {
        case .actor, .person, .organization, .country, .location, .group: clause = "actor:\"\(value.value)\""
        case .type: clause = "type:\(value.value)"
        case .source: clause = "source:\(value.value)"
        case .publishedMonth, .publishedYear: clause = "published:\(value.value)..\(value.value)"
        case .mentionedMonth, .mentionedYear: clause = "mentioned:\(value.value)..\(value.value)"
        }
        r.query = request.query.isEmpty ? clause : "(\(request.query)) \(clause)"
        return r
    }

    @Test(arguments: ["", "extradition", "Pakistan", "ceasefire OR extradition", "LeT"])
    func everyFacetCountEqualsTheFilteredTotal(query: String) throws {
        let engine = try engine()
        let request = SearchRequest(query: query, limit: 0, facets: FacetKind.allCases, facetLimit: nil)
        let results = try engine.search(request)
        #expect(results.totalIsExact && results.facetsAreExact)
        var checked = 0
        for facet in results.facets {
            for value in facet.values {
                let byOption = try engine.search(Self.filtered(request, facet.kind, value)).total
                #expect(byOption == value.count, "\(facet.kind.rawValue)=\(value.value) for \(query): \(value.count) vs \(byOption)")
                let byField = try engine.search(Self.fielded(request, facet.kind, value)).total
                #expect(byField == value.count, "\(facet.kind.rawValue):\(value.value) for \(query): \(value.count) vs \(byField)")
                checked += 1
            }
        }
        if query.isEmpty { #expect(checked > 25) }
    }

    @Test func actorCountsEqualCountingTheExportedHits() throws {
        let engine = try engine()
        for query in ["", "extradition", "Pakistan OR India"] {
            let results = try engine.search(SearchRequest(query: query, limit: nil, facets: [.actor, .type, .source], facetLimit: nil))
            #expect(results.hits.count == results.total)
            var actors: [String: Int] = [:], types: [String: Int] = [:], sources: [String: Int] = [:]
            for hit in results.hits {
                for name in Set(hit.record.actors.map(\.name)) { actors[name, default: 0] += 1 }
                for type in Set(hit.record.actors.map(\.type)) { types[type, default: 0] += 1 }
                if let source = hit.record.source { sources[source.lowercased().replacingOccurrences(of: " ", with: "-"), default: 0] += 1 }
            }
            let facet = { (kind: FacetKind) in
                Dictionary(uniqueKeysWithValues: results.facets.first { $0.kind == kind }!.values.map { ($0.value, $0.count) })
            }
            #expect(facet(.actor) == actors)
            #expect(facet(.type) == types)
            #expect(facet(.source) == sources)
        }
    }

    @Test func actorFacetCarriesTypeAndIDAndTypedFacetsKeepTheirType() throws {
        let results = try engine().search(SearchRequest(query: "", limit: 0, facets: [.actor, .person, .country], facetLimit: nil))
        let actor = try #require(results.facets.first { $0.kind == .actor })
        let rana = try #require(actor.values.first { $0.value == "Tahawwur Rana" })
        #expect(rana == FacetValue(value: "Tahawwur Rana", id: "tahawwur-rana", type: "person", count: 3))
        let people = try #require(results.facets.first { $0.kind == .person })
        #expect(Set(people.values.map(\.value)) == ["Tahawwur Rana", "Hafiz Saeed"])
        let countries = try #require(results.facets.first { $0.kind == .country })
        #expect(countries.values.map(\.value) == ["Pakistan", "India"])
        #expect(countries.values.map(\.count) == [5, 3])
    }

    @Test func facetLimitKeepsTheLargestAndReportsHowManyThereWere() throws {
        let results = try engine().search(SearchRequest(query: "", limit: 0, facets: [.actor], facetLimit: 2))
        let actor = try #require(results.facets.first)
        #expect(actor.values.map(\.value) == ["Pakistan", "India"])
        #expect(actor.distinctValues == 8)
    }

    @Test func dateFacetsUseTheFilterSyntax() throws {
        let results = try engine().search(SearchRequest(
            query: "", limit: 0, facets: [.publishedMonth, .publishedYear, .mentionedMonth, .mentionedYear], facetLimit: nil))
        let values = { (kind: FacetKind) in Set(results.facets.first { $0.kind == kind }!.values.map(\.value)) }
        #expect(values(.publishedMonth) == ["2025-01", "2025-02", "2024-12"])
        #expect(values(.publishedYear) == ["2025", "2024"])
        #expect(values(.mentionedMonth) == ["2008-11", "2025-10", "2025-03"])
        #expect(values(.mentionedYear) == ["2008", "2023", "2024", "2025"])
    }

    @Test func longMentionedRangesCountAsTheirFilterFinds() throws {
        // A decade-long range gets year terms only; its months must not appear in the facet.
        let decade = DateMention(text: "from 2001 to 2010", start: CalendarDate(year: 2001, month: 1)!, end: CalendarDate(year: 2010, month: 12)!)
        let quarter = DateMention(text: "early 2009", start: CalendarDate(year: 2009, month: 1)!, end: CalendarDate(year: 2009, month: 3)!)
        let fixture = try FixtureIndex(extra: [
            FixtureIndex.article("fx/long", title: "Long ranges", published: nil, source: nil,
                                 [("A decade of talks.", [], [decade]), ("A quarter of talks.", [], [quarter])]),
        ])
        let engine = try SearchEngine(indexPath: fixture.path)
        let request = SearchRequest(query: "talks", limit: 0, facets: [.mentionedMonth, .mentionedYear], facetLimit: nil)
        let results = try engine.search(request)
        let months = try #require(results.facets.first { $0.kind == .mentionedMonth })
        #expect(months.values.map(\.value).sorted() == ["2009-01", "2009-02", "2009-03"])
        for facet in results.facets {
            for value in facet.values {
                #expect(try engine.search(Self.filtered(request, facet.kind, value)).total == value.count, "\(value.value)")
            }
        }
    }

    @Test func facetsAreCountedBeforeCollapsingAndSaySo() throws {
        // --per-article hides passages from the hit list; the facets still count every match.
        let engine = try engine()
        let all = try engine.search(SearchRequest(query: "extradition", limit: nil, facets: [.source], facetLimit: nil))
        let collapsed = try engine.search(SearchRequest(query: "extradition", perArticle: 1, limit: nil, facets: [.source], facetLimit: nil))
        #expect(collapsed.total < all.total)
        #expect(collapsed.hits.count == collapsed.total)
        #expect(Set(collapsed.hits.map(\.record.articleID)).count == collapsed.hits.count)
        #expect(collapsed.facets == all.facets)
        #expect(collapsed.facetsAreExact)
    }
}
