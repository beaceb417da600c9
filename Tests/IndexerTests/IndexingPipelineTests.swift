import Foundation
import TestSupport
import Testing
import XapianStore
@testable import Indexer

/// The two-thread indexing pipeline must leave exactly the index a sequential run leaves.
@Suite struct IndexingPipelineTests {
    /// Passage lines in the benchmark's format (gen_corpus.py), with one bad line.
    static func passagesFile(in dir: TemporaryDirectory, name: String = "passages.jsonl", count: Int, badLine: Int? = nil) throws -> String {
        var lines: [String] = []
        let actors = ["Laura Smith", "Zainab Ansari", "Wei Wang", "Omar Khan"]
        for i in 1...count {
            if i == badLine { lines.append("{\"id\": \"p\(i)\", \"text\": ") ; continue }
            let who = (0..<(i % 3)).map { "\"\(actors[(i + $0) % actors.count])\"" }.joined(separator: ", ")
            let text = "Passage \(i) about extradition talks, the court's ruling and ceasefire number \(i % 7). Café “quoted” text."
            lines.append("{\"id\": \"p\(String(format: "%05d", i))\", \"text\": \"\(text)\", \"actors\": [\(who)], \"date\": \"20\(10 + i % 15)-0\(1 + i % 9)-1\(i % 10)\"}")
        }
        return try dir.write(name, lines.joined(separator: "\n") + "\n")
    }

    /// Everything observable about an index: every term with its frequency, every document's
    /// data (by unique id term), and the metadata except the time of the last commit.
    static func dump(_ path: String) throws -> [String] {
        let db = try Database(path: path)
        var out: [String] = []
        for (term, frequency) in try db.terms(withPrefix: "") { out.append("T \(term) \(frequency)") }
        for (term, _) in try db.terms(withPrefix: IndexSchema.passageID.prefix) {
            out.append("D \(term) \(try db.data(forTerm: term) ?? "-")")
        }
        for (key, value) in try db.metadata(withPrefix: "") where key != IndexSchema.MetadataKey.lastIndexed {
            out.append("M \(key) \(value)")
        }
        out.append("N \(try db.documentCount())")
        return out
    }

    private func index(_ paths: [String], into path: String, concurrent: Bool, passages: Bool = false, queue: Int = 64, batch: Int = 5_000) throws -> IndexSummary {
        var options = IndexingOptions(indexPath: path, batchSize: batch, concurrent: concurrent, queueCapacity: queue)
        if passages {
            options.reader = PassagesJSONLReader()
            options.tagger = DeclaredActorsTagger()
        }
        return try IndexingRun(options: options).run(paths: paths)
    }

    @Test func concurrentAndSequentialRunsWriteTheSameDocuments() throws {
        let dir = TemporaryDirectory("pipeline")
        let sequential = try index([Paths.seeds.path], into: dir.path("seq"), concurrent: false)
        let concurrent = try index([Paths.seeds.path], into: dir.path("conc"), concurrent: true, queue: 1)
        #expect(sequential == concurrentWithSameTime(concurrent, as: sequential))
        let a = try Self.dump(dir.path("seq")), b = try Self.dump(dir.path("conc"))
        #expect(a.count > 500)
        #expect(Self.firstDifference(a, b) == nil)
    }

    @Test func passageFilesGiveTheSameIndexEitherWayAndAcrossBatches() throws {
        let dir = TemporaryDirectory("pipeline-passages")
        let file = try Self.passagesFile(in: dir, count: 1_200)
        _ = try index([file], into: dir.path("seq"), concurrent: false, passages: true)
        let summary = try index([file], into: dir.path("conc"), concurrent: true, passages: true, queue: 3, batch: 250)
        #expect(summary.passages == 1_200)
        #expect(summary.indexPassages == 1_200)
        #expect(Self.firstDifference(try Self.dump(dir.path("seq")), try Self.dump(dir.path("conc"))) == nil)
    }

    @Test func aBadPassageLineIsReportedWithItsLineAndTheRestIndexed() throws {
        let dir = TemporaryDirectory("pipeline-bad")
        let file = try Self.passagesFile(in: dir, count: 20, badLine: 7)
        let summary = try index([file], into: dir.path("idx"), concurrent: true, passages: true)
        #expect(summary.passages == 19)
        #expect(summary.skipped.count == 1)
        #expect(summary.skipped.first?.line == 7)
        #expect(summary.skipped.first?.description.hasPrefix("\(file):7: ") == true)
    }

    @Test func reindexingSkipsUnchangedFilesAndReplacesChangedOnesWithoutDuplicates() throws {
        let dir = TemporaryDirectory("pipeline-reindex")
        let file = try Self.passagesFile(in: dir, count: 50)
        let path = dir.path("idx")
        _ = try index([file], into: path, concurrent: true, passages: true)
        let again = try index([file], into: path, concurrent: true, passages: true)
        #expect(again.unchangedFiles == 1)
        #expect(again.passages == 0)

        // Fewer lines: the vanished passages' articles are removed, the rest replaced in place.
        _ = try Self.passagesFile(in: dir, count: 30)
        let changed = try index([file], into: path, concurrent: true, passages: true)
        #expect(changed.passages == 30)
        #expect(changed.removedArticles == 20)
        #expect(changed.indexPassages == 30)
    }

    @Test func theSameArticleIdTwiceInOneFreshRunIsStoredOnce() throws {
        let dir = TemporaryDirectory("pipeline-dup")
        let a = try Self.passagesFile(in: dir, name: "a.jsonl", count: 10)
        let b = try Self.passagesFile(in: dir, name: "b.jsonl", count: 10)
        let summary = try index([a, b], into: dir.path("idx"), concurrent: true, passages: true)
        // The summary counts what the index holds, and names each clash (issue #10, item 2).
        #expect(summary.passages == 10)
        #expect(summary.indexPassages == 10)
        #expect(summary.warnings.count == 10)
        #expect(summary.warnings.allSatisfy { $0.file == b && $0.message.contains("was already written in this run") })
    }

    @Test(arguments: [1, 7, 64, 1 << 20], [false, true])
    func chunkedReadingSeesEveryLineWhateverTheChunkSize(chunkSize: Int, gzipped: Bool) throws {
        let dir = TemporaryDirectory("chunks")
        let lines = (1...200).map { "line \($0) " + String(repeating: "x", count: $0 % 37) }
        let text = Data(lines.joined(separator: "\n").utf8)  // no final newline
        // Gzipped: two members, as `cat a.gz b.gz` makes, so a member boundary falls mid-line.
        let half = text.count / 2
        let bytes = gzipped ? try Gzipped.compress(text.prefix(half)) + Gzipped.compress(text.dropFirst(half)) : text
        let file = try dir.write(gzipped ? "lines.txt.gz" : "lines.txt", bytes: Array(bytes))
        var seen: [String] = []
        let source = try FileBytes(path: file, gunzip: gzipped)
        try FileReadingStage.forEachChunk(of: source, chunkSize: chunkSize) { chunk, isLast, next in
            LineSplitter.forEachCompleteLine(in: chunk.pending, firstNumber: next, includeLast: isLast) { line, number in
                seen.append("\(number):" + String(decoding: line, as: UTF8.self))
            }
        }
        #expect(seen == lines.enumerated().map { "\($0.offset + 1):\($0.element)" })
        // The hash is of the file as stored, the compressed bytes for a gzipped one.
        #expect(try source.finishHash() == IndexSchema.stableHash(bytes))
    }

    @Test func theBoundedQueueDeliversInOrderAndStopsWhenCancelled() async throws {
        let queue = BoundedQueue<Int>(capacity: 2)
        let producer = Thread {
            for i in 0..<1_000 where !queue.push(i) { break }
            queue.close()
        }
        producer.start()
        var received: [Int] = []
        while let next = queue.pop() { received.append(next) }
        #expect(received == Array(0..<1_000))

        let cancelled = BoundedQueue<Int>(capacity: 1)
        #expect(cancelled.push(1))
        cancelled.cancel()
        #expect(cancelled.push(2) == false)
        #expect(cancelled.pop() == nil)
    }

    /// The first line where two dumps differ (nil when identical), to keep failures readable.
    static func firstDifference(_ a: [String], _ b: [String]) -> String? {
        for (x, y) in zip(a, b) where x != y { return "\(x.prefix(300))  <>  \(y.prefix(300))" }
        return a.count == b.count ? nil : "\(a.count) lines <> \(b.count) lines"
    }

    /// The summaries of two runs differ only in their timing.
    private func concurrentWithSameTime(_ summary: IndexSummary, as other: IndexSummary) -> IndexSummary {
        var copy = summary
        copy.seconds = other.seconds
        return copy
    }
}
