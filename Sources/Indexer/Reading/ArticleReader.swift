import Foundation
import NewsModel

/// The bytes of one input file and the names it goes by.
public struct SourceFile: Sendable {
    /// The path as the user named it (or `-` for standard input); used in messages and output.
    public var path: String
    /// The stable identity of the file within the index (path relative to the indexed
    /// root's parent, e.g. `seeds/000_x.txt`). Single-article readers use it as the article id.
    public var identity: String
    /// The file's contents.
    public var data: Data

    /// Creates a source file.
    public init(path: String, identity: String, data: Data) {
        self.path = path
        self.identity = identity
        self.data = data
    }
}

/// Something a reader noticed in a file that the user should hear about.
public struct ReadProblem: Sendable, Equatable, CustomStringConvertible {
    /// Whether the problem cost data.
    public enum Severity: String, Sendable, Codable {
        /// Indexed anyway (for example invalid UTF-8 replaced by U+FFFD).
        case warning
        /// The record or file was not indexed.
        case skipped
    }
    /// The file, as the user named it.
    public var file: String
    /// The 1-based line, where one applies.
    public var line: Int?
    /// What is wrong and, where it helps, what to do.
    public var message: String
    /// Whether anything was lost.
    public var severity: Severity

    /// Creates a problem report.
    public init(file: String, line: Int? = nil, message: String, severity: Severity) {
        self.file = file
        self.line = line
        self.message = message
        self.severity = severity
    }

    /// `file:line: message`, the form compilers use, so editors can jump to it.
    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}

/// What a reader got out of one file.
public struct ReadResult: Sendable, Equatable {
    /// The articles read, in file order.
    public var articles: [Article]
    /// Warnings and skipped records.
    public var problems: [ReadProblem]

    /// Creates a result.
    public init(articles: [Article], problems: [ReadProblem] = []) {
        self.articles = articles
        self.problems = problems
    }
}

/// Turns the bytes of one file into articles.
///
/// A reader never throws for a single bad record in a multi-record file: it reports the
/// record as a `ReadProblem` and goes on. It throws `IndexerError` only when the whole file
/// cannot be read as its format.
public protocol ArticleReader: Sendable {
    /// Reads every article in `file`.
    func read(_ file: SourceFile) throws(IndexerError) -> ReadResult

    /// True when a file of this format is one article read whole (HTML through libxml2, a
    /// text or Markdown file), so it is one record: a file, or what a `.gz` inflates to, longer
    /// than `IndexingOptions.maximumRecordBytes` is refused and reported, not read, which keeps
    /// the memory of a run bounded whatever the input.
    var parsesWholeDocument: Bool { get }

    /// Reads every article in `file`, where a format of many records per file skips and
    /// reports each record longer than `maximumRecordBytes` (a JSON-lines line, an SGML
    /// story) instead of parsing it. What the indexing pipeline calls.
    func read(_ file: SourceFile, maximumRecordBytes: Int) throws(IndexerError) -> ReadResult
}

extension ArticleReader {
    /// Formats of many articles per file (JSON lines, SGML, passage files) are not one record.
    public var parsesWholeDocument: Bool { false }

    /// A format without records of its own (one article per file, or passage lines) reads
    /// the file as `read(_:)` does.
    public func read(_ file: SourceFile, maximumRecordBytes: Int) throws(IndexerError) -> ReadResult {
        try read(file)
    }
}
