import Foundation

/// What an indexing run did, for the closing summary and `--json`.
public struct IndexSummary: Sendable, Equatable, Codable {
    /// Files examined.
    public var files = 0
    /// Files whose content had not changed since the last run (not re-read, not re-tagged).
    public var unchangedFiles = 0
    /// Files read and tagged again though their content had not changed, because the tagger
    /// (its rules, model or gazetteer) is not the one that tagged them.
    public var retaggedFiles = 0
    /// Articles (re)written.
    public var articles = 0
    /// Passages (re)written.
    public var passages = 0
    /// Articles removed because their files are gone (`--prune`) or they left a changed file.
    public var removedArticles = 0
    /// Files or records not indexed, with the reason.
    public var skipped: [Problem] = []
    /// Indexed anyway, but worth knowing (e.g. invalid UTF-8 replaced).
    public var warnings: [Problem] = []
    /// True when the run stopped early (Ctrl-C) after committing what it had done.
    public var interrupted = false
    /// Wall-clock seconds.
    public var seconds = 0.0
    /// Passages in the index after the run.
    public var indexPassages = 0

    enum CodingKeys: String, CodingKey {
        case files, unchangedFiles = "unchanged_files", retaggedFiles = "retagged_files", articles, passages, removedArticles = "removed_articles"
        case skipped, warnings, interrupted, seconds, indexPassages = "index_passages"
    }

    /// A reported problem, flattened for output.
    public struct Problem: Sendable, Equatable, Codable, CustomStringConvertible {
        /// The file.
        public var file: String
        /// The 1-based line, when known.
        public var line: Int?
        /// What is wrong.
        public var message: String
        /// `file:line: message`.
        public var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
    }

    /// Creates an empty summary.
    public init() {}

    mutating func record(_ problem: ReadProblem) {
        let flat = Problem(file: problem.file, line: problem.line, message: problem.message)
        if problem.severity == .skipped { skipped.append(flat) } else { warnings.append(flat) }
    }
}

/// Progress of a running index, reported after each file.
public struct IndexProgress: Sendable {
    /// Files done so far.
    public var filesDone: Int
    /// Files in the run.
    public var filesTotal: Int
    /// Passages written so far.
    public var passages: Int
    /// Seconds since the start.
    public var elapsed: Double
}
