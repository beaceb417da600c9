import Foundation
import Indexer
import NewsModel
import Tagger
import TestSupport
import XapianStore
import Testing
@testable import Search

/// Written as shards (issue 15, `dossier index --shards N`), an index answers exactly as the
/// same files written as one database: totals, every hit in order (ties aside), every facet
/// count, pair counts, actors, statistics and suggestions (`ShardedReadingTests.expectSameAnswers`),
/// on the seeds and on Reuters-21578, built at once or file by file, with files changed and pruned.
@Suite struct ShardedWritingTests {
    static let newsTagger = Result { () throws -> any ArticleTagger in
        NewsTagger(gazetteer: try Gazetteer.bundled(), labeller: try LearnedLabeller.shipped)
    }

    static let seedQueries = ["", "Pakistan", "extradition OR ceasefire", "extradition NOT court", "\"prime minister\""]

    /// Indexes `paths` into `path` with `shards` (nil: leave the count alone).
    @discardableResult
    static func index(
        _ paths: [String], into path: String, shards: Int?, tagger: any ArticleTagger, prune: Bool = false, batch: Int = 5_000
    ) throws -> IndexSummary {
        var options = IndexingOptions(indexPath: path, tagger: tagger, batchSize: batch, prune: prune)
        options.shards = shards
        return try IndexingRun(options: options).run(paths: paths)
    }

    /// The passages in each shard of the sharded index at `path`.
    static func shardPassages(_ path: String, count: Int) throws -> [Int] {
        try (0..<count).map { try SearchEngine(indexPath: path + "/shard\($0)").statistics().passages }
    }

    @Test(arguments: [2, 3]) func seedsWrittenAsShardsAnswerLikeOneDatabase(shards: Int) throws {
        let tagger = try Self.newsTagger.get()
        let dir = TemporaryDirectory("sharded-seeds")
        let one = dir.path("one"), sharded = dir.path("sharded")
        try Self.index([Paths.seeds.path], into: one, shards: nil, tagger: tagger)
        // Small batches: many commits, each committing every shard.
        let summary = try Self.index([Paths.seeds.path], into: sharded, shards: shards, tagger: tagger, batch: 7)
        #expect(summary.indexPassages == (try SearchEngine(indexPath: one).statistics().passages))
        #expect(FileManager.default.fileExists(atPath: sharded + "/XAPIANDB"))
        // (Five articles: three shards may leave one empty, but the split must split.)
        let perShard = try Self.shardPassages(sharded, count: shards)
        #expect(perShard.filter { $0 > 0 }.count >= 2, "the passages should be split: \(perShard)")
        let engine = try SearchEngine(indexPath: sharded), reference = try SearchEngine(indexPath: one)
        try ShardedReadingTests.expectSameAnswers(engine, as: reference, queries: Self.seedQueries)
        #expect(try engine.actorDirectory().actors(ofType: nil, limit: nil).count > 10)
        #expect(try ShardedReadingTests.view(engine, "extraditon").suggestion == ShardedReadingTests.view(reference, "extraditon").suggestion)
        // Metadata is read from the first shard only: the others hold no actor table.
        #expect(try Database(path: sharded + "/shard1").metadata(withPrefix: "actor:").isEmpty)
        #expect(try Database(path: sharded + "/shard0").metadata(withPrefix: "actor:").count
            == Database(path: one).metadata(withPrefix: "actor:").count)
    }

    @Test func anExistingIndexKeepsItsShardCount() throws {
        let dir = TemporaryDirectory("sharded-count")
        let sharded = dir.path("sharded"), one = dir.path("one")
        let file = Paths.seed("000").path
        try Self.index([file], into: sharded, shards: 2, tagger: NoTagger())
        try Self.index([file], into: one, shards: nil, tagger: NoTagger())
        #expect(throws: IndexerError.shardCount(path: sharded, stored: 2, requested: 3)) {
            try Self.index([file], into: sharded, shards: 3, tagger: NoTagger())
        }
        #expect(throws: IndexerError.shardCount(path: one, stored: 1, requested: 2)) {
            try Self.index([file], into: one, shards: 2, tagger: NoTagger())
        }
        // Without --shards, or with the same count, the index is written as it is.
        #expect(try Self.index([file], into: sharded, shards: nil, tagger: NoTagger()).unchangedFiles == 1)
        #expect(try Self.index([file], into: sharded, shards: 2, tagger: NoTagger()).unchangedFiles == 1)
        // A rebuild may change the count, and keeps it when not told.
        var options = IndexingOptions(indexPath: one)
        options.rebuild = true
        options.shards = 3
        _ = try IndexingRun(options: options).run(paths: [file])
        #expect(try String(contentsOfFile: one + "/XAPIANDB", encoding: .utf8) == "auto shard0\nauto shard1\nauto shard2\n")
        options.shards = nil
        _ = try IndexingRun(options: options).run(paths: [file])
        #expect(FileManager.default.fileExists(atPath: one + "/shard2"))
        // A stub naming a remote shard cannot be written.
        let remote = dir.path("remote")
        try FileManager.default.createDirectory(atPath: remote, withIntermediateDirectories: false)
        try ShardedCopy.writeStub(at: remote + "/XAPIANDB", lines: ["remote 127.0.0.1:1"])
        #expect(throws: IndexerError.unwritableShard(path: remote, shard: "127.0.0.1:1")) {
            try Self.index([file], into: remote, shards: nil, tagger: NoTagger())
        }
    }

    @Test func incrementalRunsAndPruneOnShardsMatchOneDatabase() throws {
        let tagger = try Self.newsTagger.get()
        let dir = TemporaryDirectory("sharded-incremental")
        let seeds = try FileManager.default.contentsOfDirectory(atPath: Paths.seeds.path).filter { !$0.hasPrefix(".") }.sorted()
        let news = dir.path("news")
        try FileManager.default.createDirectory(atPath: news, withIntermediateDirectories: true)
        for name in seeds { try FileManager.default.copyItem(atPath: Paths.seeds.path + "/" + name, toPath: news + "/" + name) }
        let one = dir.path("one"), sharded = dir.path("sharded")
        func bothMatch(_ step: String) throws {
            let engine = try SearchEngine(indexPath: sharded), reference = try SearchEngine(indexPath: one)
            for query in Self.seedQueries {
                #expect(try ShardedReadingTests.view(engine, query) == ShardedReadingTests.view(reference, query), "\(step): \(query)")
            }
            #expect(try engine.actorDirectory().actors(ofType: nil, limit: nil) == reference.actorDirectory().actors(ofType: nil, limit: nil), "\(step)")
            #expect(try engine.statistics().passages == reference.statistics().passages, "\(step)")
        }
        let files = seeds.map { news + "/" + $0 }
        // Half the files, then all of them (the first half unchanged).
        for paths in [Array(files.prefix(files.count / 2)), files] {
            try Self.index(paths, into: one, shards: nil, tagger: tagger)
            try Self.index(paths, into: sharded, shards: 2, tagger: tagger)
        }
        try bothMatch("added")
        // One file changed, one removed and pruned.
        let changed = try String(contentsOfFile: files[1], encoding: .utf8)
        try (changed + "\n\nPakistan and India resumed talks on extradition.\n").write(toFile: files[1], atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: files[2])
        // The same paths as before (a file's identity follows the path it was given by).
        let left = files.filter { FileManager.default.fileExists(atPath: $0) }
        let summaries = try [one, sharded].map { try Self.index(left, into: $0, shards: nil, tagger: tagger, prune: true) }
        #expect(summaries[0].removedArticles > 0 && summaries[0].removedArticles == summaries[1].removedArticles)
        #expect(summaries[0].indexPassages == summaries[1].indexPassages)
        try bothMatch("changed and pruned")
        // A fresh sharded build of what is left equals the incremental one.
        let fresh = dir.path("fresh")
        try Self.index(left, into: fresh, shards: 2, tagger: tagger)
        for query in Self.seedQueries {
            #expect(try ShardedReadingTests.view(SearchEngine(indexPath: fresh), query) == ShardedReadingTests.view(SearchEngine(indexPath: sharded), query))
        }
    }

    @Test func compactedMergedOrResplitAnswersLikeOneDatabase() throws {
        let tagger = try Self.newsTagger.get()
        let dir = TemporaryDirectory("sharded-compact")
        let one = dir.path("one"), sharded = dir.path("sharded")
        try Self.index([Paths.seeds.path], into: one, shards: nil, tagger: tagger)
        try Self.index([Paths.seeds.path], into: sharded, shards: 2, tagger: tagger, batch: 7)
        let reference = try SearchEngine(indexPath: one)
        let merged = dir.path("merged"), three = dir.path("three")
        let mergedSummary = try IndexCompaction(source: sharded, output: merged).run()
        #expect(mergedSummary.passages == [try reference.statistics().passages])
        // The sharded build's bookkeeping does not survive the merge.
        #expect(try Database(path: merged).metadata(IndexSchema.MetadataKey.commits) == "")
        #expect(try Database(path: merged).metadata(withPrefix: "dossier:followed").isEmpty)
        try ShardedReadingTests.expectSameAnswers(try SearchEngine(indexPath: merged), as: reference, queries: Self.seedQueries)
        let split = try IndexCompaction(source: one, output: three, shards: 3).run()
        #expect(split.passages.reduce(0, +) == (try reference.statistics().passages) && split.passages.filter { $0 > 0 }.count >= 2)
        try ShardedReadingTests.expectSameAnswers(try SearchEngine(indexPath: three), as: reference, queries: Self.seedQueries)
        #expect(try ShardedReadingTests.view(SearchEngine(indexPath: three), "extraditon").suggestion
            == ShardedReadingTests.view(reference, "extraditon").suggestion)
        // Each passage is where the indexer would have put it: a fresh 3-shard build has the
        // same passages in each shard.
        let fresh = dir.path("fresh")
        try Self.index([Paths.seeds.path], into: fresh, shards: 3, tagger: tagger)
        #expect(try Self.shardPassages(three, count: 3) == Self.shardPassages(fresh, count: 3))
        #expect(throws: IndexerError.outputExists(path: three)) { try IndexCompaction(source: one, output: three).run() }
        #expect(!FileManager.default.fileExists(atPath: three + ".compacting"))
    }

    static let reuters = ["reut2-000.sgm.gz", "reut2-001.sgm.gz"].map {
        Paths.corpora.appendingPathComponent("reuters21578").appendingPathComponent($0).path
    }
    static var reutersPresent: Bool { reuters.allSatisfy { FileManager.default.fileExists(atPath: $0) } }

    @Test(.enabled(if: reutersPresent, CorpusFacetTests.absent))
    func reutersWrittenAsShardsAnswersLikeOneDatabase() throws {
        let dir = TemporaryDirectory("sharded-reuters")
        let tagger = CorpusFacetTests.KeywordTagger()
        let one = dir.path("one")
        try Self.index(Self.reuters, into: one, shards: nil, tagger: tagger)
        let reference = try SearchEngine(indexPath: one)
        for shards in [2, 3] {
            let sharded = dir.path("sharded\(shards)")
            try Self.index(Self.reuters, into: sharded, shards: shards, tagger: tagger, batch: 1_000)
            try ShardedReadingTests.expectSameAnswers(
                try SearchEngine(indexPath: sharded), as: reference,
                queries: ["", "oil", "\"crude oil\"", "wheat OR corn", "Japan NOT trade", "OPEC prices"])
        }
    }
}
