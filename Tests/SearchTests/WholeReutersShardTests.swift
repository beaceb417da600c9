import Foundation
import Indexer
import TestSupport
import Testing
@testable import Search

/// Issue 15 item 2 on a whole real corpus: all of Reuters-21578 (the 22 files, 21,578 stories,
/// about 134,000 passages) indexed into one database and into 2 shards by the indexer's own
/// sharded path, then compared on everyday queries: totals, the top 100 in order (ties aside),
/// every count of every facet, the actor × month matrix, and the actor tables.
///
/// Both indexes are built once and shared by the tests below (as `CorpusFacetTests` shares its
/// index). Actors come from `CorpusFacetTests.KeywordTagger` (ten names and an alias), not the
/// news tagger: tagging all of Reuters twice with the news tagger in a debug build would take
/// minutes; indexing without it took 49 s per build on this 2-core machine (debug, load 2.5).
@Suite("Whole Reuters-21578: 2 shards answer like one database", .serialized)
struct WholeReutersShardTests {
    static let folder = Paths.corpora.appendingPathComponent("reuters21578")
    /// Every file of the corpus: `reut2-000.sgm.gz` ... `reut2-021.sgm.gz`.
    static let files = (0...21).map { folder.appendingPathComponent(String(format: "reut2-%03d.sgm.gz", $0)).path }
    static var present: Bool { files.allSatisfy { FileManager.default.fileExists(atPath: $0) } }
    static let absent = Comment(rawValue: "the whole of Reuters-21578 (reut2-000.sgm.gz ... reut2-021.sgm.gz) not found under \(folder.path); set DOSSIER_CORPORA to the folder holding reuters21578/")

    /// The one database and the 2-shard index, built once.
    static let indexes = Result { () throws -> (directory: TemporaryDirectory, one: String, sharded: String) in
        let dir = TemporaryDirectory("whole-reuters")
        let one = dir.path("one"), sharded = dir.path("sharded")
        let first = try ShardedWritingTests.index(files, into: one, shards: nil, tagger: CorpusFacetTests.KeywordTagger())
        let second = try ShardedWritingTests.index(files, into: sharded, shards: 2, tagger: CorpusFacetTests.KeywordTagger())
        // The whole corpus, or the test would compare less than it says (one story of the
        // 21,578 has no text and is reported as skipped).
        guard first.articles > 21_000, second.articles == first.articles, first.indexPassages == second.indexPassages else {
            throw CorpusFacetTests.CorpusTooSmall(articles: min(first.articles, second.articles))
        }
        return (dir, one, sharded)
    }

    static let queries = [
        "", "oil", "\"crude oil\"", "wheat OR corn", "Japan NOT trade", "OPEC prices", "interest rates", "dollar",
        "takeover bid", "gold", "coffee", "bank", "\"trade deficit\"", "Reagan budget", "U.S. trade",
    ]

    /// Found by this test: Xapian 1.4 expands a wildcard in each shard on its own, against that
    /// shard's terms only, so the expanded terms are weighted with one shard's statistics, not
    /// the index's (the stub's statistics are gathered from the query's terms before the
    /// expansion). Totals and facet counts agree; scores do not, and with other words in the
    /// query the order changes (`profit* OR oil` on reut2-000..002: ranks 3-4 and 7-8 swap).
    static let wildcardQueries = ["profit*", "profit* OR oil"]

    /// The hits of a page of `size` as `score@id`, best first, ties by id; when the page is full
    /// the lowest score's tie group is dropped (the page may cut it anywhere), and the scores in
    /// rank order are returned apart (they must agree whatever the ties).
    static func top(_ hits: [RankedID], size: Int) -> (ranked: [String], scores: [Double]) {
        let rounded = hits.map { (score: ($0.score * 1e9).rounded() / 1e9, id: $0.id) }
        let cut = hits.count == size ? rounded.map(\.score).min() : nil
        let sorted = rounded.sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
        return (sorted.filter { $0.score != cut }.map { "\($0.id)@\($0.score)" }, rounded.map(\.score))
    }

    @Test(.enabled(if: present, absent), arguments: queries)
    func totalsTopHitsAndEveryFacetCountAreTheSame(query: String) throws {
        try Self.compare(query)
    }

    @Test(.enabled(if: present, absent), arguments: wildcardQueries)
    func wildcardsAreRankedWithOneShardsStatistics(query: String) throws {
        // The totals and facet counts must still agree (checked outside the known issue).
        let (_, onePath, shardedPath) = try Self.indexes.get()
        let request = SearchRequest(query: query, facets: FacetKind.allCases, facetLimit: nil)
        let (expected, _) = try SearchEngine(indexPath: onePath).summary(request, top: 0)
        let (results, _) = try SearchEngine(indexPath: shardedPath).summary(request, top: 0)
        #expect(results.total == expected.total && results.facets == expected.facets && expected.total > 0)
        withKnownIssue("Xapian 1.4 expands a wildcard per shard: its terms get one shard's statistics (issue 15 item 2)") {
            try Self.compare(query)
        }
    }

    /// Compares the one database's and the two shards' answers to `query`, alone and filtered
    /// by an actor.
    static func compare(_ query: String) throws {
        let (_, onePath, shardedPath) = try Self.indexes.get()
        let one = try SearchEngine(indexPath: onePath), sharded = try SearchEngine(indexPath: shardedPath)
        for actors in [[], ["Japan"]] {
            let request = SearchRequest(query: query, actors: actors, facets: FacetKind.allCases, facetLimit: nil)
            let (expected, expectedHits) = try one.summary(request, top: 100)
            let (results, hits) = try sharded.summary(request, top: 100)
            if actors.isEmpty { #expect(expected.total > 0, "\(query): matches nothing, so compares nothing") }
            #expect(results.total == expected.total && results.totalIsExact && expected.totalIsExact, "\(query) \(actors)")
            #expect(results.facets == expected.facets, "\(query) \(actors)")
            #expect(results.facetsAreExact && expected.facetsAreExact)
            if query.isEmpty {
                // No query: every score is 0, so the order is docid order, which sharding renumbers.
                #expect(hits.count == expectedHits.count)
            } else {
                let (ranked, scores) = Self.top(hits, size: 100), (expectedRanked, expectedScores) = Self.top(expectedHits, size: 100)
                #expect(ranked == expectedRanked, "\(query) \(actors): top 100 differ")
                #expect(scores == expectedScores, "\(query) \(actors): the scores of the top 100 differ")
            }
        }
    }

    @Test(.enabled(if: present, absent))
    func actorTablesCountsAndStatisticsAreTheSame() throws {
        let (_, onePath, shardedPath) = try Self.indexes.get()
        let one = try SearchEngine(indexPath: onePath), sharded = try SearchEngine(indexPath: shardedPath)
        let actors = try one.actorDirectory().actors(ofType: nil, limit: nil)
        #expect(actors.count == 9)  // ten names, "U.S." an alias of one
        #expect(try sharded.actorDirectory().actors(ofType: nil, limit: nil) == actors)
        for query in ["", "oil", "trade"] {
            let matrix = try one.count(SearchRequest(query: query), by: [.actor, .publishedMonth])
            #expect(matrix.rows.count > 1 && matrix.columns.count > 1)
            #expect(try sharded.count(SearchRequest(query: query), by: [.actor, .publishedMonth]) == matrix, "\(query)")
            #expect(try sharded.count(SearchRequest(query: query), by: [.source]) == one.count(SearchRequest(query: query), by: [.source]))
        }
        let (stats, expected) = (try sharded.statistics(), try one.statistics())
        #expect(stats.passages == expected.passages && stats.articles == expected.articles && stats.actors == expected.actors)
        #expect(stats.publishedFrom == expected.publishedFrom && stats.publishedTo == expected.publishedTo)
        // Both shards hold a fair share: the routing splits the corpus.
        let perShard = try ShardedWritingTests.shardPassages(shardedPath, count: 2)
        #expect(perShard.reduce(0, +) == expected.passages && perShard.allSatisfy { $0 > expected.passages / 3 }, "\(perShard)")
    }
}
