import Foundation
import NewsModel
import XapianStore

/// What a search ranks: passages (the default) or whole articles.
public enum RankUnit: String, Sendable, CaseIterable {
    /// Each matching passage is a hit, ranked by its own weight (`RankingParameters.weighting`).
    case passages
    /// Each matching article is a hit, ranked by the evidence of all its matching passages
    /// (see `RankingParameters.articleScore`); it is shown with its best passages.
    case articles
}

/// How a passage's weight is computed from the frequencies of the query's words in it.
public enum Weighting: String, Sendable, CaseIterable {
    /// Divergence from randomness, Xapian's IneB2 (`c`): the default, chosen by measurement
    /// (Docs/ranking.md).
    case ineb2
    /// Okapi BM25 (`k1`, `b`), Dossier's weighting before IneB2.
    case bm25
}

/// The numbers that rank: the weighting and its parameters (for passages and articles) and
/// how an article's passages add up to its score. The defaults were chosen by cross-validated
/// measurement on three test collections (Docs/ranking.md, `bench/relevance`).
public struct RankingParameters: Sendable, Equatable {
    /// The weighting of passages; `k1` and `b` apply to `.bm25` only, `c` to `.ineb2`.
    public var weighting: Weighting
    /// BM25's term-frequency saturation (Xapian's default is 1).
    public var k1: Double
    /// BM25's length normalisation, 0 (none) to 1 (full) (Xapian's default is 0.5).
    public var b: Double
    /// IneB2's length normalisation (normalisation 2, more than 0): a word counts
    /// `wdf × log2(1 + c × average length / length)` times, so a larger c penalises long passages less.
    public var c: Double
    /// The share of each matching passage other than the best that an article's score adds.
    public var otherPassages: Double
    /// The extra share of the title passage's weight (paragraph 0) that an article's score adds,
    /// whether or not the title is its best passage.
    public var title: Double

    /// Creates parameters.
    public init(weighting: Weighting, k1: Double, b: Double, c: Double, otherPassages: Double, title: Double) {
        self.weighting = weighting
        self.k1 = k1
        self.b = b
        self.c = c
        self.otherPassages = otherPassages
        self.title = title
    }

    /// The defaults: see Docs/ranking.md for how they were chosen. k1 and b are BM25's
    /// figures from before IneB2, for `--weighting bm25`.
    public static let standard = RankingParameters(weighting: .ineb2, k1: 1.6, b: 0.75, c: 0.75, otherPassages: 0.1, title: 0.25)

    /// An article's score from the weights of its matching passages, best first:
    /// the best weight, plus `otherPassages` times each of the others, plus `title` times the
    /// title passage's weight (`titleWeight`, 0 when the title does not match).
    public func articleScore(weightsBestFirst weights: [Double], titleWeight: Double) -> Double {
        guard let best = weights.first else { return 0 }
        return best + otherPassages * (weights.reduce(0, +) - best) + title * titleWeight
    }
}

/// An id in a ranked list with its score: a passage (`article#paragraph`) or an article.
public struct RankedID: Sendable, Equatable {
    /// The passage or article id.
    public var id: String
    /// Its score: the weighting's for a passage, the combined score for an article.
    public var score: Double
}

/// Why an article ranks where it does, attached to an article hit.
public struct ArticleMatch: Sendable, Equatable {
    /// Every matching passage of the article, best first, with its own weight.
    public var passages: [RankedID]
    /// The best passages after the first (the hit's own record), up to `--per-article` in
    /// all, with their records and snippets; empty for exports that do not show them.
    public var more: [SearchHit]
}

/// The matching passages of each article, gathered from the whole match set.
struct ArticleRanking {
    /// One matching passage.
    struct Passage {
        var paragraph: Int
        var weight: Double
    }

    /// One matching article and its score.
    struct Article {
        var articleID: String
        /// The passages, best first (ties: document order).
        var passages: [Passage]
        var score: Double
        /// The publication slot's value, read only for date orders.
        var published: String
        /// The position of the article's first passage in the match set (breaks ties).
        var firstSeen: Int

        var passageIDs: [RankedID] {
            passages.map { RankedID(id: PassageRecord.passageID(article: articleID, paragraph: $0.paragraph), score: $0.weight) }
        }
    }

    /// The articles in rank order.
    var articles: [Article]
    /// The matching passages (what facets count).
    var passageTotal: Int
    var passageTotalIsExact: Bool
    var facetsSawEveryMatch: Bool
    /// The first page of the match set, kept for snippets.
    var page: MatchSet

    /// Results for the header: `total` stays the number of matching passages (facets count
    /// passages too); `articleTotal` is the number of matching articles.
    func results(facets: [FacetResult], suggestion: String?, request: SearchRequest) -> SearchResults {
        var results = SearchResults(
            total: passageTotal, totalIsExact: passageTotalIsExact, hits: [], facets: facets, suggestion: suggestion,
            facetsAreExact: passageTotalIsExact && facetsSawEveryMatch)
        results.articleTotal = articles.count
        return results
    }
}

extension SearchEngine {
    /// Reads every match of `enquire` (weights and two value slots, no records), groups the
    /// passages by article and ranks the articles by `request.ranking` (or by date, as
    /// `request.order` says, score breaking ties).
    func rankArticles(_ request: SearchRequest, enquire: Enquire) throws -> ArticleRanking {
        let everything = max(try database.documentCount(), 1)
        var byArticle: [String: Int] = [:]
        var articles: [ArticleRanking.Article] = []
        var first = 0
        let firstPage = try firstMatch(enquire, request, first: 0, maximum: pageSize, checkAtLeast: everything)
        var page = firstPage
        let dated = request.order != .relevance
        while true {
            for index in 0..<page.count {
                let weight = try page.weight(index).weight
                let articleID = try page.value(index, slot: .article)
                let paragraph = Int(try page.value(index, slot: .paragraph)) ?? 0
                if let position = byArticle[articleID] {
                    articles[position].passages.append(.init(paragraph: paragraph, weight: weight))
                } else {
                    byArticle[articleID] = articles.count
                    articles.append(.init(
                        articleID: articleID, passages: [.init(paragraph: paragraph, weight: weight)], score: 0,
                        published: dated ? try page.value(index, slot: .published) : "", firstSeen: first + index))
                }
            }
            first += page.count
            guard page.count == pageSize else { break }
            page = try enquire.matchSet(first: first, maximum: pageSize, checkAtLeast: 0)
        }
        for position in articles.indices {
            // The match set is in weight order (date orders: date then weight), so re-sort.
            articles[position].passages.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.paragraph < $1.paragraph }
            let passages = articles[position].passages
            articles[position].score = request.ranking.articleScore(
                weightsBestFirst: passages.map(\.weight), titleWeight: passages.first { $0.paragraph == 0 }?.weight ?? 0)
        }
        articles.sort { a, b in
            if dated && a.published != b.published {
                // Undated articles (empty value) sort last either way, as Xapian sorts them first ascending.
                if a.published.isEmpty || b.published.isEmpty { return b.published.isEmpty }
                return request.order == .newest ? a.published > b.published : a.published < b.published
            }
            return a.score != b.score ? a.score > b.score : a.firstSeen < b.firstSeen
        }
        let totals = firstPage.totals
        return ArticleRanking(
            articles: articles, passageTotal: totals.estimated, passageTotalIsExact: totals.lowerBound == totals.upperBound,
            facetsSawEveryMatch: true, page: firstPage)
    }

    /// `search`/`export` with `request.rank == .articles`: one hit per article, in article
    /// rank order, its record the best passage; `--offset`/`--limit` count articles.
    func runArticles(
        _ request: SearchRequest, query: Query, enquire: Enquire, counters: [IndexSchema.ValueSlot: FacetCounter],
        suggestion: String?, header: (SearchResults) throws(SearchError) -> Void, body: (SearchHit) throws(SearchError) -> Void
    ) throws -> SearchResults {
        var ranking = try rankArticles(request, enquire: enquire)
        let facetResults = try facets(request, counters: counters)
        let totals = ranking.page.totals
        ranking.facetsSawEveryMatch = counters.values.allSatisfy { $0.documentsExamined == totals.upperBound }
        var results = ranking.results(facets: facetResults, suggestion: suggestion, request: request)
        try summarise(&results, request)
        try header(results)
        let shown = max(1, request.perArticle ?? 1)
        var rank = request.offset
        for article in ranking.articles.dropFirst(request.offset).prefix(request.limit ?? Int.max) {
            rank += 1
            let passages = article.passageIDs
            var hits: [SearchHit] = []
            for passage in passages.prefix(shown) {
                guard let hit = try passageHit(passage, rank: rank, query: query, page: ranking.page, request: request) else { continue }
                hits.append(hit)
            }
            guard var hit = hits.first else { continue }
            hit.score = query.isEmpty ? 0 : article.score
            hit.article = ArticleMatch(passages: passages, more: Array(hits.dropFirst()))
            try body(hit)
        }
        return results
    }

    /// The hit for one passage, read by its id (nil if it vanished since the match).
    private func passageHit(_ passage: RankedID, rank: Int, query: Query, page: MatchSet, request: SearchRequest) throws -> SearchHit? {
        guard let data = try database.data(forTerm: IndexSchema.term(IndexSchema.passageID, passage.id)) else { return nil }
        let record = try storedRecord(data, passage: passage.id)
        return try hit(record: record, rank: rank, score: query.isEmpty ? 0 : passage.score, page: page, request: request)
    }
}
