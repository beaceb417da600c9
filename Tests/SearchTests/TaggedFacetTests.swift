import Tagger
import Foundation
import Indexer
import Testing
import TestSupport
@testable import Search

/// The seeds tagged by the news tagger: facets equal filters on real tags, and aliases the
/// tagger found work as synonyms.
@Suite struct TaggedFacetTests {
    static let shared = Result { try SeedIndex(tagger: NewsTagger(gazetteer: try Gazetteer.bundled(), labeller: try LearnedLabeller.shipped)) }

    private func engine() throws -> SearchEngine { try SearchEngine(indexPath: try Self.shared.get().path) }

    @Test(arguments: ["", "extradition", "LeT", "Rana", "Pakistan OR India"])
    func everyFacetCountEqualsTheFilteredTotal(query: String) throws {
        let engine = try engine()
        let request = SearchRequest(query: query, limit: 0, facets: FacetKind.allCases, facetLimit: nil)
        let results = try engine.search(request)
        #expect(results.total > 0 && results.facetsAreExact)
        var actors = 0
        for facet in results.facets {
            for value in facet.values {
                #expect(try engine.search(FacetTests.filtered(request, facet.kind, value)).total == value.count,
                        "\(query): \(facet.kind.rawValue)=\(value.value)")
                if facet.kind == .actor { actors += 1 }
            }
        }
        if query.isEmpty { #expect(actors > 10) }
    }

    @Test func letFindsTheArticleThatOnlySpellsItOut() throws {
        // Seed 001 writes "Lashkar-e-Taiba" and never "LeT"; seed 000 defines "Lashkar-e-Taiba (LeT)".
        let hits = try engine().search(SearchRequest(query: "LeT", limit: nil)).hits
        let articles = Set(hits.map { String($0.record.articleID.dropFirst("seeds/".count).prefix(3)) })
        #expect(articles.isSuperset(of: ["000", "001"]))
        let plain = try engine().search(SearchRequest(query: "let", limit: nil)).hits
        #expect(!plain.contains { $0.record.text.contains("Lashkar-e-Taiba") && !$0.record.text.lowercased().contains("let") })
    }
}
