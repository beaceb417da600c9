import Foundation
import Output

/// Writes a `ShardList`: `dossier shards` (text or `--format json`).
public enum ShardListWriter {
    /// The JSON document: `format_version`, `index`, `stub` and `shards` (`Docs/output-schema.md`).
    public static func json(_ list: ShardList) throws -> String {
        JSONStyle.document(try JSONStyle.object(list), layout: .pretty)
    }

    /// The list in `format` (`ResultKind.shardList`: text or json).
    public static func write(_ list: ShardList, as format: OutputFormat, to sink: OutputSink) throws {
        switch try format.check(for: .shardList) {
        case .json: try sink.write(try json(list))
        default: try sink.write(text(list))
        }
    }

    /// A header line, then one aligned row per shard: number, kind, passages, size, status, name
    /// (and, for a shard that is down, why).
    public static func text(_ list: ShardList) -> String {
        let count = list.shards.count == 1 ? "1 shard" : "\(list.shards.count) shards"
        var out = "index \(list.index): \(count)" + (list.stub.map { " listed in \($0)" } ?? ", one database (no stub)") + "\n"
        let rows = [["shard", "kind", "passages", "size", "status", "name"]] + list.shards.map { shard in
            [String(shard.number), shard.kind, shard.passages.map(String.init) ?? "-",
             shard.sizeBytes.map { ByteCountFormatter.string(fromByteCount: Int64($0), countStyle: .file) } ?? "-",
             shard.reachable ? "ok" : "DOWN", shard.name + (shard.error.map { ": \($0)" } ?? "")]
        }
        let widths = (0..<5).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            out += (0..<5).map { row[$0].padding(toLength: widths[$0] + 2, withPad: " ", startingAt: 0) }.joined() + row[5] + "\n"
        }
        return out
    }
}
