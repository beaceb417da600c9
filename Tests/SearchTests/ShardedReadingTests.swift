import Foundation
import Indexer
import NewsModel
import Tagger
import TestSupport
import XapianStore
import Testing
@testable import Search

/// One index, many shards, no change for the reader (issue 15): the same passages split into
/// two shards behind a Xapian stub, local or served by a stock `xapian-tcpsrv`, give exactly the
/// results, totals, ranking (ties aside), facet counts, counts, actors and suggestions of one shard.
@Suite struct ShardedReadingTests {
    static let fixture = Result { try FixtureIndex() }

    static let queries = ["", "extradition", "Pakistan", "ceasefire OR extradition", "LeT", "attack NOT Mumbai", "\"Tahawwur Rana\""]

    /// What a reader sees for `query`: totals, every hit (ordered by score, ties by id), every facet.
    struct View: Equatable {
        var total: Int
        var totalIsExact: Bool
        var facetsAreExact: Bool
        var hits: [String]
        var facets: [FacetResult]
        var suggestion: String?
    }

    static func view(_ engine: SearchEngine, _ query: String) throws -> View {
        let request = SearchRequest(query: query, limit: nil, facets: FacetKind.allCases, facetLimit: nil)
        let results = try engine.search(request)
        // Docids differ between one and several shards, and equal scores are ordered by docid:
        // compare the ranking with ties ordered by passage id.
        let ranked = results.hits.map { (score: ($0.score * 1e9).rounded(), id: $0.record.passageID) }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
        return View(
            total: results.total, totalIsExact: results.totalIsExact, facetsAreExact: results.facetsAreExact,
            hits: ranked.map { "\($0.id)@\($0.score)" }, facets: results.facets, suggestion: results.suggestion)
    }

    /// The same answers from `sharded` as from `one`, local or remote shards alike (over remote
    /// shards, which run no custom match spy, two-dimension counts are made another way).
    static func expectSameAnswers(_ sharded: SearchEngine, as one: SearchEngine, queries: [String]) throws {
        for query in queries {
            let expected = try view(one, query)
            #expect(expected.total > 0 || query == "attack NOT Mumbai", "query \(query) should match something")
            #expect(try view(sharded, query) == expected, "query \(query)")
        }
        // Under a generous time limit the answer is the same: locally a deadline spy, and on a
        // remote shard (which runs no custom spy) Xapian's own time limit.
        var limited = SearchRequest(query: "Pakistan", facets: [.actor])
        let unlimited = try sharded.search(limited)
        limited.timeLimit = 60
        let whole = try sharded.search(limited)
        #expect(whole.total == unlimited.total && whole.totalIsExact)
        #expect(whole.facets == unlimited.facets)
        // Two-dimension counts (the heat map): locally the pair counter, over remote shards one
        // count per value of the shorter side; both exact, whichever dimension is the shorter,
        // with a filter in the request, and with a dimension twice (co-occurrence).
        for (query, dimensions) in [
            ("", [FacetKind.actor, .publishedMonth]), ("", [.publishedMonth, .actor]), ("Pakistan", [.actor, .mentionedYear]),
            ("", [.type, .source]), ("", [.actor, .actor]), ("", [.person, .publishedYear]),
        ] {
            var request = SearchRequest(query: query)
            let expected = try one.count(request, by: dimensions)
            // Every corpus these tests read has actors and publication months: that matrix at
            // least must have something to compare (others may be one row on some corpora).
            if dimensions == [.actor, .publishedMonth] {
                #expect(expected.cells.count > 1 && expected.cells.joined().contains { $0 > 0 }, "\(query) \(dimensions)")
            }
            #expect(try sharded.count(request, by: dimensions) == expected, "\(query) \(dimensions)")
            request.sources = ["Dawn"]
            #expect(try sharded.count(request, by: dimensions, limits: [3, 2]) == one.count(request, by: dimensions, limits: [3, 2]))
        }
        #expect(try sharded.actorDirectory().actors(ofType: nil, limit: nil) == one.actorDirectory().actors(ofType: nil, limit: nil))
        let (stats, expectedStats) = (try sharded.statistics(), try one.statistics())
        #expect(stats.passages == expectedStats.passages)
        #expect(stats.articles == expectedStats.articles)
        #expect(stats.actors == expectedStats.actors)
        #expect(stats.schemaVersion == expectedStats.schemaVersion)
    }

    @Test func twoLocalShardsAnswerLikeOne() throws {
        let source = try Self.fixture.get().path
        let copy = try ShardedCopy(of: source, shards: 2)
        // The split must put passages in both shards, or the test compares nothing.
        #expect(copy.passages.allSatisfy { $0 > 0 })
        #expect(copy.passages.reduce(0, +) == (try SearchEngine(indexPath: source).statistics().passages))
        let one = try SearchEngine(indexPath: source)
        try Self.expectSameAnswers(try SearchEngine(indexPath: copy.path), as: one, queries: Self.queries)
        // `--index` may name the stub file itself.
        try Self.expectSameAnswers(
            try SearchEngine(indexPath: copy.path + "/XAPIANDB"), as: one, queries: ["Pakistan"])
        // Spelling suggestions come from every shard's dictionary.
        #expect(try Self.view(try SearchEngine(indexPath: copy.path), "extraditon").suggestion
            == (try Self.view(one, "extraditon").suggestion))
    }

    /// Two shards of a built index, each served by its own stock `xapian-tcpsrv`, and the stub
    /// naming them. Hold it (`withExtendedLifetime`) while searching: releasing it stops the
    /// servers and removes the copy.
    struct RemoteShards {
        let copy: ShardedCopy
        let servers: [ShardServer]
        let stub: String

        init(of source: String) throws {
            copy = try ShardedCopy(of: source, shards: 2)
            servers = try copy.shards.map { try ShardServer(serving: $0) }
            stub = copy.directory.path("remote.stub")
            try ShardedCopy.writeStub(at: stub, lines: servers.map(\.stubLine))
        }
    }

    @Test(.enabled(if: ShardServer.executable != nil, Comment(rawValue: ShardServer.absent)))
    func twoRemoteShardsThroughStockServersAnswerLikeOne() throws {
        let source = try Self.fixture.get().path
        let remote = try RemoteShards(of: source)
        let one = try SearchEngine(indexPath: source)
        try withExtendedLifetime(remote) {
            try Self.expectSameAnswers(try SearchEngine(indexPath: remote.stub), as: one, queries: Self.queries)
        }
    }

    /// A long-lived reader over remote shards (`dossier serve`, a batch) keeps what it read of
    /// one revision (actors, which name keys exist, what a word names) and must forget it when
    /// it moves to a new commit: an actor, name or alias it was told did not exist must be
    /// found once the indexer has added it, with the counts a fresh reader gives.
    @Test(.enabled(if: ShardServer.executable != nil, Comment(rawValue: ShardServer.absent)))
    func aLongLivedReaderOverRemoteShardsSeesTheActorsOfANewCommit() throws {
        let work = TemporaryDirectory("remote-refresh")
        let index = work.path("index")
        var options = IndexingOptions(
            indexPath: index, tagger: NewsTagger(gazetteer: try Gazetteer.bundled(), labeller: try LearnedLabeller.shipped))
        options.shards = 2
        _ = try IndexingRun(options: options).run(paths: [Paths.seed("000").path])
        let servers = try (0..<2).map { try ShardServer(serving: index + "/" + IndexSchema.shardDirectoryName($0)) }
        let stub = work.path("remote.stub")
        try ShardedCopy.writeStub(at: stub, lines: servers.map(\.stubLine))
        let before = Set(try SearchEngine(indexPath: index).actorDirectory().actors.map(\.id))
        let reader = try SearchEngine(indexPath: stub)
        _ = try reader.search(SearchRequest(query: "Pakistan", facets: [.actor]))

        _ = try IndexingRun(options: options).run(paths: [Paths.seed("001").path])
        let fresh = try SearchEngine(indexPath: index)
        // The actors the second commit brought, most mentioned first: the test needs some.
        let added = try fresh.actorDirectory().actors.filter { actor in
            !before.contains(actor.id) && (try? fresh.search(SearchRequest(query: "", actors: [actor.name]))) != nil
        }.prefix(3)
        #expect(!added.isEmpty)
        // Asked before the reader moves: unknown to its revision, and remembered as such.
        for actor in added {
            #expect(throws: SearchError.self) { try reader.search(SearchRequest(query: "", actors: [actor.name])) }
            _ = try reader.search(SearchRequest(query: actor.name, facets: [.actor]))
        }
        #expect(try reader.refresh())
        for actor in added {
            let filtered = SearchRequest(query: "", actors: [actor.name], limit: nil, facets: FacetKind.allCases, facetLimit: nil)
            let expected = try fresh.search(filtered)
            #expect(expected.total == actor.passages)
            let got = try reader.search(filtered)
            #expect(got.total == expected.total && got.facets == expected.facets, "\(actor.name)")
            #expect(try Self.view(reader, actor.name) == Self.view(fresh, actor.name), "\(actor.name)")
        }
        withExtendedLifetime(servers) {}
    }

    @Test(.enabled(if: ShardServer.executable != nil, Comment(rawValue: ShardServer.absent)))
    func aShardThatIsDownIsAnErrorNamingIt() throws {
        let source = try Self.fixture.get().path
        let remote = try RemoteShards(of: source)
        remote.servers[1].stop()
        withExtendedLifetime(remote) {
            do {
                let results = try SearchEngine(indexPath: remote.stub).search(SearchRequest(query: "Pakistan", facets: [.actor]))
                Issue.record("a search with a shard down answered \(results.total) instead of failing")
            } catch {
                let message = "\(error)"
                #expect(message.contains("127.0.0.1:\(remote.servers[1].port)"), "\(message)")
            }
        }
    }
}
