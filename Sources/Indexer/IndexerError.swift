import Output
import XapianStore

/// Why indexing, or reading one input, failed.
public enum IndexerError: Error, Equatable, CustomStringConvertible {
    /// The path does not exist or cannot be read.
    case unreadable(path: String, reason: String)
    /// The file's contents are not valid for its format.
    case malformed(path: String, line: Int?, reason: String)
    /// The file looks like binary data, not text.
    case binary(path: String)
    /// The file looks like UTF-16 or UTF-32 text (`encoding`, e.g. `UTF-16LE`) but has no
    /// byte-order mark to say so.
    case unmarkedUnicode(path: String, encoding: String)
    /// The file has no articles in it.
    case empty(path: String)
    /// No reader handles this kind of file.
    case unsupportedFormat(path: String, hint: String)
    /// The index was written with another schema version (`IndexSchema.version`) and must be
    /// rebuilt.
    case incompatibleIndex(path: String, version: String)
    /// `--shards` asked for `requested` shards and the index at `path` has `stored`: an
    /// existing index keeps its shard count.
    case shardCount(path: String, stored: Int, requested: Int)
    /// The index's stub file lists `shard`, which is not a database on this machine (a remote
    /// shard, or a line Dossier does not read), so Dossier cannot write it.
    case unwritableShard(path: String, shard: String)
    /// The output of `dossier compact` exists already.
    case outputExists(path: String)
    /// The index could not be opened or written.
    case store(XapianError)
    /// The run was interrupted (Ctrl-C) after committing what was done.
    case interrupted

    /// One line for the user: what is wrong, where, and what to do.
    public var description: String {
        switch self {
        case let .unreadable(path, reason): return "\(path): cannot read: \(reason)"
        case let .malformed(path, line, reason):
            return line.map { "\(path):\($0): \(reason)" } ?? "\(path): \(reason)"
        case let .binary(path): return "\(path): looks like binary data, not text; skipped"
        case let .unmarkedUnicode(path, encoding):
            let family = encoding.hasPrefix("UTF-32") ? "UTF-32" : "UTF-16"
            let order = encoding.hasSuffix("LE") ? "little-endian" : "big-endian"
            return "\(path): looks like \(family) (\(order)) without a byte-order mark; convert it to UTF-8 "
                + "(`iconv -f \(encoding) -t UTF-8 FILE`) or save it with a byte-order mark; skipped"
        case let .empty(path): return "\(path): no text in the file; skipped"
        case let .unsupportedFormat(path, hint): return "\(path): \(hint)"
        case let .incompatibleIndex(path, version):
            return "the index at \(path) has schema version \(version) and this dossier writes version \(IndexSchema.version); "
                + "rebuild it: `dossier index PATH... --rebuild --index \(path)`"
        case let .shardCount(path, stored, requested):
            let has = stored == 1 ? "one shard" : "\(stored) shards"
            return "the index at \(path) has \(has) and --shards \(requested) asks for \(requested); an existing index keeps its shard count: "
                + "leave out --shards, rebuild it (`dossier index PATH... --rebuild --shards \(requested) --index \(path)`) "
                + "or re-split it (`dossier compact --index \(path) --output NEW --shards \(requested)`)"
        case let .unwritableShard(path, shard):
            return "the index at \(path) lists the shard `\(shard)`, which is not a database on this machine; "
                + "dossier writes only local shards: index into the machine that serves it, or give --index a local index"
        case let .outputExists(path):
            return "\(path) exists already; give --output a new directory (the compacted index is written there whole)"
        case let .store(error): return error.description
        case .interrupted: return "interrupted; everything indexed before the interruption is committed"
        }
    }
}

extension IndexerError: CategorisedError {
    /// What kind of failure this is (a store error inside: the store's category). The one
    /// place that says it, so the CLI maps only categories to exit codes.
    public var category: ErrorCategory {
        switch self {
        case let .store(inner): return inner.category
        case .unreadable, .incompatibleIndex: return .noInput
        case .shardCount, .unwritableShard, .outputExists: return .badQuery
        case .interrupted: return .interrupted
        case .malformed, .binary, .unmarkedUnicode, .empty, .unsupportedFormat: return .ioError
        }
    }
}
