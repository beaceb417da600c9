import Foundation
import Output
import NewsModel
import XapianStore

/// The two stages of an indexing run, on two threads joined by a bounded queue.
///
/// - The **reading stage** (a worker thread) does everything that needs no database: stat and
///   fingerprint checks, reading and splitting files (line formats in fixed-size chunks),
///   tagging, preparing each passage's terms, values and JSON record (`DocumentPreparer`), and
///   building its Xapian document (term generation: words, stems, positions).
/// - The **writing stage** (the caller's thread) owns the index's single writer: adding or
///   replacing documents, deletes, fingerprints, the spelling dictionary and batched commits.
///
/// Items flow in file order, so the index ends up exactly as a sequential run leaves it
/// (`concurrent: false` runs both stages on the caller's thread; tests compare the two). The
/// queue holds at most `IndexingOptions.queueCapacity` articles, so memory stays flat.
struct IndexingPipeline {
    /// One input file to process, with what the index remembers of it (read by the writer's
    /// thread before the run starts, as the fingerprints live in the index).
    struct FileJob: Sendable {
        var number: Int
        var entry: InputFile
        var key: String
        var stored: IndexingRun.Fingerprint?
    }

    /// What happened to one file, sent after its last article.
    struct FileOutcome: Sendable {
        var job: FileJob
        var problems: [ReadProblem] = []
        /// The content had not changed: nothing was re-read or written.
        var unchanged = false
        /// The fingerprint to store (nil: leave the stored one alone).
        var fingerprint: IndexingRun.Fingerprint?
        /// Articles the file held before and no longer holds.
        var staleArticles: [String] = []
        /// The file was indexed before by another tagger, so it was read and tagged again.
        var retagged = false

        /// What happened, for the log.
        var fate: String {
            if unchanged { return fingerprint == nil ? "unchanged (size and time)" : "unchanged (same content, new time)" }
            if fingerprint == nil { return "skipped" }
            return "indexed \(fingerprint?.articles.count ?? 0) articles"
        }
    }

    /// What the reading stage hands the writing stage.
    enum Item: Sendable {
        /// An article, with its documents when the reading stage built them.
        case article(PreparedArticle, BuiltDocuments?)
        case fileDone(FileOutcome)
    }

    let options: IndexingOptions
    let jobs: [FileJob]

    /// Runs the reading stage on a worker thread (or inline when `concurrent` is false) and
    /// feeds every item to `consume` on the caller's thread, in order.
    /// - Parameter consume: returns false to stop the run early.
    func run(concurrent: Bool, consume: (Item) throws(XapianError) -> Bool) throws(XapianError) {
        guard concurrent else {
            var failure: XapianError?
            let reader = FileReadingStage(options: options, buildDocuments: false)
            for job in jobs {
                let goOn = reader.process(job) { item in
                    do throws(XapianError) {
                        return try consume(item)
                    } catch {
                        failure = error
                        return false
                    }
                }
                if let failure { throw failure }
                if !goOn { break }
            }
            return
        }

        let queue = BoundedQueue<Item>(capacity: options.queueCapacity)
        let finished = DispatchSemaphore(value: 0)
        let (options, jobs) = (self.options, self.jobs)
        let thread = Thread {
            // Term generation needs no database (the writer counts spellings when it adds a
            // document), so it runs here, beside the tagger, while the writer writes.
            let reader = FileReadingStage(options: options, buildDocuments: true)
            for job in jobs where reader.process(job, emit: queue.push) == false { break }
            queue.close()
            finished.signal()
        }
        thread.name = "dossier-index-reader"
        thread.stackSize = 8 << 20
        thread.start()
        defer {
            queue.cancel()
            finished.wait()
        }
        while let item = queue.pop() {
            if try !consume(item) { break }
        }
    }
}

/// The reading stage: turns one file into prepared articles and a file outcome.
struct FileReadingStage {
    let options: IndexingOptions
    let preparer = DocumentPreparer()
    /// Builds documents on this stage's thread (term generation is a fifth of Xapian's work);
    /// nil leaves it to the writer.
    let builder: DocumentBuilder?

    init(options: IndexingOptions, buildDocuments: Bool) {
        self.options = options
        builder = buildDocuments ? try? DocumentBuilder(positions: options.positions) : nil
    }
    /// Bytes read per chunk from line-record files, unless `IndexingOptions.lineChunkSize` says
    /// otherwise.
    static let chunkSize = 4 << 20

    typealias Item = IndexingPipeline.Item

    /// Processes `job`, handing each item to `emit`.
    /// - Returns: false as soon as `emit` does (the writer stopped).
    func process(_ job: IndexingPipeline.FileJob, emit: (Item) -> Bool) -> Bool {
        var outcome = IndexingPipeline.FileOutcome(job: job)
        let path = job.entry.path
        let reader = options.reader ?? job.entry.format.reader
        let isStandardInput = job.entry.isStandardInput
        let attributes = isStandardInput ? nil : try? FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes?[.size] as? NSNumber)?.intValue ?? -1
        let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        // A file tagged by another tagger (another model, gazetteer or rules) is read and
        // tagged again though its bytes are the same; its stored article list still tells
        // which articles it no longer holds.
        let taggedAlike = job.stored?.tagger == options.tagger.fingerprint
        let stored = taggedAlike ? job.stored : nil
        outcome.retagged = job.stored != nil && !taggedAlike
        if let stored, !isStandardInput, stored.size == size, stored.modified == modified {
            outcome.unchanged = true
            return emit(.fileDone(outcome))
        }
        let absolute = isStandardInput ? "-" : URL(fileURLWithPath: path).standardizedFileURL.path
        var ids: [String] = []
        var stopped = false
        func send(_ read: consuming Article) {
            guard !stopped else { return }
            let (article, problem) = PassageLimit.apply(consume read, path: path)
            if let problem { outcome.problems.append(problem) }
            ids.append(article.id)
            // Window by window: a very long article reaches the writer in parts, each written
            // before the next is tagged, so what is in flight stays bounded (`TaggingWindow`).
            var isFirstPart = true
            TaggingWindow.forEachWindow(
                of: article, with: options.tagger, defaultPublished: options.defaultPublished,
                maximumBytes: options.taggingWindowBytes
            ) {
                tagged in
                var prepared = preparer.prepare(tagged)
                prepared.continuesArticle = !isFirstPart
                isFirstPart = false
                var built: BuiltDocuments? = nil
                if let builder, let documents = try? prepared.passages.map({ (passage) throws(XapianError) in try builder.build(passage) }) {
                    built = BuiltDocuments(documents)
                }
                if !emit(.article(prepared, built)) { stopped = true }
                return !stopped
            }
        }

        /// Reports why the file was not indexed and ends it: no fingerprint is stored, so the
        /// next run tries again.
        func skipFile(_ message: String) -> Bool {
            outcome.problems.append(ReadProblem(file: path, message: message, severity: .skipped))
            return emit(.fileDone(outcome))
        }

        let hash: String
        // Line-record files stream, so their size does not matter; a gzip-compressed one is
        // inflated as it is read. Standard input (which cannot be read twice) and UTF-16/32
        // (converted first) are read whole below; so is a file whose head cannot be read
        // (a corrupt gzip header included), to get the error every format reports.
        if let lineReader = reader as? any LineRecordReader, !isStandardInput,
           let (head, gzipped) = try? Self.head(of: path), TextDecoding.MarkedEncoding(bom: head) == nil {
            do throws(IndexerError) {
                try TextDecoding.checkNotBinary(head, path: path)
            } catch {
                return skipFile(Self.message(error, path: path))
            }
            var context = LineRecordContext(
                path: path, identity: job.entry.identity, maximumRecordBytes: options.maximumRecordBytes)
            do {
                if let stored, try Self.hashOfFile(path) == stored.hash {
                    return emit(.fileDone(Self.touched(outcome, stored, modified: modified, absolute: absolute)))
                }
                hash = try streamLines(of: path, gzipped: gzipped, with: lineReader, context: &context, stopped: { stopped }, send)
            } catch is StoppedReading {
                return false
            } catch let error as IndexerError {
                // Corrupt or truncated gzip data found part-way through the file.
                outcome.problems.append(contentsOf: context.problems)
                return skipFile(Self.message(error, path: path))
            } catch {
                outcome.problems.append(contentsOf: context.problems)
                return skipFile("cannot read: \(SystemIO.reason(of: error))")
            }
            outcome.problems.append(contentsOf: context.problems)
            do throws(IndexerError) {
                try context.checkNotEmpty()
            } catch {
                return skipFile(Self.message(error, path: path))
            }
        } else {
            // The file's bytes and the articles as read are let go as soon as they are used:
            // for a file that is one enormous line each is a copy of the whole file.
            var articles: [Article] = []
            let limit = options.maximumRecordBytes
            // A file that is one record (HTML, text, Markdown) is refused over the record
            // limit before it is loaded, unless it is the unchanged file an earlier run with a
            // higher limit indexed.
            let wholeDocument = reader.parsesWholeDocument
            func refuseDocument(of bytes: Int) -> Bool {
                skipFile(LineRecordContext.overLimit("the document is \(bytes) bytes", limit: limit))
            }
            if wholeDocument, !isStandardInput, size > limit, !Self.isGzipFile(path) {
                if let stored, (try? Self.hashOfFile(path)) == stored.hash {
                    return emit(.fileDone(Self.touched(outcome, stored, modified: modified, absolute: absolute)))
                }
                return refuseDocument(of: size)
            }
            do {
                var source: SourceFile
                do {
                    source = try job.entry.load()
                } catch {
                    return skipFile(Self.message(error, path: path))
                }
                hash = IndexSchema.stableHash(source.data)
                if let stored, stored.hash == hash {
                    return emit(.fileDone(Self.touched(outcome, stored, modified: modified, absolute: absolute)))
                }
                let result: ReadResult
                do throws(IndexerError) {
                    if wholeDocument, Gzip.isGzip(source.data) {
                        // Inflated only up to the limit, so a small .html.gz that expands to
                        // gigabytes is refused without being held.
                        guard let inflated = try Gzip.decompress(source.data, path: path, maximumBytes: limit) else {
                            return skipFile(LineRecordContext.overLimit(
                                "the document inflates to more than \(LineRecordContext.mebibytes(limit))", limit: limit))
                        }
                        source = SourceFile(path: source.path, identity: source.identity, data: inflated)
                    } else if wholeDocument, source.data.count > limit {
                        return refuseDocument(of: source.data.count)  // standard input: no size before it is read
                    }
                    result = try reader.read(source, maximumRecordBytes: limit)
                } catch {
                    return skipFile(Self.message(error, path: path))
                }
                outcome.problems.append(contentsOf: result.problems)
                articles = result.articles.reversed()
            }
            while let article = articles.popLast() { send(consume article) }
        }
        if stopped { return false }
        let kept = Set(ids)
        outcome.staleArticles = (job.stored?.articles ?? []).filter { !kept.contains($0) }
        outcome.fingerprint = IndexingRun.Fingerprint(
            path: absolute, size: size, modified: modified, hash: hash, articles: ids, tagger: options.tagger.fingerprint)
        return emit(.fileDone(outcome))
    }

    /// Touched but not changed: remember the new mtime so the next run skips it cheaply.
    private static func touched(
        _ outcome: IndexingPipeline.FileOutcome, _ stored: IndexingRun.Fingerprint, modified: Double, absolute: String
    ) -> IndexingPipeline.FileOutcome {
        var outcome = outcome
        var refreshed = stored
        refreshed.modified = modified
        refreshed.path = absolute
        outcome.unchanged = true
        outcome.fingerprint = refreshed
        return outcome
    }

    // MARK: - Line-record files, in chunks

    /// Thrown out of a chunked read when the writer has stopped.
    private struct StoppedReading: Error {}

    /// Reads a line-record file chunk by chunk, sending each article as its line is read;
    /// returns the file's hash (the same as `IndexSchema.stableHash` of the whole file, so a
    /// file stays unchanged whichever way it was read). Problems go to `context`.
    /// - Throws: `StoppedReading` as soon as `stopped` says the writer stopped (Ctrl-C), so
    ///   the rest of a large file is not read for nothing.
    private func streamLines(
        of path: String, gzipped: Bool, with reader: any LineRecordReader, context: inout LineRecordContext,
        stopped: () -> Bool, _ send: (Article) -> Void
    ) throws -> String {
        let bytes = try FileBytes(path: path, gunzip: gzipped)
        try Self.forEachChunk(
            of: bytes, chunkSize: options.lineChunkSize, maximumLine: options.maximumRecordBytes,
            oversized: { line, bytes in context.skipOversized(line: line, bytes: bytes) }
        ) { chunk, isLast, nextLine in
            if stopped() { throw StoppedReading() }
            return LineSplitter.forEachCompleteLine(in: chunk.pending, firstNumber: nextLine, includeLast: isLast) {
                line, number in
                if let article = reader.parse(line: line, number: number, context: &context) { send(article) }
            }
        }
        return try bytes.finishHash()
    }

    /// The first `TextDecoding.sniffLength` bytes of a file's text (all of a shorter one), and
    /// whether the file is gzip-compressed (then the head is of what it inflates to): enough
    /// to tell binary data and byte-order marks apart from text before streaming it.
    static func head(of path: String) throws -> (head: Data, gzipped: Bool) {
        let raw = try FileBytes(path: path, gunzip: false).prefix(TextDecoding.sniffLength)
        guard Gzip.isGzip(raw) else { return (raw, false) }
        return (try FileBytes(path: path, gunzip: true).prefix(TextDecoding.sniffLength), true)
    }

    /// Whether the file at `path` starts with the gzip magic bytes (false when it cannot be read:
    /// loading it then reports why).
    static func isGzipFile(_ path: String) -> Bool {
        Gzip.isGzip((try? FileBytes(path: path, gunzip: false).prefix(2)) ?? Data())
    }

    /// The stable hash of a file's bytes, read in chunks.
    static func hashOfFile(_ path: String) throws -> String {
        let bytes = try FileBytes(path: path, gunzip: false)
        return try bytes.finishHash()
    }

    /// What `forEachChunk` shows its body: every byte not yet consumed (the unfinished line
    /// of the previous chunk followed by the bytes just read).
    struct Chunk {
        var pending: UnsafeRawBufferPointer
    }

    /// Reads `bytes` in chunks of `chunkSize` (growing only for a longer line).
    ///
    /// A line that grows past `maximumLine` bytes is not held any longer: `oversized` is told
    /// its number and the bytes seen of it, the rest of it is read (for the hash) and
    /// dropped, and the body next sees the line after it. So the buffer never grows much past
    /// `maximumLine` plus one chunk, whatever the file.
    /// - Parameter body: given the chunk, whether it is the last, and the number of the next
    ///   line; returns the bytes consumed and the next line number.
    static func forEachChunk(
        of bytes: FileBytes, chunkSize: Int = FileReadingStage.chunkSize, maximumLine: Int = .max,
        oversized: (_ line: Int, _ bytesSeen: Int) -> Void = { _, _ in },
        _ body: (Chunk, Bool, Int) throws -> (consumed: Int, nextNumber: Int)
    ) throws {
        var capacity = max(1, chunkSize)
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        var filled = 0
        var nextLine = 1
        var skipping: (line: Int, seen: Int)?  // an oversized line being read past
        while true {
            if filled == capacity {  // one line longer than the buffer: grow it
                let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity * 2, alignment: 16)
                bigger.copyMemory(from: UnsafeRawBufferPointer(buffer))
                buffer.deallocate()
                buffer = bigger
                capacity *= 2
            }
            let n = try bytes.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            let isLast = n == 0
            var start = 0  // where the bytes still to be split into lines begin
            if let skipped = skipping {
                // filled is 0 here: the oversized line's bytes were dropped.
                if let found = memchr(buffer.baseAddress!, 0x0A, n) {
                    start = buffer.baseAddress!.distance(to: UnsafeMutableRawPointer(found)) + 1
                    oversized(skipped.line, skipped.seen + start - 1)
                    skipping = nil
                    nextLine = skipped.line + 1
                } else if isLast {
                    oversized(skipped.line, skipped.seen)
                    skipping = nil
                    nextLine = skipped.line + 1
                } else {
                    skipping!.seen += n
                    start = n
                }
            }
            let chunk = Chunk(
                pending: UnsafeRawBufferPointer(start: buffer.baseAddress! + start, count: filled + n - start))
            filled += n
            let (consumed, next) = try body(chunk, isLast, nextLine)
            nextLine = next
            if isLast { return }
            let used = start + consumed
            if used > 0 {
                if filled > used { memmove(buffer.baseAddress!, buffer.baseAddress! + used, filled - used) }
                filled -= used
            }
            if skipping == nil && filled > maximumLine {
                // No newline in the rest: it is one unfinished line, already too long to keep.
                skipping = (nextLine, filled)
                filled = 0
            }
        }
    }

    // MARK: - Messages

    private static func message(_ error: IndexerError, path: String) -> String {
        let text = error.description
        let prefix = path + ": "
        return text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    }

}
