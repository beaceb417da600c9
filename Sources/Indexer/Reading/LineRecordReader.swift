import Foundation
import NewsModel

/// A format with one record per line (JSON Lines).
///
/// The indexing pipeline reads such files in fixed-size chunks and hands each line to
/// `parse(line:number:context:)`, so a file of any size is indexed in constant memory;
/// `read(_:)` (whole file in memory) is provided for everything else. Both go through the
/// same per-line code and the same per-file `LineRecordContext`, so a file gives the same
/// articles and problems whichever way it is read.
///
/// The pipeline streams files, gzip-compressed ones (`.jsonl.gz`) included; standard input
/// and UTF-16/32 files are read whole with `read(_:maximumRecordBytes:)`.
public protocol LineRecordReader: ArticleReader {
    /// The article in one line.
    ///
    /// Blank lines never get here, nor a line's trailing CR or the file's UTF-8 BOM (see
    /// `parse(line:number:context:)`).
    /// - Parameters:
    ///   - line: the line's bytes, without the line end.
    ///   - number: the 1-based line number.
    ///   - context: the file being read, where warnings go and what earlier lines left.
    /// - Returns: the article, or nil for a line that holds none and is no problem.
    /// - Throws: `IndexerError.malformed` for a bad record: its reason is reported as
    ///   `path:line: reason` and the line skipped, and reading goes on.
    func article(line: UnsafeRawBufferPointer, number: Int, context: inout LineRecordContext) throws(IndexerError) -> Article?
}

/// One file as a `LineRecordReader` reads it: its names, the problems its lines have had so
/// far, and the per-file state one line may need from the lines before it.
///
/// A reader reads lines one at a time and may never hold the whole file, so anything that
/// spans lines (duplicate ids, warnings) lives here, not in the reader.
public struct LineRecordContext: Sendable {
    /// The file as the user named it (`SourceFile.path`).
    public let path: String
    /// The file's identity in the index (`SourceFile.identity`).
    public let identity: String
    /// Warnings and skipped lines, in line order.
    public private(set) var problems: [ReadProblem] = []
    /// Articles read so far.
    public private(set) var articleCount = 0
    /// The most bytes a line may have (`IndexingOptions.maximumRecordBytes`); a longer one
    /// is skipped with `oversizedReason(bytes:)`.
    public let maximumRecordBytes: Int
    /// Each article id used so far in this file, with the line that used it.
    private var lineOfID: [String: Int] = [:]

    /// Creates the context of a file about to be read.
    public init(path: String, identity: String, maximumRecordBytes: Int = IndexingOptions.defaultMaximumRecordBytes) {
        self.path = path
        self.identity = identity
        self.maximumRecordBytes = maximumRecordBytes
    }

    /// Reports a line longer than `maximumRecordBytes` as not indexed: the one message for
    /// such a line, whether the streaming pipeline stopped holding it or a whole-file read
    /// met it. `bytes` is its length.
    mutating func skipOversized(line: Int, bytes: Int) {
        skip(line: line, because: Self.overLimit("record is \(Self.mebibytes(bytes))", limit: maximumRecordBytes))
    }

    /// The one wording for a record (a line, or a document read whole) over the record-size
    /// limit: `subject` says what and how long, `limit` is `IndexingOptions.maximumRecordBytes`.
    static func overLimit(_ subject: String, limit: Int) -> String {
        "\(subject), longer than a record may be (\(mebibytes(limit))); not indexed: raise the limit with `dossier index --max-record-size`"
    }

    /// `bytes` as the user would write it to `--max-record-size`.
    static func mebibytes(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }

    /// Reports something on `line` that did not stop its record being indexed.
    public mutating func warn(_ message: String, line: Int) {
        problems.append(ReadProblem(file: path, line: line, message: message, severity: .warning))
    }

    /// The article id of the record on `line`: `Article.recordID` of its own `id`, or
    /// `Article.lineID` when it has none or an earlier line of this file used the same `id`
    /// (with a warning): two records of one file must not overwrite each other in the index.
    public mutating func uniqueID(_ id: String?, line: Int) -> String {
        guard let id else { return Article.lineID(file: identity, line: line) }
        var unique = Article.recordID(file: identity, record: id)
        if let earlier = lineOfID[unique] {
            unique = Article.lineID(file: identity, line: line)
            warn("id `\(id)` already used on line \(earlier); this record is indexed as `\(unique)`", line: line)
        }
        lineOfID[unique] = line
        return unique
    }

    /// Counts an article read.
    mutating func countArticle() { articleCount += 1 }

    /// Reports a skipped line.
    mutating func skip(line: Int, because reason: String) {
        problems.append(ReadProblem(file: path, line: line, message: reason, severity: .skipped))
    }

    /// Throws `.empty` when the whole file gave no article and no problem (it had only
    /// blank lines), as every other format does for a file with nothing to index.
    public func checkNotEmpty() throws(IndexerError) {
        if articleCount == 0 && problems.isEmpty { throw .empty(path: path) }
    }
}

extension LineRecordReader {
    /// Reads every line of `file` (for callers that hold the whole file: standard input,
    /// gzip-compressed files, tests). Gunzips, refuses binary data and blank files as every
    /// reader does (`TextDecoding.textBytes`), and throws `.empty` when no line held an
    /// article or a problem.
    public func read(_ file: SourceFile) throws(IndexerError) -> ReadResult {
        try read(file, maximumRecordBytes: IndexingOptions.defaultMaximumRecordBytes)
    }

    /// `read(_:)` with lines longer than `maximumRecordBytes` skipped and reported.
    public func read(_ file: SourceFile, maximumRecordBytes: Int) throws(IndexerError) -> ReadResult {
        let data = try TextDecoding.textBytes(of: file)
        var context = LineRecordContext(path: file.path, identity: file.identity, maximumRecordBytes: maximumRecordBytes)
        var articles: [Article] = []
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            LineSplitter.forEachLine(in: buffer, firstNumber: 1) { line, number in
                if let article = parse(line: line, number: number, context: &context) { articles.append(article) }
            }
        }
        try context.checkNotEmpty()
        return ReadResult(articles: articles, problems: context.problems)
    }

    /// Reads one line of a file: the one place lines are turned into articles, for the
    /// streaming pipeline and `read(_:)` alike.
    ///
    /// Drops the UTF-8 BOM at the start of line 1 and a CR before the newline (files from
    /// Windows), ignores blank lines (spaces, tabs, form feeds: what `TextDecoding` counts as
    /// blank, so a file of blank lines is `.empty` either way), and turns a thrown record
    /// error into a skipped-line problem in `context`.
    /// - Returns: the line's article, or nil (blank line, line skipped).
    public func parse(line: UnsafeRawBufferPointer, number: Int, context: inout LineRecordContext) -> Article? {
        var line = line
        if number == 1 && line.starts(with: [0xEF, 0xBB, 0xBF]) { line = UnsafeRawBufferPointer(rebasing: line.dropFirst(3)) }
        if line.last == 0x0D { line = UnsafeRawBufferPointer(rebasing: line.dropLast()) }
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0C || $0 == 0x0D }) { return nil }
        if line.count > context.maximumRecordBytes {
            context.skipOversized(line: number, bytes: line.count)
            return nil
        }
        do throws(IndexerError) {
            guard let article = try article(line: line, number: number, context: &context) else { return nil }
            context.countArticle()
            return article
        } catch {
            context.skip(line: number, because: Self.reason(error))
            return nil
        }
    }

    /// The message of a record error without its `path:line:` prefix.
    static func reason(_ error: IndexerError) -> String {
        if case let .malformed(_, _, reason) = error { return reason }
        return error.description
    }
}

/// Splits bytes into lines with `memchr` (scanning `Data` byte by byte through its Collection
/// API costs a dynamic exclusivity check per byte; xapian-notes.md §14).
enum LineSplitter {
    /// Calls `body` with each complete line of `buffer` (a last line without a newline
    /// included) and its 1-based number.
    static func forEachLine(in buffer: UnsafeRawBufferPointer, firstNumber: Int, _ body: (UnsafeRawBufferPointer, Int) -> Void) {
        _ = forEachCompleteLine(in: buffer, firstNumber: firstNumber, includeLast: true, body)
    }

    /// Calls `body` for each newline-terminated line (and the unterminated tail when
    /// `includeLast`).
    /// - Returns: the bytes consumed and the number of the next line.
    static func forEachCompleteLine(
        in buffer: UnsafeRawBufferPointer, firstNumber: Int, includeLast: Bool, _ body: (UnsafeRawBufferPointer, Int) -> Void
    ) -> (consumed: Int, nextNumber: Int) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return (0, firstNumber) }
        var start = 0
        var number = firstNumber
        while start < buffer.count {
            let rest = buffer.count - start
            guard let found = memchr(base + start, 0x0A, rest) else {
                if includeLast {
                    body(UnsafeRawBufferPointer(start: base + start, count: rest), number)
                    return (buffer.count, number + 1)
                }
                return (start, number)
            }
            let end = base.distance(to: UnsafeRawPointer(found))
            body(UnsafeRawBufferPointer(start: base + start, count: end - start), number)
            number += 1
            start = end + 1
        }
        return (start, number)
    }
}
