import Foundation
import Output
import XapianStore

/// `dossier compact`: a compacted copy of an index, its shards merged into one database or
/// re-split into `shards` (issue 15, item 4), for read-heavy archives.
///
/// Merging is Xapian's own `Database::compact` over the index (what `xapian-compact` does with
/// a stub's databases): postings, positions, values, spelling and metadata are merged by
/// Xapian, metadata duplicated in several shards taken from the first, which holds the
/// index-wide tables. Re-splitting copies each passage, whole, into the shard of its article
/// (`IndexSchema.shard(ofArticle:among:)`, as `dossier index --shards` routes it), counting its
/// words into that shard's spelling dictionary as indexing does, puts the index-wide metadata
/// in the first shard, then compacts each shard the same way. The copy is built beside the
/// output (`OUTPUT.compacting`) and renamed into place only when complete; the source is held
/// locked meanwhile, so no indexer changes it under the copy.
public struct IndexCompaction {
    /// The index to compact (any layout `IndexLayout` reads, local shards only).
    public var source: String
    /// The new index directory; must not exist yet.
    public var output: String
    /// The shards of the output: 1 merges everything into one database.
    public var shards: Int
    /// Passages copied into a shard between commits when re-splitting (bounds memory).
    public var batchSize = 5_000

    /// Creates a compaction of `source` into `output` with `shards` shards.
    public init(source: String, output: String, shards: Int = 1) {
        self.source = source
        self.output = output
        self.shards = shards
    }

    /// What a compaction wrote.
    public struct Summary: Sendable, Equatable {
        /// Passages in each output shard.
        public var passages: [Int]
        /// Bytes of the source and of the output on disk (their databases' files).
        public var sourceBytes: Int
        /// Bytes of the output on disk.
        public var outputBytes: Int
    }

    /// Writes the compacted copy.
    /// - Throws: `IndexerError.unreadable` when there is no index at `source`,
    ///   `.outputExists` when `output` exists, `.unwritableShard` for a remote shard, `.store`
    ///   when Xapian fails (`.databaseLocked` while an indexer writes the source).
    public func run() throws(IndexerError) -> Summary {
        let fm = FileManager.default
        let layout = IndexLayout.read(at: source)
        var sourceShards: [String] = []
        switch layout {
        case .absent:
            throw .unreadable(path: source, reason: "no index there; create one with `dossier index PATH --index \(source)`")
        case let .single(path):
            sourceShards = [path]
        case let .sharded(_, listed):
            for shard in listed {
                guard case let .local(path) = shard else { throw .unwritableShard(path: source, shard: shard.description) }
                sourceShards.append(path)
            }
        }
        if fm.fileExists(atPath: output) { throw .outputExists(path: output) }
        let building = output + ".compacting"
        try? fm.removeItem(atPath: building)
        do {
            // Held for the whole copy: an indexer started meanwhile is refused at once.
            let lock = try WritableDatabase(path: sourceShards[0])
            defer { withExtendedLifetime(lock) {} }
            let reader = try Database(path: source)
            if let version = try IndexSchema.incompatibleVersion(of: reader) {
                throw IndexerError.incompatibleIndex(path: source, version: version)
            }
            let passages: [Int]
            if shards == 1 {
                try reader.compact(to: building)
                try Self.dropShardBookkeeping(building)
                passages = [try Database(path: building).documentCount()]
            } else {
                passages = try split(reader, into: building)
            }
            try fm.moveItem(atPath: building, toPath: output)
            return Summary(
                passages: passages, sourceBytes: Self.bytes(of: sourceShards),
                outputBytes: Self.bytes(of: shards == 1 ? [output] : (0..<shards).map { output + "/" + IndexSchema.shardDirectoryName($0) }))
        } catch let error as XapianError {
            try? fm.removeItem(atPath: building)
            throw .store(error)
        } catch let error as IndexerError {
            try? fm.removeItem(atPath: building)
            throw error
        } catch {
            try? fm.removeItem(atPath: building)
            throw .unreadable(path: output, reason: "cannot write the compacted index (\(SystemIO.reason(of: error)))")
        }
    }

    /// Copies every passage of `reader` into the shard of its article under `directory`, then
    /// compacts each shard; returns the passages of each.
    private func split(_ reader: Database, into directory: String) throws -> [Int] {
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: false)
        let loose = directory + "/uncompacted"
        try fm.createDirectory(atPath: loose, withIntermediateDirectories: false)
        var writers: [WritableDatabase] = []
        for number in 0..<shards {
            let writer = try WritableDatabase(path: loose + "/" + IndexSchema.shardDirectoryName(number))
            try writer.collectSpelling(true)
            writers.append(writer)
        }
        // The index-wide metadata goes to the first shard (Xapian reads a stub's metadata
        // there); every shard says its schema.
        for (key, value) in try reader.metadata(withPrefix: "") where !Self.shardBookkeeping.contains(key) {
            try writers[0].setMetadata(key, value)
        }
        for writer in writers.dropFirst() {
            try writer.setMetadata(IndexSchema.MetadataKey.schema, String(IndexSchema.version))
        }
        let decoder = JSONDecoder()
        var pending = Array(repeating: 0, count: shards)
        for id in try reader.documentIDs() {
            let document = try reader.document(id: id)
            let data = try document.data()
            guard let record = try? decoder.decode(PassageRecord.self, from: Data(data.utf8)) else {
                throw IndexerError.unreadable(path: source, reason: "passage \(id) has no readable record; rebuild the index")
            }
            let number = IndexSchema.shard(ofArticle: record.articleID, among: shards)
            try writers[number].add(document)
            pending[number] += 1
            if pending[number] >= batchSize {
                try writers[number].commit()
                pending[number] = 0
            }
        }
        var passages: [Int] = []
        for writer in writers {
            try writer.commit()
            passages.append(try writer.reader.documentCount())
        }
        writers.removeAll()
        for number in 0..<shards {
            let name = IndexSchema.shardDirectoryName(number)
            try Database(path: loose + "/" + name).compact(to: directory + "/" + name)
        }
        try fm.removeItem(atPath: loose)
        try IndexLayout.writeStub(inDirectory: directory, shardCount: shards)
        return passages
    }

    /// Metadata that describes one sharded build's commits, not the index: dropped by a copy.
    static let shardBookkeeping: Set<String> = [IndexSchema.MetadataKey.commits, IndexSchema.MetadataKey.followed]

    private static func dropShardBookkeeping(_ path: String) throws(XapianError) {
        let writer = try WritableDatabase(path: path)
        for key in shardBookkeeping { try writer.setMetadata(key, "") }
        try writer.commit()
    }

    private static func bytes(of directories: [String]) -> Int {
        directories.reduce(0) { total, directory in
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            return total + names.reduce(0) {
                $0 + (((try? FileManager.default.attributesOfItem(atPath: directory + "/" + $1))?[.size] as? NSNumber)?.intValue ?? 0)
            }
        }
    }
}
