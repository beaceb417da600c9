import Foundation
import Testing
import TestSupport

/// Kills, interrupts and reads a real indexing run, and checks the index it leaves.
@Suite(.serialized) struct CrashSafetyTests {
    /// A corpus big enough that indexing takes a few seconds in a debug build.
    static func makeCorpus(_ dir: TemporaryDirectory, files: Int = 300) throws -> String {
        for f in 0..<files {
            var text = "Report \(f): talks on the border continue\n\n"
            for p in 0..<25 {
                text += "Paragraph \(p) of report \(f) says the delegations met again in Doha and Istanbul, and officials in Kabul and Islamabad described the ceasefire talks as difficult but useful.\n\n"
            }
            try dir.write("corpus/r\(String(format: "%03d", f)).txt", text)
        }
        return dir.path("corpus")
    }

    static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = EndToEndTests.binary
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Every passage id and text in the index, sorted: what "the same passages" means.
    static func contents(_ index: String) throws -> [String] {
        let run = try EndToEndTests.dossier(["search", "--index", index, "--limit", "all", "--format", "tsv", "--fields", "passage_id,text"])
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout.split(separator: "\n").dropFirst().map(String.init).sorted()
    }

    /// Also for a sharded index (`--shards 2`): the clean run it is compared with is one database.
    @Test(arguments: [[], ["--shards", "2"]])
    func killedAtAnyMomentTheIndexOpensAndResumingGivesACleanRunsPassages(layout: [String]) throws {
        let dir = TemporaryDirectory()
        let corpus = try Self.makeCorpus(dir)
        let clean = dir.path("clean")
        let started = Date()
        #expect(try EndToEndTests.dossier(["index", corpus, "--index", clean, "--batch-size", "100"] + layout).status == 0)
        let cleanSeconds = Date().timeIntervalSince(started)
        let expected = try Self.contents(clean)
        #expect(expected.count == 300 * 26)

        // Kill at fractions of a clean run's duration, so the kills land mid-run on any machine.
        var killedMidRun = 0
        for (attempt, fraction) in [0.15, 0.45, 0.75].enumerated() {
            let index = dir.path("killed\(attempt)")
            let run = try Self.start(["index", corpus, "--index", index, "--batch-size", "100"] + layout)
            Thread.sleep(forTimeInterval: cleanSeconds * fraction)
            if run.isRunning { killedMidRun += 1 }
            kill(run.processIdentifier, SIGKILL)
            run.waitUntilExit()
            // The index opens at its last commit (or does not exist yet if killed before it),
            // holding whole files only: a file's passages commit together.
            if FileManager.default.fileExists(atPath: index) {
                let partial = try Self.contents(index)
                #expect(partial.count <= expected.count && partial.count % 26 == 0, "attempt \(attempt): \(partial.count)")
            }
            let resumed = try EndToEndTests.dossier(["index", corpus, "--index", index, "--batch-size", "100"])
            if !layout.isEmpty {
                #expect(try String(contentsOfFile: index + "/XAPIANDB", encoding: .utf8) == "auto shard0\nauto shard1\n")
            }
            #expect(resumed.status == 0, "\(resumed.stderr)")
            #expect(try Self.contents(index) == expected, "attempt \(attempt) after a kill at \(fraction) of a run")
        }
        #expect(killedMidRun >= 2, "the kills should interrupt running indexers")
    }

    @Test(arguments: [[], ["--shards", "2"]])
    func ctrlCCommitsWhatWasDoneAndExits130(layout: [String]) throws {
        let dir = TemporaryDirectory()
        let corpus = try Self.makeCorpus(dir)
        let index = dir.path("idx")
        let run = try Self.start(["index", corpus, "--index", index, "--batch-size", "100"] + layout)
        // Wait until the first batch is committed (the index exists and holds passages), then interrupt.
        func committed() -> Int {
            guard let search = try? EndToEndTests.dossier(["search", "--index", index, "--limit", "0", "--format", "json"]),
                  search.status == 0,
                  let object = try? JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [String: Any] else { return 0 }
            return object["total"] as? Int ?? 0
        }
        while run.isRunning && committed() == 0 { Thread.sleep(forTimeInterval: 0.02) }
        #expect(run.isRunning, "the indexer should still be running when interrupted")
        kill(run.processIdentifier, SIGINT)
        run.waitUntilExit()
        #expect(run.terminationStatus == 130)
        let partial = try Self.contents(index)
        #expect(!partial.isEmpty && partial.count < 300 * 26)
        #expect(partial.count % 26 == 0, "whole files only: a file's passages commit together")
        #expect(try EndToEndTests.dossier(["index", corpus, "--index", index]).status == 0)
        #expect(try Self.contents(index).count == 300 * 26)
    }

    @Test func searchesDuringIndexingSeeCommittedStatesOnly() throws {
        let dir = TemporaryDirectory()
        let corpus = try Self.makeCorpus(dir)
        let index = dir.path("idx")
        let run = try Self.start(["index", corpus, "--index", index, "--batch-size", "260"])
        var totals: [Int] = []
        while run.isRunning {
            let search = try EndToEndTests.dossier(["search", "--index", index, "--limit", "0", "--format", "json"])
            if search.status == 66 { continue }  // not created yet
            #expect(search.status == 0, "\(search.stderr)")
            if let object = try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [String: Any],
               let total = object["total"] as? Int {
                totals.append(total)
            }
        }
        run.waitUntilExit()
        #expect(run.terminationStatus == 0)
        #expect(totals.count >= 2, "searches should have run while the indexer wrote")
        #expect(totals == totals.sorted(), "totals never go backwards")
        #expect(totals.allSatisfy { $0 % 26 == 0 }, "a reader never sees half a file: \(totals)")
    }

    @Test func aSecondIndexerGetsAClearErrorNotAHang() throws {
        let dir = TemporaryDirectory()
        let corpus = try Self.makeCorpus(dir, files: 2)
        let index = dir.path("idx")
        // Another writer holds the lock for the whole run, so the collision is certain (a race
        // with a second `dossier index` could end before it, and then check nothing).
        let lock = try IndexWriteLock(path: index)
        let second = try EndToEndTests.dossier(["index", corpus, "--index", index])
        withExtendedLifetime(lock) {}
        #expect(second.status == 75)
        #expect(second.stderr == "dossier: error: the index is being written by another process (opening index at \(index) for writing); wait for it to finish and try again\n")
    }

    @Test func aSecondIndexerOfAShardedIndexIsRefusedAtOnce() throws {
        let dir = TemporaryDirectory()
        let corpus = try Self.makeCorpus(dir, files: 2)
        let index = dir.path("idx")
        #expect(try EndToEndTests.dossier(["index", corpus, "--index", index, "--shards", "2"]).status == 0)
        // The first shard is locked first: holding it is holding the index.
        let lock = try IndexWriteLock(path: index + "/shard0")
        let second = try EndToEndTests.dossier(["index", corpus, "--index", index])
        withExtendedLifetime(lock) {}
        #expect(second.status == 75)
        #expect(second.stderr == "dossier: error: the index is being written by another process (opening index at \(index)/shard0 for writing); wait for it to finish and try again\n")
        let other = try EndToEndTests.dossier(["index", corpus, "--index", index, "--shards", "3"])
        #expect(other.status == 65)
        #expect(other.stderr.contains("has 2 shards and --shards 3 asks for 3") && other.stderr.contains("dossier compact"), "\(other.stderr)")
    }
}
