import Foundation
import XapianStore

/// The databases an index is made of, each with what it holds and whether it answers:
/// `dossier shards` (issue 15). A one-database index lists itself as its only shard.
public struct ShardList: Sendable, Equatable, Encodable {
    /// One database of the index.
    public struct Shard: Sendable, Equatable, Encodable {
        /// Its place in the stub (0 first: the shard the index-wide metadata is read from).
        public var number: Int
        /// `local`, `remote` (served by `xapian-tcpsrv`) or `other` (a stub line Dossier does
        /// not interpret, opened as Xapian would).
        public var kind: String
        /// Its path, `HOST:PORT`, or the stub line.
        public var name: String
        /// Whether it could be opened and counted.
        public var reachable: Bool
        /// Its passages (nil when unreachable).
        public var passages: Int?
        /// Its files' bytes on disk (local shards only).
        public var sizeBytes: Int?
        /// Why it could not be opened (nil when reachable).
        public var error: String?

        enum CodingKeys: String, CodingKey {
            case number, kind, name, reachable, passages, sizeBytes = "size_bytes", error
        }
    }

    /// The index path given.
    public var index: String
    /// The stub file listing the shards; nil for a one-database index.
    public var stub: String?
    /// Every shard, in stub order.
    public var shards: [Shard]

    /// The shards that could not be opened.
    public var unreachable: [Shard] { shards.filter { !$0.reachable } }

    /// Lists the shards of the index at `path`, opening each one on its own
    /// (`Database(shard:)`), so that a shard that is down is reported by name instead of
    /// failing the whole list.
    /// - Throws: `SearchError.indexNotFound` when there is no index at `path`.
    public static func read(index path: String) throws(SearchError) -> ShardList {
        switch IndexLayout.read(at: path) {
        case .absent:
            throw .indexNotFound(path: path)
        case let .single(database):
            return ShardList(index: path, stub: nil, shards: [probe(number: 0, kind: "local", name: database, open: database)])
        case let .sharded(stub, listed):
            let shards = listed.enumerated().map { number, shard -> Shard in
                let kind: String
                switch shard {
                case .local: kind = "local"
                case .remote: kind = "remote"
                case .other: kind = "other"
                }
                var size: Int? = nil
                if case let .local(shardPath) = shard { size = sizeOnDisk(shardPath) }
                return probe(number: number, kind: kind, name: shard.description, size: size) { () throws(XapianError) in
                    try Database(shard: shard)
                }
            }
            return ShardList(index: path, stub: stub, shards: shards)
        }
    }

    /// A shard opened at `path`.
    private static func probe(number: Int, kind: String, name: String, open path: String) -> Shard {
        probe(number: number, kind: kind, name: name, size: sizeOnDisk(path)) { () throws(XapianError) in try Database(path: path) }
    }

    /// A shard as `open` opens it, counted.
    private static func probe(
        number: Int, kind: String, name: String, size: Int?, _ open: () throws(XapianError) -> Database
    ) -> Shard {
        do {
            let passages = try open().documentCount()
            return Shard(number: number, kind: kind, name: name, reachable: true, passages: passages, sizeBytes: size)
        } catch {
            return Shard(number: number, kind: kind, name: name, reachable: false, error: error.description)
        }
    }

    /// The bytes of the index at `path` on disk: its database's files, or the stub and every
    /// local shard's files (remote shards are another machine's).
    public static func sizeOnDisk(ofIndex path: String) -> Int {
        switch IndexLayout.read(at: path) {
        case .absent: return 0
        case let .single(database): return sizeOnDisk(database)
        case let .sharded(stub, shards):
            return shards.reduce(fileSize(stub)) { total, shard in
                if case let .local(shardPath) = shard { return total + sizeOnDisk(shardPath) }
                return total
            }
        }
    }

    /// The bytes of the files directly in the database directory `path`.
    private static func sizeOnDisk(_ path: String) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.reduce(0) { $0 + fileSize(path + "/" + $1) }
    }

    private static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}
