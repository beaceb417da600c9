import Foundation
import NewsModel
import Testing
import TestSupport
import XapianStore
@testable import Indexer

/// The actor table is a function of the set of files indexed, not of the order they were
/// written in, the batch boundaries, or where an earlier run stopped (issue #10, item 5).
@Suite struct ActorTableDeterminismTests {
    /// Tags each passage with the actors its article declares as `type|Name`: a tagger whose
    /// readings differ from article to article, as the news tagger's do.
    struct ReadingTagger: ArticleTagger {
        var fingerprint: String { "test-reading" }
        func tag(_ article: Article) -> TaggedArticle {
            let tags = article.declaredActors.map { declared -> ActorTag in
                let parts = declared.split(separator: "|", maxSplits: 1).map(String.init)
                return ActorTag(name: parts[1], type: ActorType(rawValue: parts[0])!)
            }
            var aliases: [ActorTag: Set<String>] = [:]
            for tag in tags where tag.name.hasPrefix("Berisford") { aliases[tag] = ["SB \(article.id.suffix(1))"] }
            return TaggedArticle(article: article, passages: article.passages.map { TaggedPassage(passage: $0, actors: tags) }, aliases: aliases)
        }
    }

    /// Six files whose articles read the same actors differently.
    static func corpus(_ dir: TemporaryDirectory) throws -> [String] {
        let readings: [[String]] = [
            ["person|Sidon", "organization|EAC Industries", "person|S. Berisford"],
            ["location|Sidon", "organization|Eac Industries", "organization|S. Berisford"],
            ["location|Sidon", "organization|EAC Industries", "organization|S. Berisford"],
            ["person|Sidon", "organization|Eac Industries"],
            ["location|Sidon", "person|S. Berisford"],
            ["person|Sidon", "organization|EAC Industries", "organization|S. Berisford"],
        ]
        return try readings.enumerated().map { number, actors in
            let list = actors.map { "\"\($0)\"" }.joined(separator: ", ")
            let lines = (1...3).map { #"{"id": \#($0), "title": "Story \#($0)", "actors": [\#(list)], "text": "One.\n\nTwo."}"# }
            return try dir.write("news/f\(number).jsonl", lines.joined(separator: "\n") + "\n")
        }
    }

    /// Every actor entry and every name key, as stored.
    static func actorTable(_ index: String) throws -> [String: String] {
        let db = try Database(path: index)
        var table: [String: String] = [:]
        for prefix in ["actor:", "alias:", "surname:", "name:"] {
            for (key, value) in try db.metadata(withPrefix: prefix) where !value.isEmpty {
                table[key] = prefix == "actor:" ? value : ActorNameKeys.slugs(in: value).sorted().joined(separator: ",")
            }
        }
        return table
    }

    /// Every passage's record (actors included), by passage id.
    static func passages(_ index: String) throws -> [String: String] {
        let db = try Database(path: index)
        var records: [String: String] = [:]
        for (term, _) in try db.terms(withPrefix: IndexSchema.passageID.prefix) {
            records[term] = try db.data(forTerm: term)
        }
        return records
    }

    /// Every way a passage disagrees with the actor table: a name or type in its record other
    /// than the table's, an actor-types value (the type facet) other than its actors' types,
    /// or a type term (`--type`, `type:`) count other than the passages with that type.
    static func disagreements(_ index: String) throws -> [String] {
        let db = try Database(path: index)
        var table: [String: IndexWriter.ActorEntry] = [:]
        for (key, value) in try db.metadata(withPrefix: IndexSchema.MetadataKey.actorPrefix) where !value.isEmpty {
            table[String(key.dropFirst(IndexSchema.MetadataKey.actorPrefix.count))] = try JSONDecoder().decode(IndexWriter.ActorEntry.self, from: Data(value.utf8))
        }
        let count = try db.documentCount()
        let matches = try Enquire(database: db, query: .matchAll()).matchSet(first: 0, maximum: count, checkAtLeast: count)
        var problems: [String] = []
        var passagesOfType: [String: Int] = [:]
        for index in 0..<matches.count {
            let item = try matches.item(index)
            let record = try JSONDecoder().decode(PassageRecord.self, from: Data(item.data.utf8))
            var types: [String] = []
            for actor in record.actors {
                let entry = table[Slug.fold(actor.name)]
                if entry?.name != actor.name || entry?.type != actor.type {
                    problems.append("\(record.passageID): \(actor.name) (\(actor.type)) but the table has \(entry.map { "\($0.name) (\($0.type))" } ?? "nothing")")
                }
                if !types.contains(actor.type) { types.append(actor.type) }
            }
            let facetValue = try matches.value(index, slot: .actorTypes)
            if facetValue != types.joined(separator: "\u{1F}") { problems.append("\(record.passageID): type facet value \(facetValue) for \(types)") }
            for type in types { passagesOfType[type, default: 0] += 1 }
        }
        for type in ActorType.allCases.map(\.rawValue) {
            let terms = try db.termFrequency(IndexSchema.term(IndexSchema.actorType, type))
            if terms != passagesOfType[type, default: 0] { problems.append("type:\(type) finds \(terms) passages, \(passagesOfType[type, default: 0]) have one") }
        }
        return problems
    }

    func options(_ path: String, batch: Int = 5_000, shards: Int? = nil) -> IndexingOptions {
        var options = IndexingOptions(indexPath: path, tagger: ReadingTagger(), batchSize: batch)
        options.concurrent = false
        options.shards = shards
        return options
    }

    /// With `shards` above 1 every index but the clean one-database build is sharded: the
    /// table (in the first shard) and every passage (in any) must still be the clean build's,
    /// also when a run fails between the shards' commits, as a kill there would leave it.
    @Test(arguments: [1, 2, 3]) func orderBatchesInterruptionsAndIncrementsGiveTheCleanBuildsTable(shards: Int) throws {
        let dir = TemporaryDirectory()
        let files = try Self.corpus(dir)
        let clean = dir.path("clean")
        _ = try IndexingRun(options: self.options(clean)).run(paths: files)
        func options(_ path: String, batch: Int = 5_000) -> IndexingOptions {
            self.options(path, batch: batch, shards: shards)
        }
        let table = try Self.actorTable(clean)
        let records = try Self.passages(clean)
        #expect(try Self.disagreements(clean) == [])
        let entry = try #require(table["actor:sidon"])
        #expect(entry.contains(#""name":"Sidon","tally""#) && entry.contains(#""type":"person""#))
        #expect(try #require(table["actor:eac-industries"]).hasPrefix(#"{"aliases":[],"name":"EAC Industries""#))
        #expect(try #require(table["actor:s-berisford"]).contains(#""type":"organization""#))

        // Reversed order, one article per commit.
        let reversed = dir.path("reversed")
        _ = try IndexingRun(options: options(reversed, batch: 1)).run(paths: files.reversed())
        #expect(try Self.actorTable(reversed) == table)
        #expect(try Self.passages(reversed) == records)
        #expect(try Self.disagreements(reversed) == [])

        // Stopped after each of several articles, then resumed until done.
        for stopAfter in [1, 4, 7, 11] {
            let resumed = dir.path("resumed-\(stopAfter)")
            var seen = 0
            let first = try IndexingRun(options: options(resumed, batch: 2)).run(paths: files, shouldStop: {
                seen += 1
                return seen >= stopAfter
            })
            #expect(first.interrupted)
            _ = try IndexingRun(options: options(resumed, batch: 3)).run(paths: files.shuffled())
            let got = try Self.actorTable(resumed)
            #expect(got == table, "stopped after \(stopAfter): \(got.filter { table[$0.key] != $0.value }) vs \(table.filter { got[$0.key] != $0.value })")
            #expect(try Self.passages(resumed) == records, "stopped after \(stopAfter)")
            #expect(try Self.disagreements(resumed) == [], "stopped after \(stopAfter)")
        }

        // Failed between the shards' commits of each batch in turn, then resumed.
        if shards > 1 {
            var aheadWithRewrites = 0
            for failAt in 1...6 {
                let resumed = dir.path("shard-fault-\(failAt)")
                var failing = options(resumed, batch: 2)
                failing.failAfterShardCommits = failAt
                #expect(throws: IndexerError.self) { try IndexingRun(options: failing).run(paths: files) }
                // The failure left every other shard one commit ahead of the first; count the
                // cases where one had rewritten passages to follow a table the first never got.
                let first = try Database(path: resumed + "/shard0").metadata(IndexSchema.MetadataKey.commits)
                for number in 1..<shards {
                    let shard = try Database(path: resumed + "/shard\(number)")
                    #expect(Int(try shard.metadata(IndexSchema.MetadataKey.commits)) == (Int(first) ?? 0) + 1)
                    if !(try shard.metadata(IndexSchema.MetadataKey.followed)).isEmpty { aheadWithRewrites += 1 }
                }
                _ = try IndexingRun(options: options(resumed, batch: 3)).run(paths: files.shuffled())
                #expect(try Self.actorTable(resumed) == table, "failed at commit \(failAt)")
                #expect(try Self.passages(resumed) == records, "failed at commit \(failAt)")
                #expect(try Self.disagreements(resumed) == [], "failed at commit \(failAt)")
            }
            #expect(aheadWithRewrites > 0, "some failure should leave a shard that rewrote passages to follow a lost table")
        }

        // Built file by file, with a file changed and changed back, and one removed and restored.
        let incremental = dir.path("incremental")
        for file in files.shuffled() { _ = try IndexingRun(options: options(incremental, batch: 1)).run(paths: [file]) }
        let original = try String(contentsOfFile: files[4], encoding: .utf8)
        try original.replacingOccurrences(of: "location|Sidon", with: "group|Sidon").write(toFile: files[4], atomically: true, encoding: .utf8)
        _ = try IndexingRun(options: options(incremental)).run(paths: files)
        #expect(try Self.actorTable(incremental) != table)
        #expect(try Self.disagreements(incremental) == [])
        try original.write(toFile: files[4], atomically: true, encoding: .utf8)
        _ = try IndexingRun(options: options(incremental)).run(paths: files)
        #expect(try Self.actorTable(incremental) == table)
        #expect(try Self.passages(incremental) == records)
        #expect(try Self.disagreements(incremental) == [])
    }

    /// The case the shard repair exists for: a failure between the shards' commits loses the
    /// first shard's new table (Sidon a location) after another shard rewrote an earlier
    /// article's passages to follow it, and the run that redoes the lost batch, in one batch
    /// with a file that brings the table back (Sidon a person), sees no change to follow. Only
    /// the repair (`IndexWriter.repairShardsAhead`) makes those passages follow the table again.
    @Test func aShardLeftAheadByAFailureIsMadeToFollowTheCommittedTable() throws {
        let dir = TemporaryDirectory()
        func write(_ name: String, _ actor: String, paragraphs: Int) throws -> String {
            let text = (1...paragraphs).map { "Paragraph \($0)." }.joined(separator: #"\n\n"#)  // JSON escapes
            return try dir.write("news/\(name).jsonl", #"{"id": 1, "title": "Story", "actors": ["\#(actor)"], "text": "\#(text)"}"# + "\n")
        }
        // The first file's article must be in the second shard, where the lost rewrite happens.
        var first: String?
        for candidate in 0..<32 {
            let path = try write("a\(candidate)", "person|Sidon", paragraphs: 2)
            let probe = dir.path("probe\(candidate)")
            _ = try IndexingRun(options: options(probe)).run(paths: [path])
            let record = try #require(try Self.passages(probe).values.first.flatMap { $0 })
            let article = try JSONDecoder().decode(PassageRecord.self, from: Data(record.utf8)).articleID
            if IndexSchema.shard(ofArticle: article, among: 2) == 1 { first = path; break }
            try FileManager.default.removeItem(atPath: path)
        }
        let files = [
            try write("0", "organization|Acme", paragraphs: 2),  // 3 passages of another actor
            try #require(first),  // 3 passages, Sidon a person
            try write("b", "location|Sidon", paragraphs: 4),  // 5 more: a location
            try write("c", "person|Sidon", paragraphs: 2),  // 3 more: a person again
        ]
        let clean = dir.path("clean")
        _ = try IndexingRun(options: options(clean)).run(paths: files)
        let index = dir.path("sharded")
        // Commit 1 at the end of the second file, with both fingerprints; commit 2 inside the
        // third file: Sidon becomes a location, the second shard commits its rewrite of the
        // Sidon article's passages, and the first shard fails.
        var failing = options(index, batch: 5, shards: 2)
        failing.failAfterShardCommits = 2
        #expect(throws: IndexerError.self) { try IndexingRun(options: failing).run(paths: files) }
        #expect(try Database(path: index + "/shard1").metadata(IndexSchema.MetadataKey.followed).contains("sidon"))
        _ = try IndexingRun(options: options(index, shards: 2)).run(paths: files)
        #expect(try Self.disagreements(index) == [])
        #expect(try Self.actorTable(index) == Self.actorTable(clean))
        #expect(try Self.passages(index) == Self.passages(clean))
    }

    /// The issue's case: Sidon is a person in one article and a location in two others. Every
    /// passage follows the table (a location), also after the two are deleted (then it is a
    /// person everywhere) and after one is replaced.
    @Test func everyPassageFollowsTheTablesReading() throws {
        let dir = TemporaryDirectory()
        func write(_ name: String, _ actors: [String]) throws -> String {
            let list = actors.map { "\"\($0)\"" }.joined(separator: ", ")
            return try dir.write("news/\(name).jsonl", #"{"id": 1, "title": "Story", "actors": [\#(list)], "text": "One.\n\nTwo."}"# + "\n")
        }
        let files = [
            try write("a", ["person|Sidon", "organization|Acme"]),
            try write("b", ["location|Sidon"]),
            try write("c", ["location|Sidon", "person|Acme"]),
        ]
        let path = dir.path("idx")
        func sidon() throws -> Set<String> {
            Set(try Self.passages(path).values.flatMap { data in
                try JSONDecoder().decode(PassageRecord.self, from: Data((data ?? "").utf8)).actors.filter { $0.name == "Sidon" }.map(\.type)
            })
        }
        func typeCount(_ type: ActorType) throws -> Int {
            try Database(path: path).termFrequency(IndexSchema.term(IndexSchema.actorType, type.rawValue))
        }
        for batch in [1, 5_000] {
            let fresh = dir.path("idx-\(batch)")
            _ = try IndexingRun(options: options(fresh, batch: batch)).run(paths: files)
            #expect(try Self.disagreements(fresh) == [], "batch \(batch)")
        }
        _ = try IndexingRun(options: options(path, batch: 1)).run(paths: [files[0]])
        #expect(try sidon() == ["person"])
        _ = try IndexingRun(options: options(path, batch: 1)).run(paths: files)
        #expect(try Self.disagreements(path) == [])
        #expect(try sidon() == ["location"])
        // Acme: an organisation in three passages, a person in three; the tie goes to person.
        #expect(try typeCount(.location) == 9 && typeCount(.person) == 6 && typeCount(.organization) == 0)

        // Deleting the two location readings makes Sidon a person in the passages left.
        for file in files.dropFirst() { try FileManager.default.removeItem(atPath: file) }
        var pruning = options(path)
        pruning.prune = true
        _ = try IndexingRun(options: pruning).run(paths: [files[0]])
        #expect(try Self.disagreements(path) == [])
        #expect(try sidon() == ["person"])
        #expect(try typeCount(.person) == 3 && typeCount(.organization) == 3 && typeCount(.location) == 0)

        // Replacing the article with two location readings turns it back.
        _ = try write("b", ["location|Sidon"])
        _ = try write("c", ["location|Sidon", "person|Acme"])
        _ = try IndexingRun(options: options(path)).run(paths: files)
        #expect(try Self.disagreements(path) == [])
        #expect(try sidon() == ["location"])
    }

    @Test func anActorWhoseArticlesAreAllGoneLeavesTheTable() throws {
        let dir = TemporaryDirectory()
        let files = try Self.corpus(dir)
        let path = dir.path("idx")
        _ = try IndexingRun(options: options(path)).run(paths: files)
        try FileManager.default.removeItem(atPath: files[4])
        var pruning = options(path)
        pruning.prune = true
        _ = try IndexingRun(options: pruning).run(paths: files)
        let withoutFive = dir.path("without")
        _ = try IndexingRun(options: options(withoutFive)).run(paths: files.enumerated().filter { $0.offset != 4 }.map(\.element))
        #expect(try Self.actorTable(path) == Self.actorTable(withoutFive))
        #expect(try Self.actorTable(path)["alias:sb-5"] == nil)
    }
}
