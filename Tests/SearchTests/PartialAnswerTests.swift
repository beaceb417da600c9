import Foundation
import TestSupport
import Testing
@testable import Search

/// A shard that does not answer (issue 15 item 3): an error naming it, or, with `allowPartial`,
/// the answer of the shards that do, marked partial, with exactly their own counts.
@Suite struct PartialAnswerTests {
    static let queries = ["", "extradition", "Pakistan", "ceasefire OR extradition", "\"Tahawwur Rana\""]

    /// Two remote shards of the fixture; `survivor` searches shard 0's database directly (the
    /// first shard holds the whole index's metadata, so it is an index of its own passages).
    struct Shards {
        let remote: ShardedReadingTests.RemoteShards
        var stub: String { remote.stub }
        var survivor: String { remote.copy.shards[0] }
        var down: ShardServer { remote.servers[1] }

        init() throws {
            remote = try ShardedReadingTests.RemoteShards(of: try ShardedReadingTests.fixture.get().path)
            // Both shards must hold passages, or "the surviving shard's counts" compares nothing.
            #expect(remote.copy.passages.allSatisfy { $0 > 0 })
        }
    }

    /// `engine`'s answers are those of `survivor` on every query, facets, counts and actors
    /// included, and each carries the mark naming the missing shard.
    static func expectAnswersOf(_ survivor: String, from engine: SearchEngine, missing port: Int) throws {
        let alone = try SearchEngine(indexPath: survivor)
        let partial = try #require(engine.partial)
        #expect(partial.shardCount == 2)
        #expect(partial.missingShards.map(\.number) == [1])
        #expect(partial.missingShards.map(\.name) == ["127.0.0.1:\(port)"])
        for query in queries {
            #expect(try ShardedReadingTests.view(engine, query) == ShardedReadingTests.view(alone, query), "query \(query)")
            let results = try engine.search(SearchRequest(query: query))
            #expect(results.partial == partial, "query \(query)")
            let counts = try engine.count(SearchRequest(query: query), by: [.actor])
            #expect(counts.partial == partial)
            var expected = try alone.count(SearchRequest(query: query), by: [.actor])
            expected.partial = partial
            #expect(counts == expected, "query \(query)")
            #expect(try engine.summary(SearchRequest(query: query, facets: [.actor]), top: 5).results.partial == partial)
        }
        #expect(try engine.actorDirectory().actors(ofType: nil, limit: nil) == alone.actorDirectory().actors(ofType: nil, limit: nil))
    }

    @Test(.enabled(if: ShardServer.executable != nil, Comment(rawValue: ShardServer.absent)))
    func aShardThatIsDownIsAnErrorUnlessAPartialAnswerIsAllowed() throws {
        let shards = try Shards()
        let whole = try SearchEngine(indexPath: shards.stub, allowPartial: true)
        #expect(whole.partial == nil)
        #expect(try whole.search(SearchRequest(query: "")).partial == nil)
        shards.down.stopWithConnections()
        try withExtendedLifetime(shards) {
            do {
                let engine = try SearchEngine(indexPath: shards.stub)
                Issue.record("opened with a shard down: \(try engine.search(SearchRequest(query: "")).total) passages")
            } catch let error as SearchError {
                guard case let .shardsUnreachable(_, missing, allowed) = error else { throw error }
                #expect(missing.map(\.name) == ["127.0.0.1:\(shards.down.port)"] && !allowed)
                #expect("\(error)".contains("127.0.0.1:\(shards.down.port)") && "\(error)".contains("--allow-partial"), "\(error)")
            }
            try Self.expectAnswersOf(
                shards.survivor, from: try SearchEngine(indexPath: shards.stub, allowPartial: true), missing: shards.down.port)
        }
    }

    @Test(.enabled(if: ShardServer.executable != nil, Comment(rawValue: ShardServer.absent)))
    func aShardThatGoesDownBetweenSearchesIsLeftOutOrNamed() throws {
        let shards = try Shards()
        let partial = try SearchEngine(indexPath: shards.stub, allowPartial: true)
        let strict = try SearchEngine(indexPath: shards.stub)
        let before = try partial.search(SearchRequest(query: "Pakistan")).total
        #expect(try strict.search(SearchRequest(query: "Pakistan")).total == before)
        // The connections both engines hold die with the server.
        shards.down.stopWithConnections()
        try withExtendedLifetime(shards) {
            do {
                let results = try strict.search(SearchRequest(query: "Pakistan", facets: [.actor]))
                Issue.record("a search over a dead shard answered \(results.total) instead of failing")
            } catch let error as SearchError {
                guard case let .shardsUnreachable(_, missing, _) = error else { throw error }
                #expect(missing.map(\.name) == ["127.0.0.1:\(shards.down.port)"])
            }
            // The partial engine's next search finds the shard gone, opens the others again and
            // answers from them.
            let after = try partial.search(SearchRequest(query: "Pakistan"))
            #expect(after.partial?.missingShards.map(\.name) == ["127.0.0.1:\(shards.down.port)"])
            #expect(after.total < before)
            try Self.expectAnswersOf(shards.survivor, from: partial, missing: shards.down.port)
        }
    }

    @Test(.enabled(if: ShardServer.executable != nil, Comment(rawValue: ShardServer.absent)))
    func aShardThatHangsTimesOutAndIsLeftOut() throws {
        let shards = try Shards()
        shards.down.pause()
        defer { shards.down.resume() }
        try withExtendedLifetime(shards) {
            let started = ContinuousClock.now
            let engine = try SearchEngine(indexPath: shards.stub, allowPartial: true, remoteTimeout: 1)
            #expect(ContinuousClock.now - started < .seconds(9), "the 1 s timeout, not Xapian's 10 s default")
            try Self.expectAnswersOf(shards.survivor, from: engine, missing: shards.down.port)
            #expect(engine.partial?.missingShards.first?.reason.contains("Timeout") == true, "\(String(describing: engine.partial))")
            #expect(throws: SearchError.self) { try SearchEngine(indexPath: shards.stub, remoteTimeout: 1) }
        }
    }

    @Test(.enabled(if: ShardServer.executable != nil, Comment(rawValue: ShardServer.absent)))
    func withoutTheFirstShardThereIsNoAnswerEvenAPartialOne() throws {
        let shards = try Shards()
        shards.remote.servers[0].stop()
        withExtendedLifetime(shards) {
            do {
                _ = try SearchEngine(indexPath: shards.stub, allowPartial: true)
                Issue.record("opened without the shard holding the metadata")
            } catch {
                guard case let SearchError.shardsUnreachable(_, missing, allowed) = error else {
                    Issue.record("\(error)")
                    return
                }
                #expect(missing.map(\.number) == [0] && allowed)
                #expect("\(error)".contains("schema and actor tables"), "\(error)")
            }
        }
    }

    @Test func aLocalShardThatIsGoneIsLeftOutToo() throws {
        let copy = try ShardedCopy(of: try ShardedReadingTests.fixture.get().path, shards: 2)
        let survivor = copy.directory.path("survivor")
        try FileManager.default.copyItem(atPath: copy.shards[0], toPath: survivor)
        try FileManager.default.removeItem(atPath: copy.shards[1])
        #expect(throws: SearchError.self) { try SearchEngine(indexPath: copy.path) }
        let engine = try SearchEngine(indexPath: copy.path, allowPartial: true)
        #expect(engine.partial?.missingShards.map(\.name) == [copy.shards[1]])
        for query in Self.queries {
            #expect(try ShardedReadingTests.view(engine, query) == ShardedReadingTests.view(try SearchEngine(indexPath: survivor), query))
        }
    }
}
