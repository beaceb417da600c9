import Foundation

/// A format with one record per line (JSON Lines).
///
/// The indexing pipeline reads such files in fixed-size chunks and hands each line here, so a
/// file of any size is indexed in constant memory; `read(_:)` (whole file in memory) is
/// provided for everything else.
public protocol LineRecordReader: ArticleReader {
    /// The article in one line, or nil for a line to ignore (blank).
    /// - Parameters:
    ///   - line: the line's bytes, without the newline.
    ///   - number: the 1-based line number.
    ///   - path: the file as the user named it.
    /// - Throws: `IndexerError.malformed` for a bad record: it is reported as `path:line` and
    ///   skipped, and reading goes on.
    func article(line: UnsafeRawBufferPointer, number: Int, path: String) throws(IndexerError) -> Article?
}

extension LineRecordReader {
    /// Reads every line of `file` (for callers that hold the whole file).
    public func read(_ file: SourceFile) throws(IndexerError) -> ReadResult {
        var result = ReadResult(articles: [])
        file.data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            LineSplitter.forEachLine(in: buffer, firstNumber: 1) { line, number in
                do throws(IndexerError) {
                    if let article = try self.article(line: line, number: number, path: file.path) {
                        result.articles.append(article)
                    }
                } catch {
                    result.problems.append(ReadProblem(file: file.path, line: number, message: Self.reason(error), severity: .skipped))
                }
            }
        }
        return result
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
