import Foundation
import NewsModel
import TestSupport
import Testing
@testable import Indexer

/// The indexing pipeline streams articles JSON-lines files in chunks (`LineRecordReader`);
/// the index, the summary and the fingerprint must be exactly those of reading the whole file.
@Suite struct JSONLinesStreamingTests {
    /// Hides that a reader reads lines, so the pipeline takes the whole-file path with it.
    struct WholeFile: ArticleReader {
        var reader: any ArticleReader
        func read(_ file: SourceFile) throws(IndexerError) -> ReadResult { try reader.read(file) }
    }

    /// The articles reader, counting how often the pipeline reads a file whole.
    struct CountingReader: LineRecordReader {
        final class Count: @unchecked Sendable {
            private let lock = NSLock()
            private var count = 0
            var value: Int { lock.withLock { count } }
            func increment() { lock.withLock { count += 1 } }
        }
        let wholeFileReads = Count()
        let linesParsed = Count()
        let lines = JSONLinesArticleReader()

        func read(_ file: SourceFile) throws(IndexerError) -> ReadResult {
            wholeFileReads.increment()
            return try lines.read(file)
        }

        func read(_ file: SourceFile, maximumRecordBytes: Int) throws(IndexerError) -> ReadResult {
            wholeFileReads.increment()
            return try lines.read(file, maximumRecordBytes: maximumRecordBytes)
        }

        func article(line: UnsafeRawBufferPointer, number: Int, context: inout LineRecordContext) throws(IndexerError) -> Article? {
            linesParsed.increment()
            return try lines.article(line: line, number: number, context: &context)
        }
    }

    /// Makes each line it is handed an article `line#number`, to show what readers get.
    struct EchoReader: LineRecordReader {
        func article(line: UnsafeRawBufferPointer, number: Int, context: inout LineRecordContext) throws(IndexerError) -> Article? {
            let text = String(decoding: line, as: UTF8.self)
            if text == "bad" { throw .malformed(path: context.path, line: number, reason: "bad line") }
            return Article(id: "\(text)#\(number)", file: context.path, title: text, passages: [])
        }
    }

    @Test func readersGetLinesWithoutTheBOMTheLineEndsOrBlankLines() throws {
        let bytes = [0xEF, 0xBB, 0xBF] + Array("one\r\n\r\n  \t\nbad\ntwo\r\n\u{0C}\nthree".utf8)
        let result = try EchoReader().read(SourceFile(path: "e.jsonl", identity: "e.jsonl", data: Data(bytes)))
        #expect(result.articles.map(\.id) == ["one#1", "two#5", "three#7"])
        #expect(result.problems.map(\.description) == ["e.jsonl:4: bad line"])
    }

    /// An articles file with everything a line can be: a BOM, CRLF and blank lines, a bad date, a
    /// repeated id, invalid UTF-8, a broken line, lines many times the test's chunk size, and
    /// no newline at the end.
    static let articleBytes: [UInt8] = {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF], cr: [UInt8] = [0x0D], latin1E: [UInt8] = [0xE9]
        var lines: [[UInt8]] = []
        lines.append(bom + Array(#"{"id": "a1", "title": "Floods in Sindh", "published": "2025-08-30", "text": "Rain fell for days.\n\nRelief camps opened."}"#.utf8) + cr)
        lines.append(cr)
        lines.append(Array(#"{"id": "a2", "title": "Budget", "published": "someday", "text": "Passed."}"#.utf8))
        lines.append(Array(#"{"id": "a1", "title": "Same id again", "text": "A second record with the first one's id."}"#.utf8))
        lines.append(Array(#"{"title": "Caf"#.utf8) + latin1E + Array(#"", "text": "Invalid UTF-8 in the title."}"#.utf8))
        lines.append(Array(#"{"id": "broken", "title": "Unterminated"#.utf8))
        lines.append(Array(" \t ".utf8))
        for i in 8...40 {
            let words = String(repeating: "ceasefire talks in Doha number \(i), ", count: i % 9 + 1)
            let record = #"{"id": "n\#(i)", "source": "dawn", "text": "Paragraph \#(i) is the title\n\n\#(words)"}"#
            lines.append(Array(record.utf8))
        }
        return Array(lines.joined(separator: [0x0A]))
    }()

    /// Indexes `path` with `reader` (nil: by its extension) into a fresh index; returns the
    /// summary (without its time) and every term, document and metadata entry of the index.
    private func index(
        _ path: String, into index: String, reader: (any ArticleReader)? = nil, chunkSize: Int = FileReadingStage.chunkSize
    ) throws -> (summary: IndexSummary, dump: [String]) {
        var options = IndexingOptions(indexPath: index, reader: reader)
        options.lineChunkSize = chunkSize
        var summary = try IndexingRun(options: options).run(paths: [path])
        summary.seconds = 0
        return (summary, try IndexingPipelineTests.dump(index))
    }

    @Test(arguments: [7, 64, 4096])
    func streamingInChunksIndexesExactlyWhatTheWholeFileGives(chunkSize: Int) throws {
        let dir = TemporaryDirectory("stream")
        let file = try dir.write("articles.jsonl", bytes: Self.articleBytes)
        let streamed = try index(file, into: dir.path("streamed"), chunkSize: chunkSize)
        let whole = try index(file, into: dir.path("whole"), reader: WholeFile(reader: JSONLinesArticleReader()))

        #expect(streamed.summary == whole.summary)
        #expect(IndexingPipelineTests.firstDifference(streamed.dump, whole.dump) == nil)
        #expect(streamed.summary.articles == 37)
        #expect(streamed.summary.warnings.map(\.description) == [
            "\(file):3: `published` `someday` is not YYYY, YYYY-MM or YYYY-MM-DD[Thh:mm…]; ignored",
            "\(file):4: id `a1` already used on line 1; this record is indexed as `articles.jsonl:4`",
            "\(file):5: invalid UTF-8 replaced by U+FFFD",
        ])
        #expect(streamed.summary.skipped.map(\.line) == [6])
        #expect(streamed.summary.skipped.first?.description.hasPrefix("\(file):6: not valid JSON") == true)
        #expect(streamed.dump.contains { $0.hasPrefix("D Qarticles.jsonl#a1#0 ") && $0.contains("Floods in Sindh") })
        #expect(streamed.dump.contains { $0.hasPrefix("D Qarticles.jsonl:4#0 ") && $0.contains("Same id again") })
        #expect(streamed.dump.contains { $0.hasPrefix("D Qarticles.jsonl:5#0 ") && $0.contains("Caf\u{FFFD}") })
    }

    @Test func theReaderGivesTheSameArticlesStreamedAsReadWhole() throws {
        let dir = TemporaryDirectory("stream-articles")
        let file = try dir.write("articles.jsonl", bytes: Self.articleBytes)
        let reader = JSONLinesArticleReader()
        var context = LineRecordContext(path: file, identity: "articles.jsonl")
        var streamed: [Article] = []
        try FileReadingStage.forEachChunk(of: FileBytes(path: file, gunzip: false), chunkSize: 64) { chunk, isLast, next in
            LineSplitter.forEachCompleteLine(in: chunk.pending, firstNumber: next, includeLast: isLast) { line, number in
                if let article = reader.parse(line: line, number: number, context: &context) { streamed.append(article) }
            }
        }
        let whole = try reader.read(SourceFile(path: file, identity: "articles.jsonl", data: Data(Self.articleBytes)))
        #expect(streamed == whole.articles)
        #expect(context.problems == whole.problems)
        #expect(streamed.count == 37)
    }

    /// Files with nothing to index, by name.
    static let emptyFiles: [String: [UInt8]] = [
        "blank lines": Array(String(repeating: "  \t\r\n\n", count: 30).utf8),
        "no bytes": [],
        "binary": [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D] + Array(repeating: 0x41, count: 200),
    ]

    @Test(arguments: ["blank lines", "no bytes", "binary"])
    func aFileWithNothingToIndexIsReportedAsTheWholeFileWouldBe(name: String) throws {
        let bytes = try #require(Self.emptyFiles[name])
        let dir = TemporaryDirectory("stream-nothing")
        let file = try dir.write("x.jsonl", bytes: bytes)
        let streamed = try index(file, into: dir.path("streamed"), chunkSize: 64)
        let whole = try index(file, into: dir.path("whole"), reader: WholeFile(reader: JSONLinesArticleReader()))
        #expect(streamed.summary == whole.summary, "\(name)")
        #expect(streamed.summary.articles == 0)
        let expected = name == "binary" ? "looks like binary data, not text; skipped" : "no text in the file; skipped"
        #expect(streamed.summary.skipped.map(\.description) == ["\(file): \(expected)"])
        // Nothing was fingerprinted: the next run reads the file again.
        #expect(try index(file, into: dir.path("streamed"), chunkSize: 64).summary.unchangedFiles == 0)
    }

    @Test func aFileIndexedWholeIsUnchangedWhenStreamedAfterATouch() throws {
        let dir = TemporaryDirectory("stream-hash")
        let file = try dir.write("articles.jsonl", bytes: Self.articleBytes)
        let first = try index(file, into: dir.path("idx"), reader: WholeFile(reader: JSONLinesArticleReader()))
        #expect(first.summary.articles == 37)
        // A new time forces the content check: the stream's hash must equal the whole file's.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: file)
        let second = try index(file, into: dir.path("idx"), chunkSize: 64)
        #expect(second.summary.unchangedFiles == 1)
        #expect(second.summary.articles == 0)
    }

    @Test func plainAndGzipFilesBothStreamAndGiveWhatTheWholeFileGives() throws {
        let dir = TemporaryDirectory("stream-gzip")
        let plain = try dir.write("articles.jsonl", bytes: Self.articleBytes)
        let reader = CountingReader()
        let streamed = try index(plain, into: dir.path("plain"), reader: reader, chunkSize: 64)
        #expect(streamed.summary.articles == 37)
        #expect(reader.wholeFileReads.value == 0)

        // A .jsonl.gz is inflated a chunk at a time too (never held whole), and gives exactly
        // the index of reading the whole decompressed file.
        let gzip = FixtureFiles.url("articles.jsonl.gz").path
        let unzipped = try index(gzip, into: dir.path("gzip"), reader: reader, chunkSize: 64)
        #expect(reader.wholeFileReads.value == 0)
        let whole = try index(gzip, into: dir.path("gzip-whole"), reader: WholeFile(reader: JSONLinesArticleReader()))
        #expect(unzipped.summary == whole.summary)
        #expect(unzipped.dump == whole.dump)
        // And by extension, as `dossier index` reads it.
        let indexed = try index(gzip, into: dir.path("gzip-default"), chunkSize: 64)
        #expect(indexed.summary == unzipped.summary)
        #expect(indexed.summary.articles == 3)
        #expect(indexed.summary.skipped.isEmpty)
        #expect(indexed.summary.warnings.map(\.description) == [
            "\(gzip):3: id `g1` already used on line 1; this record is indexed as `articles.jsonl.gz:3`"
        ])
        #expect(indexed.dump.contains { $0.hasPrefix("D Qarticles.jsonl.gz#g2#1 ") && $0.contains("Second gzipped paragraph") })
    }

    @Test func aGzipFileCutShortIsSkippedWithTheReasonAndIndexesNothing() throws {
        let dir = TemporaryDirectory("stream-gzip-cut")
        let compressed = try Gzipped.compress(Data(Self.articleBytes))
        let cut = try dir.write("cut.jsonl.gz", bytes: Array(compressed.prefix(compressed.count * 2 / 3)))
        let result = try index(cut, into: dir.path("idx"), chunkSize: 64)
        #expect(result.summary.articles == 0)
        #expect(result.summary.passages == 0)
        #expect(result.summary.skipped.map(\.description) == ["\(cut): gzip data is truncated"])
        #expect(!result.dump.contains { $0.hasPrefix("D ") })
        // Nothing was fingerprinted: the next run tries the file again.
        #expect(try index(cut, into: dir.path("idx"), chunkSize: 64).summary.unchangedFiles == 0)
    }

    @Test func stoppingTheRunStopsReadingTheFile() throws {
        // Ctrl-C during a large file: the reading stage must not parse the rest of it.
        let dir = TemporaryDirectory("stream-stop")
        let lines = (1...3000).map { #"{"id": "s\#($0)", "text": "Paragraph number \#($0) of a long scrape."}"# }
        let path = try dir.write("big.jsonl", bytes: Array((lines.joined(separator: "\n") + "\n").utf8))
        let reader = CountingReader()
        var options = IndexingOptions(indexPath: dir.path("idx"), reader: reader, queueCapacity: 1)
        options.lineChunkSize = 256
        var articlesSeen = 0
        let summary = try IndexingRun(options: options).run(paths: [path], progress: { _ in }, shouldStop: {
            articlesSeen += 1
            return articlesSeen >= 5
        })
        #expect(summary.interrupted)
        #expect(summary.articles == 5)
        // At most a few chunks (each a handful of lines) beyond the queue: not the 3,000.
        #expect(reader.linesParsed.value < 100)
    }

    /// A JSON-lines file saved as UTF-16 with a BOM (Windows' "Unicode") is read whole, converted.
    @Test func aUTF16FileIndexesLikeItsUTF8Twin() throws {
        let dir = TemporaryDirectory("stream")
        let text = #"{"id": "u1", "title": "Café talks", "text": "Talks in Doha — 𝄞."}"# + "\n"
        let utf16 = [UInt8]([0xFF, 0xFE]) + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let wide = try index(try dir.write("a/articles.jsonl", bytes: utf16), into: dir.path("wide"))
        let narrow = try index(try dir.write("b/articles.jsonl", text), into: dir.path("narrow"))
        #expect(wide.summary.articles == 1 && wide.summary.skipped.isEmpty)
        #expect(wide.dump.contains { $0.contains("Café talks") })
        // The same passages, terms and values; only the files' paths and fingerprints differ.
        func comparable(_ dump: [String], _ folder: String) -> [String] {
            dump.filter { !$0.contains("file:") }.map { $0.replacingOccurrences(of: "/\(folder)/articles.jsonl", with: "/articles.jsonl") }
        }
        #expect(IndexingPipelineTests.firstDifference(comparable(wide.dump, "a"), comparable(narrow.dump, "b")) == nil)
    }

    // MARK: - Records too long to hold (issue #10, item 7)

    @Test func aLineLongerThanTheLimitIsNotHeldWhileItIsRead() throws {
        // A 1 MB line with a limit of 1,000 bytes, read 64 bytes at a time: the chunk reader
        // must stop growing its buffer for it, report it once with its line number and size,
        // and go on with the next line.
        let dir = TemporaryDirectory("stream-oversized")
        let long = String(repeating: "x", count: 1 << 20)
        let path = try dir.write("big.jsonl", bytes: Array("first\n\(long)\nthird\n".utf8))
        var largestPending = 0
        var oversized: [(line: Int, bytes: Int)] = []
        var lines: [String] = []
        try FileReadingStage.forEachChunk(
            of: FileBytes(path: path, gunzip: false), chunkSize: 64, maximumLine: 1_000, oversized: { oversized.append(($0, $1)) }
        ) { chunk, isLast, next in
            largestPending = max(largestPending, chunk.pending.count)
            return LineSplitter.forEachCompleteLine(in: chunk.pending, firstNumber: next, includeLast: isLast) { line, number in
                lines.append("\(number):\(String(decoding: line, as: UTF8.self))")
            }
        }
        #expect(lines == ["1:first", "3:third"])
        #expect(oversized.map(\.line) == [2])
        #expect(oversized.map(\.bytes) == [1 << 20])
        // Held: at most the limit and the chunks read while it was reached, not the line.
        #expect(largestPending <= 1_000 + 2 * 64 * 16)
    }

    @Test(arguments: [64, 4096, FileReadingStage.chunkSize])
    func aRecordLongerThanTheLimitIsReportedWithItsLineAndNotIndexed(chunkSize: Int) throws {
        let dir = TemporaryDirectory("stream-record-limit")
        let big = String(repeating: "OPEC met again. ", count: 500)  // 8,000 bytes of text
        let lines = [
            #"{"id": "r1", "text": "A short record."}"#,
            #"{"id": "r2", "text": "\#(big)"}"#,
            #"{"id": "r3", "text": "Another short record."}"#,
        ]
        let file = try dir.write("records.jsonl", bytes: Array(lines.joined(separator: "\n").utf8))
        func run(_ into: String, reader: (any ArticleReader)?) throws -> IndexSummary {
            var options = IndexingOptions(indexPath: dir.path(into), reader: reader)
            options.lineChunkSize = chunkSize
            options.maximumRecordBytes = 4_096
            var summary = try IndexingRun(options: options).run(paths: [file])
            summary.seconds = 0
            return summary
        }
        let streamed = try run("streamed", reader: nil)
        #expect(streamed.articles == 2)
        #expect(streamed.passages == 2)
        #expect(streamed.skipped.map(\.description) == [
            "\(file):2: record is \(lines[1].utf8.count) bytes, longer than a record may be (4096 bytes); "
                + "not indexed: raise the limit with `dossier index --max-record-size`"
        ])
        #expect(try IndexingPipelineTests.dump(dir.path("streamed")).contains { $0.contains("OPEC met again") } == false)
        // Read whole (gzip, standard input), the same record gets the same report.
        let whole = try JSONLinesArticleReader().read(
            SourceFile(path: file, identity: "records.jsonl", data: Data(lines.joined(separator: "\n").utf8)), maximumRecordBytes: 4_096)
        #expect(whole.articles.map(\.id) == ["records.jsonl#r1", "records.jsonl#r3"])
        #expect(whole.problems.map(\.description) == streamed.skipped.map(\.description))
    }
}
