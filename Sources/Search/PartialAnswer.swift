import Foundation
import XapianStore

/// The mark of an answer given without some of the index's shards: an engine opened with
/// `allowPartial` (`--allow-partial`, `allow_partial=1`) answers from the shards that answer,
/// and every result it gives carries this, so each output format can say so. Totals, hits,
/// facets, counts and actor passage counts are then those of the shards that answered.
public struct PartialAnswer: Sendable, Equatable, CustomStringConvertible {
    /// A shard that did not answer.
    public struct Shard: Sendable, Equatable {
        /// Its place in the stub (0 is the first).
        public var number: Int
        /// Its path, `HOST:PORT`, or its stub line.
        public var name: String
        /// Why, in Xapian's words.
        public var reason: String
    }

    /// The shards left out, in stub order.
    public var missingShards: [Shard]
    /// The number of shards the index lists.
    public var shardCount: Int

    init(_ missing: [MissingShard], of shardCount: Int) {
        missingShards = missing.map { Shard(number: $0.number, name: $0.name, reason: $0.reason) }
        self.shardCount = shardCount
    }

    /// One line for people, the same in every front end: which shards are left out and what
    /// that means for the numbers (`ResultSummary.partialNote` leads it in the outputs).
    public var description: String {
        let listed = missingShards.map { "shard \($0.number) (\($0.name)): \($0.reason)" }.joined(separator: "; ")
        let count = missingShards.count
        return "\(count) of \(shardCount) shard\(shardCount == 1 ? "" : "s") did not answer and \(count == 1 ? "is" : "are") left out "
            + "(\(listed)); totals, hits and counts are those of the other shards only"
    }

    /// The `partial` value of every JSON document and row (`Docs/output-schema.md`):
    /// `{"shards": N, "missing_shards": [{"shard", "name", "reason"}]}`.
    public var jsonObject: [String: Any] {
        [
            "shards": shardCount,
            "missing_shards": missingShards.map { ["shard": $0.number, "name": $0.name, "reason": $0.reason] as [String: Any] },
        ]
    }

    /// The `partial` value of a JSON document for `partial`: its object, or null for a whole answer.
    public static func json(_ partial: PartialAnswer?) -> Any { partial?.jsonObject ?? NSNull() }

    /// The value of the HTTP header `Dossier-Partial` (`Docs/http-api.md`): the missing shards
    /// as `NUMBER NAME`, comma-separated (`1 127.0.0.1:33333`).
    public var headerValue: String { missingShards.map { "\($0.number) \($0.name)" }.joined(separator: ", ") }
}
