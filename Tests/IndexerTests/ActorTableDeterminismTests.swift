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

    func options(_ path: String, batch: Int = 5_000) -> IndexingOptions {
        var options = IndexingOptions(indexPath: path, tagger: ReadingTagger(), batchSize: batch)
        options.concurrent = false
        return options
    }

    @Test func orderBatchesInterruptionsAndIncrementsGiveTheCleanBuildsTable() throws {
        let dir = TemporaryDirectory()
        let files = try Self.corpus(dir)
        let clean = dir.path("clean")
        _ = try IndexingRun(options: options(clean)).run(paths: files)
        let table = try Self.actorTable(clean)
        let records = try Self.passages(clean)
        let entry = try #require(table["actor:sidon"])
        #expect(entry.contains(#""name":"Sidon","tally""#) && entry.contains(#""type":"person""#))
        #expect(try #require(table["actor:eac-industries"]).hasPrefix(#"{"aliases":[],"name":"EAC Industries""#))
        #expect(try #require(table["actor:s-berisford"]).contains(#""type":"organization""#))

        // Reversed order, one article per commit.
        let reversed = dir.path("reversed")
        _ = try IndexingRun(options: options(reversed, batch: 1)).run(paths: files.reversed())
        #expect(try Self.actorTable(reversed) == table)

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
        }

        // Built file by file, with a file changed and changed back, and one removed and restored.
        let incremental = dir.path("incremental")
        for file in files.shuffled() { _ = try IndexingRun(options: options(incremental, batch: 1)).run(paths: [file]) }
        let original = try String(contentsOfFile: files[4], encoding: .utf8)
        try original.replacingOccurrences(of: "location|Sidon", with: "group|Sidon").write(toFile: files[4], atomically: true, encoding: .utf8)
        _ = try IndexingRun(options: options(incremental)).run(paths: files)
        #expect(try Self.actorTable(incremental) != table)
        try original.write(toFile: files[4], atomically: true, encoding: .utf8)
        _ = try IndexingRun(options: options(incremental)).run(paths: files)
        #expect(try Self.actorTable(incremental) == table)
        #expect(try Self.passages(incremental) == records)
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
