import Foundation
import Testing
import TestSupport

/// `dossier shards` and `dossier compact` through the binary (issue 15, items 3 and 4).
@Suite struct ShardsCLITests {
    /// Every passage id, score and text of a search, sorted: what "answers the same" means here.
    static func answers(_ index: String, _ query: String) throws -> [String] {
        let run = try EndToEndTests.dossier(["search", query, "--index", index, "--limit", "all", "--format", "tsv", "--fields", "passage_id,score,text"])
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout.split(separator: "\n").map(String.init).sorted()
    }

    @Test func shardsListsEachShardAndCompactMergesAndResplits() throws {
        let dir = TemporaryDirectory()
        let seeds = Paths.seeds.path
        let one = dir.path("one"), sharded = dir.path("sharded")
        #expect(try EndToEndTests.dossier(["index", seeds, "--index", one, "-q", "--no-tagging"]).status == 0)
        #expect(try EndToEndTests.dossier(["index", seeds, "--index", sharded, "--shards", "2", "-q", "--no-tagging"]).status == 0)

        let listed = try EndToEndTests.dossier(["shards", "--index", sharded, "--format", "json"])
        #expect(listed.status == 0, "\(listed.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])
        let shards = try #require(object["shards"] as? [[String: Any]])
        #expect(shards.map { $0["name"] as? String } == [sharded + "/shard0", sharded + "/shard1"])
        #expect(shards.allSatisfy { $0["reachable"] as? Bool == true && ($0["size_bytes"] as? Int ?? 0) > 0 && $0["kind"] as? String == "local" })
        let total = shards.compactMap { $0["passages"] as? Int }.reduce(0, +)
        let stats = try EndToEndTests.dossier(["stats", "--index", one, "--format", "json"])
        let expected = try #require((try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])?["passages"] as? Int)
        #expect(total == expected && shards.allSatisfy { ($0["passages"] as? Int ?? 0) > 0 })
        let text = try EndToEndTests.dossier(["shards", "--index", one])
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("index \(one): 1 shard, one database (no stub)\n"), "\(text.stdout)")

        // Merged into one database, and re-split into three: the same answers.
        let merged = dir.path("merged"), three = dir.path("three")
        let compacted = try EndToEndTests.dossier(["compact", "--index", sharded, "--output", merged])
        #expect(compacted.status == 0, "\(compacted.stderr)")
        #expect(!FileManager.default.fileExists(atPath: merged + "/XAPIANDB"))
        #expect(try EndToEndTests.dossier(["compact", "--index", one, "--output", three, "--shards", "3"]).status == 0)
        #expect(try String(contentsOfFile: three + "/XAPIANDB", encoding: .utf8) == "auto shard0\nauto shard1\nauto shard2\n")
        for query in ["", "Pakistan", "extradition OR ceasefire", "\"prime minister\""] {
            let expected = try Self.answers(one, query)
            #expect(try Self.answers(merged, query) == expected, "merged: \(query)")
            #expect(try Self.answers(three, query) == expected, "re-split: \(query)")
        }
        // The re-split copy is an index like any other: indexing it again (with the same
        // tagger, none) finds nothing to do.
        let again = try EndToEndTests.dossier(["index", seeds, "--index", three, "--json", "--no-tagging"])
        #expect(again.status == 0, "\(again.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        #expect(summary["passages"] as? Int == 0 && summary["index_passages"] as? Int == expected, "\(again.stdout)")
        let exists = try EndToEndTests.dossier(["compact", "--index", one, "--output", merged])
        #expect(exists.status == 65)
        #expect(exists.stderr == "dossier: error: \(merged) exists already; give --output a new directory (the compacted index is written there whole)\n")
    }

    @Test(.enabled(if: ShardServer.executable != nil, Comment(rawValue: ShardServer.absent)))
    func aRemoteShardThatIsDownIsNamedAndTheExitIsNotZero() throws {
        let dir = TemporaryDirectory()
        let sharded = dir.path("sharded")
        #expect(try EndToEndTests.dossier(["index", Paths.seeds.path, "--index", sharded, "--shards", "2", "-q", "--no-tagging"]).status == 0)
        let servers = try (0..<2).map { try ShardServer(serving: sharded + "/shard\($0)") }
        let stub = dir.path("remote.stub")
        try ShardedCopy.writeStub(at: stub, lines: servers.map(\.stubLine))
        let up = try EndToEndTests.dossier(["shards", "--index", stub])
        #expect(up.status == 0, "\(up.stderr)")
        #expect(up.stdout.contains("remote") && up.stdout.contains("127.0.0.1:\(servers[1].port)") && !up.stdout.contains("DOWN"), "\(up.stdout)")
        servers[1].stop()
        let down = try EndToEndTests.dossier(["shards", "--index", stub])
        #expect(down.status == 74)
        #expect(down.stdout.contains("DOWN") && down.stdout.contains("127.0.0.1:\(servers[0].port)"), "\(down.stdout)")
        #expect(down.stderr.hasPrefix("dossier: error: shard 1 (127.0.0.1:\(servers[1].port)) of \(stub) does not answer"), "\(down.stderr)")
        withExtendedLifetime(servers) {}
    }
}

/// `--allow-partial` through the binary (issue 15 item 3): a shard that is down fails every
/// reading command naming it (exit 74), and with the flag each answers from the shard that is
/// up, with that shard's own numbers, marked partial in every format, with exit status 3.
@Suite struct PartialAnswerCLITests {
    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
    }

    @Test(.enabled(if: ShardServer.executable != nil, Comment(rawValue: ShardServer.absent)))
    func aShardThatIsDownFailsOrIsLeftOutAndMarkedInEveryFormat() throws {
        let dir = TemporaryDirectory()
        let sharded = dir.path("sharded")
        #expect(try EndToEndTests.dossier(["index", Paths.seeds.path, "--index", sharded, "--shards", "2", "-q"]).status == 0)
        let servers = try (0..<2).map { try ShardServer(serving: sharded + "/shard\($0)") }
        let stub = dir.path("remote.stub")
        try ShardedCopy.writeStub(at: stub, lines: servers.map(\.stubLine))
        // The first shard holds the index's metadata: on its own it is the index of its passages.
        let survivor = sharded + "/shard0"
        let name = "127.0.0.1:\(servers[1].port)"
        let watch = dir.path("watch.txt")
        try "Pakistan --id p\nceasefire\n".write(toFile: watch, atomically: true, encoding: .utf8)
        servers[1].stopWithConnections()
        defer { withExtendedLifetime(servers) {} }

        let commands: [[String]] = [
            ["search", "Pakistan", "--format", "json"], ["count", "--by", "actor", "--format", "json"],
            ["actors", "--format", "json"], ["batch", watch, "--format", "jsonl"],
        ]
        for command in commands {
            let failed = try EndToEndTests.dossier(command + ["--index", stub])
            #expect(failed.status == 74, "\(command): \(failed.stderr)")
            #expect(failed.stdout.isEmpty)
            #expect(failed.stderr.contains("shard 1 (\(name))") && failed.stderr.contains("--allow-partial"), "\(failed.stderr)")

            let partial = try EndToEndTests.dossier(command + ["--index", stub, "--allow-partial"])
            let alone = try EndToEndTests.dossier(command + ["--index", survivor])
            #expect(partial.status == 3, "\(command): \(partial.stderr)")
            #expect(alone.status == 0, "\(command): \(alone.stderr)")
            #expect(partial.stderr.hasPrefix("dossier: warning: partial answer: 1 of 2 shards did not answer"), "\(partial.stderr)")
            #expect(partial.stderr.contains(name))
            // A JSON document, or the first batch row.
            func first(_ text: String) -> String { command[0] == "batch" ? text.split(separator: "\n").first.map(String.init) ?? "" : text }
            var object = try Self.json(first(partial.stdout))
            let mark = try #require(object.removeValue(forKey: "partial") as? [String: Any], "\(command)")
            #expect(mark["shards"] as? Int == 2)
            let missing = try #require(mark["missing_shards"] as? [[String: Any]])
            #expect(missing.map { $0["shard"] as? Int } == [1] && missing.map { $0["name"] as? String } == [name])
            // Everything else is the surviving shard's own answer.
            var expected = try Self.json(first(alone.stdout))
            let whole = expected.removeValue(forKey: "partial")
            #expect(whole == nil || whole is NSNull, "\(command): a whole answer is marked whole")
            for key in ["generated_at", "index"] {
                object.removeValue(forKey: key)
                expected.removeValue(forKey: key)
            }
            #expect(NSDictionary(dictionary: object) == NSDictionary(dictionary: expected), "\(command)")
        }

        // Text says it on its first line; CSV and TSV stay parseable (the mark is on standard
        // error and in the exit status only); JSON Lines rows carry it.
        let text = try EndToEndTests.dossier(["search", "Pakistan", "--index", stub, "--allow-partial"])
        #expect(text.status == 3 && text.stdout.hasPrefix("PARTIAL ANSWER: 1 of 2 shards did not answer"), "\(text.stdout)")
        for format in ["csv", "tsv"] {
            let arguments = ["search", "Pakistan", "--limit", "all", "--format", format, "--fields", "passage_id,score"]
            let partial = try EndToEndTests.dossier(arguments + ["--index", stub, "--allow-partial"])
            let alone = try EndToEndTests.dossier(arguments + ["--index", survivor])
            #expect(partial.status == 3 && partial.stderr.contains("partial answer"), "\(format): \(partial.stderr)")
            #expect(partial.stdout == alone.stdout, "\(format)")
            let counted = try EndToEndTests.dossier(["count", "--by", "actor", "--format", format, "--index", stub, "--allow-partial"])
            #expect(counted.status == 3)
            #expect(counted.stdout == (try EndToEndTests.dossier(["count", "--by", "actor", "--format", format, "--index", survivor])).stdout)
        }
        let lines = try EndToEndTests.dossier(["search", "Pakistan", "--limit", "all", "--format", "jsonl", "--index", stub, "--allow-partial"])
        #expect(lines.status == 3)
        let rows = try lines.stdout.split(separator: "\n").map { try Self.json(String($0)) }
        #expect(!rows.isEmpty && rows.allSatisfy { ($0["partial"] as? [String: Any])?["shards"] as? Int == 2 })
        let aloneRows = try EndToEndTests.dossier(["search", "Pakistan", "--limit", "all", "--format", "jsonl", "--index", survivor])
        #expect(rows.count == aloneRows.stdout.split(separator: "\n").count)
    }
}
