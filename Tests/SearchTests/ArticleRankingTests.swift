import Foundation
import Testing
import TestSupport
@testable import Search

/// `--rank articles` on the seeds: one hit per matching article, ranked by all its passages.
@Suite struct ArticleRankingTests {
    static let shared = Result { try SeedIndex() }

    private func engine() throws -> SearchEngine { try SearchEngine(indexPath: try Self.shared.get().path) }

    private func articles(_ request: SearchRequest) throws -> SearchResults {
        var request = request
        request.rank = .articles
        return try engine().search(request)
    }

    @Test func everyMatchingArticleExactlyOnceWithLimitAll() throws {
        for query in ["extradition", "attack OR court", ""] {
            let passages = try engine().search(SearchRequest(query: query, matchAny: true, limit: nil))
            let ranked = try articles(SearchRequest(query: query, matchAny: true, limit: nil))
            let expected = Set(passages.hits.map(\.record.articleID))
            #expect(expected.count > 1, "\(query)")
            #expect(ranked.hits.map(\.record.articleID).count == expected.count, "\(query)")
            #expect(Set(ranked.hits.map(\.record.articleID)) == expected, "\(query)")
            #expect(ranked.articleTotal == expected.count)
            // The total and the facets still count passages.
            #expect(ranked.total == passages.total)
            // Each article lists exactly its matching passages, and its record is the best one.
            for hit in ranked.hits {
                let own = passages.hits.filter { $0.record.articleID == hit.record.articleID }
                #expect(Set(hit.matchedPassageIDs) == Set(own.map(\.record.passageID)))
                #expect(hit.record.passageID == hit.matchedPassageIDs.first)
                #expect(hit.passageScore == own.map(\.score).max())
            }
            #expect(ranked.hits.map(\.rank) == Array(stride(from: 1, through: ranked.hits.count, by: 1)))
        }
    }

    /// The article score recomputed from the passage search (an independent route to each
    /// passage's BM25 weight) with the formula `Docs/ranking.md` gives: the best weight, plus
    /// `otherPassages` times each other matching passage, plus `title` times the title's weight.
    @Test func articlesAreInScoreOrderAndTheScoreAddsTheOtherPassages() throws {
        let ranked = try articles(SearchRequest(query: "extradition", limit: nil))
        let passages = try engine().search(SearchRequest(query: "extradition", limit: nil)).hits
        #expect(ranked.hits.count > 1)
        let scores = ranked.hits.map(\.score)
        #expect(scores == scores.sorted(by: >))
        let parameters = RankingParameters.standard
        try #require(parameters.otherPassages > 0 && parameters.title > 0)
        var withOtherPassages = 0, withTitle = 0
        for hit in ranked.hits {
            let own = passages.filter { $0.record.articleID == hit.record.articleID }
            let weights = own.map(\.score).sorted(by: >)
            let title = own.first { $0.record.paragraph == 0 }?.score
            try #require(!weights.isEmpty, "\(hit.record.articleID) has no matching passage")
            let expected = weights[0] + parameters.otherPassages * weights.dropFirst().reduce(0, +)
                + parameters.title * (title ?? 0)
            #expect(abs(hit.score - expected) < 1e-9, "\(hit.record.articleID)")
            if weights.count > 1 {
                withOtherPassages += 1
                #expect(hit.score > weights[0])
            }
            if title != nil { withTitle += 1 }
        }
        // The seeds give both terms something to add, so neither can drop out unnoticed.
        #expect(withOtherPassages > 0)
        #expect(withTitle > 0)
    }

    @Test func offsetAndLimitCountArticles() throws {
        let all = try articles(SearchRequest(query: "attack OR court OR extradition", limit: nil)).hits.map(\.record.articleID)
        #expect(all.count >= 3)
        let second = try articles(SearchRequest(query: "attack OR court OR extradition", offset: 1, limit: 2))
        #expect(second.hits.map(\.record.articleID) == Array(all[1...2]))
        #expect(second.hits.map(\.rank) == [2, 3])
    }

    @Test func filtersRestrictTheArticlesAndTheirPassages() throws {
        let engine = try SearchEngine(indexPath: try TaggedFacetTests.shared.get().path)
        let filtered = SearchRequest(query: "extradition OR attack", actors: ["Tahawwur Rana"], limit: nil)
        let passages = try engine.search(filtered)
        var request = filtered
        request.rank = .articles
        let ranked = try engine.search(request)
        let unfiltered = try engine.search(SearchRequest(query: "extradition OR attack", limit: nil))
        #expect(!ranked.hits.isEmpty)
        #expect(passages.total < unfiltered.total)
        #expect(Set(ranked.hits.flatMap(\.matchedPassageIDs)) == Set(passages.hits.map(\.record.passageID)))
        #expect(ranked.hits.count == Set(passages.hits.map(\.record.articleID)).count)
    }

    @Test func perArticleShowsTheNextBestPassages() throws {
        var request = SearchRequest(query: "extradition", perArticle: 2, limit: nil)
        let ranked = try articles(request)
        let many = try #require(ranked.hits.first { $0.matchedPassageIDs.count > 1 })
        #expect(many.article?.more.map(\.record.passageID) == [many.matchedPassageIDs[1]])
        request.perArticle = nil
        #expect(try articles(request).hits.allSatisfy { $0.article?.more.isEmpty == true })
    }

    @Test func dateOrderSortsArticlesByPublication() throws {
        // The news tagger reads the seeds' datelines: without it only one seed is dated, and an
        // order of one date would check nothing.
        let engine = try SearchEngine(indexPath: try TaggedFacetTests.shared.get().path)
        var request = SearchRequest(query: "extradition OR attack", order: .newest, limit: nil)
        request.rank = .articles
        let published = try engine.search(request).hits.map(\.record.published)
        let dated = published.compactMap { $0 }
        #expect(dated.count >= 3)
        #expect(Set(dated).count == dated.count)
        #expect(dated == dated.sorted(by: >))
        // Undated articles come after every dated one.
        #expect(published == dated.map(Optional.some) + Array(repeating: nil, count: published.count - dated.count))
    }

    @Test func countWithRankArticlesCountsDistinctArticles() throws {
        for query in ["extradition", "attack OR court", ""] {
            var request = SearchRequest(query: query, limit: 0)
            request.rank = .articles
            let counted = try engine().count(request)
            let listed = try articles(SearchRequest(query: query, limit: nil))
            #expect(counted.articleTotal == listed.hits.count, "\(query)")
            #expect(counted.total == listed.total)
        }
    }

    @Test func batchListsArticlesWithScores() throws {
        var request = SearchRequest(query: "extradition")
        request.rank = .articles
        let (results, hits) = try engine().summary(request, top: 100)
        let listed = try articles(SearchRequest(query: "extradition", limit: nil))
        #expect(hits.map(\.id) == listed.hits.map(\.record.articleID))
        #expect(hits.map(\.score) == listed.hits.map(\.score))
        #expect(results.articleTotal == listed.hits.count)
    }

    @Test func bm25ParametersChangeTheWeights() throws {
        var request = SearchRequest(query: "extradition court", matchAny: true, limit: 5)
        request.ranking.weighting = .bm25
        let standard = try engine().search(request).hits.map(\.score)
        request.ranking.k1 = 2.0
        request.ranking.b = 0.9
        #expect(try engine().search(request).hits.map(\.score) != standard)
    }

    /// Each weighting gives its own weights, and only its own parameters change them: IneB2
    /// (the default) ignores k1 and b, BM25 ignores c.
    @Test func eachWeightingWeighsWithItsOwnParameters() throws {
        let request = SearchRequest(query: "extradition court", matchAny: true, limit: 5)
        #expect(RankingParameters.standard.weighting == .ineb2)
        func scores(_ change: (inout RankingParameters) -> Void) throws -> [Double] {
            var changed = request
            change(&changed.ranking)
            return try engine().search(changed).hits.map(\.score)
        }
        let ineb2 = try scores { _ in }
        #expect(ineb2.count == 5)
        #expect(try scores { $0.k1 = 2; $0.b = 0.2 } == ineb2)
        #expect(try scores { $0.c = 7 } != ineb2)
        let bm25 = try scores { $0.weighting = .bm25 }
        #expect(bm25 != ineb2)
        #expect(try scores { $0.weighting = .bm25; $0.c = 7 } == bm25)
    }
}

/// `--plain`: a question as typed is read as words only.
@Suite struct PlainQueryTests {
    @Test func operatorsPhrasesPrefixesAndCaseBecomeWords() {
        #expect(PlainQuery("KENNEDY AND THE BUDDHISTS").words == ["kennedy", "and", "the", "buddhists"])
        #expect(PlainQuery("long-term title:ceasefire \"Mumbai attack\" +court -deport extradit*").words
            == ["long", "term", "title", "ceasefire", "mumbai", "attack", "court", "deport", "extradit"])
        #expect(PlainQuery("NOT (x OR y) NEAR z").text == "not x or y near z")
    }

    @Test func acronymsJoinAndApostrophesStayInWords() {
        #expect(PlainQuery("U.S. AID TO U.S.S.R.").words == ["us", "aid", "to", "ussr"])
        #expect(PlainQuery("the end.Then").words == ["the", "end", "then"])
        #expect(PlainQuery("NAM'S ARMY 'quoted'").words == ["nam's", "army", "quoted"])
    }

    static let shared = Result { try SeedIndex() }

    @Test func anAllCapsQueryFindsWhatTheLowerCaseOneFinds() throws {
        let engine = try SearchEngine(indexPath: try Self.shared.get().path)
        var upper = SearchRequest(query: "EXTRADITED", limit: nil)
        upper.plain = true
        let lower = try engine.search(SearchRequest(query: "extradited", limit: nil))
        #expect(lower.total > 0)
        #expect(try engine.search(upper).hits.map(\.record.passageID) == lower.hits.map(\.record.passageID))
    }

    @Test func anAndSearchWithNoMatchSaysHowManyHaveSomeWords() throws {
        let engine = try SearchEngine(indexPath: try Self.shared.get().path)
        var request = SearchRequest(query: "extradition zzqqxx", limit: 5)
        request.plain = true
        let results = try engine.search(request)
        #expect(results.total == 0)
        let any = try engine.search(SearchRequest(query: "extradition zzqqxx", matchAny: true, limit: 0))
        #expect(any.total > 0)
        #expect(results.anyWordTotal == any.total)
        #expect(ResultSummary.anyWordHint(results.anyWordTotal)?.contains("--any") == true)
        // Not without --plain, not with --any, not when something matched.
        #expect(try engine.search(SearchRequest(query: "extradition zzqqxx")).anyWordTotal == nil)
        request.matchAny = true
        #expect(try engine.search(request).anyWordTotal == nil)
        request.matchAny = false
        request.query = "extradition"
        #expect(try engine.search(request).anyWordTotal == nil)
        var counted = SearchRequest(query: "extradition zzqqxx", limit: 0)
        counted.plain = true
        #expect(try engine.count(counted).anyWordTotal == any.total)
    }
}
