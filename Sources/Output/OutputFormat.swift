/// The one output format vocabulary of every command that prints results (`search`, `count`,
/// `batch`, `actors`, `stats`, `index`) and of the server. Each kind of result accepts the
/// subset that makes sense for it (`ResultKind.formats`), checked in one place
/// (`OutputFormat.check(for:)`); structured formats carry `OutputFormat.version`.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Human-readable, with highlights in bold on a terminal.
    case text
    /// One JSON document with `format_version` (`Docs/output-schema.md`).
    case json
    /// One JSON object per line (JSON Lines).
    case jsonl
    /// RFC 4180 CSV with a header row; spreadsheet-safe.
    case csv
    /// Tab-separated values.
    case tsv
    /// A Markdown table, for notes.
    case markdown

    /// The version of the structured output schema (`Docs/output-schema.md`), written as
    /// `format_version` in every JSON document and JSON Lines row. Bumped when a field is renamed
    /// or removed, or its meaning changes; adding a field does not bump it.
    public static let version = 1

    /// The media type a document in this format is served as (`dossier serve`).
    public var mediaType: String {
        switch self {
        case .json: return "application/json; charset=utf-8"
        case .jsonl: return "application/x-ndjson; charset=utf-8"
        case .csv: return "text/csv; charset=utf-8; header=present"
        case .tsv: return "text/tab-separated-values; charset=utf-8"
        case .markdown: return "text/markdown; charset=utf-8"
        case .text: return "text/plain; charset=utf-8"
        }
    }

    /// The usual file name extension of a document in this format (downloads, `--output`).
    public var fileExtension: String {
        switch self {
        case .markdown: return "md"
        case .text: return "txt"
        case .json, .jsonl, .csv, .tsv: return rawValue
        }
    }

    /// Whether a document in this format has room for the summary of a result (the total,
    /// whether it is exact, the `--any` hint). The formats of rows only (CSV, TSV, JSON Lines)
    /// have none, so front ends give such notes on standard error instead.
    public var carriesSummary: Bool {
        switch self {
        case .text, .json, .markdown: return true
        case .jsonl, .csv, .tsv: return false
        }
    }

    /// `self` if `kind` can be written in it; otherwise an error naming the formats it can.
    @discardableResult
    public func check(for kind: ResultKind) throws(OutputFormatError) -> OutputFormat {
        guard kind.formats.contains(self) else { throw OutputFormatError(format: self, kind: kind) }
        return self
    }
}

/// What a command prints: each kind has its own set of output formats.
public enum ResultKind: String, Sendable, CaseIterable {
    /// Search hits (`dossier search`, `/api/search`, `/api/export`).
    case hits
    /// Counts and count tables (`dossier count`, `/api/count`).
    case counts
    /// One row per query of a watch list (`dossier batch`, `/api/batch`).
    case batchRows = "batch rows"
    /// The actor list (`dossier actors`).
    case actors
    /// What an index holds (`dossier stats`, `/api/stats`).
    case statistics
    /// What an indexing run did (`dossier index`).
    case indexSummary = "index summary"
    /// The shards of an index and whether each answers (`dossier shards`).
    case shardList = "shard lists"

    /// The formats this kind can be written in, the default first.
    public var formats: [OutputFormat] {
        switch self {
        case .hits, .actors: return OutputFormat.allCases
        case .counts: return [.text, .json, .csv, .tsv]
        case .batchRows: return [.tsv, .csv, .jsonl]
        case .statistics, .indexSummary, .shardList: return [.text, .json]
        }
    }

    /// The format used when none is chosen.
    public var defaultFormat: OutputFormat { formats[0] }
}

/// A format chosen for a kind of result that cannot be written in it.
public struct OutputFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The format asked for.
    public var format: OutputFormat
    /// What was to be written.
    public var kind: ResultKind

    /// The error for `format` chosen for `kind`.
    public init(format: OutputFormat, kind: ResultKind) {
        self.format = format
        self.kind = kind
    }

    /// `--format markdown: counts are written as text, json, csv or tsv`.
    public var description: String {
        let names = kind.formats.map(\.rawValue)
        return "--format \(format.rawValue): \(kind.rawValue) are written as "
            + names.dropLast().joined(separator: ", ") + " or " + names.last!
    }
}
