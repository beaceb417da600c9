internal import CXapianShim
import Foundation

/// A read-only view of an index at one revision. The corresponding C++ type is
/// `Xapian::Database`.
///
/// Not thread-safe: use one `Database` per thread or actor.
public final class Database {
    /// The Xapian database; replaced when the shards are opened again (`reopen`), which is
    /// safe: every handle made from it (enquire, parser) holds its own reference.
    private(set) var handle: OpaquePointer
    /// The index directory.
    public let path: String

    /// Whether the index is a stub (`IndexSchema.stubFileName`) listing a shard served by
    /// `xapian-tcpsrv` (`remote HOST:PORT`): such a shard runs only Xapian's own match spies,
    /// so `Enquire.setTimeLimit` uses Xapian's time limit there instead of a deadline spy.
    public let reachesRemoteShards: Bool

    /// The shards that did not answer when the database was last opened, in stub order:
    /// empty unless it was opened `allowingMissingShards`, and then searches answer from the
    /// others only. The first shard holds the index-wide metadata (`lacksMetadataShard`).
    public private(set) var missingShards: [MissingShard] = []

    /// The number of databases the index is made of (1 for one database).
    public let shardCount: Int

    /// The stub's shards when they are opened one by one (`allowingMissingShards`), else nil.
    private let shards: [IndexLayout.Shard]?
    /// How long a remote shard may take to connect or answer, in milliseconds.
    private let remoteTimeout: UInt32
    /// When the shards were last opened one by one.
    private var openedAt = ContinuousClock.now

    /// How long a database missing a shard searches without it before `reopen` tries it
    /// again: so that a long-lived reader (`dossier serve`) does not wait on a shard that is
    /// down (up to `remoteTimeout`) at every search.
    public static let missingShardRetryInterval: Duration = .seconds(5)

    /// Xapian's own time limit for a remote shard (`Xapian::Remote::open`'s default, which a
    /// stub's `remote HOST:PORT` line uses): 10 seconds to connect, and for each operation.
    public static let defaultRemoteTimeout = 10.0

    /// Opens the index at `path`.
    /// - Parameters:
    ///   - allowingMissingShards: when the index is a stub, open each shard on its own and
    ///     search those that answer, listing the others in `missingShards`, instead of failing
    ///     as Xapian does when one shard of a stub cannot be opened (`--allow-partial`).
    ///   - remoteTimeout: with `allowingMissingShards`, the seconds a remote shard may take to
    ///     connect and to answer each request before it counts as missing.
    /// - Throws: `XapianError` with code `.databaseNotFound` when there is no index there,
    ///   `.network` (without `allowingMissingShards`) when a remote shard does not answer.
    public init(path: String, allowingMissingShards: Bool = false, remoteTimeout: Double = Database.defaultRemoteTimeout) throws(XapianError) {
        self.path = path
        let layout = IndexLayout.read(at: path)
        reachesRemoteShards = layout.reachesRemoteShards
        shardCount = max(1, layout.shardCount)
        self.remoteTimeout = UInt32(max(0.001, remoteTimeout) * 1000)
        if allowingMissingShards, case let .sharded(_, listed) = layout {
            shards = listed
            (handle, missingShards) = try Self.openAnswering(
                listed, path: path, timeout: self.remoteTimeout, remote: layout.reachesRemoteShards)
        } else {
            // One database, or a stub Xapian opens whole: a shard that cannot be opened fails it.
            shards = nil
            var out: OpaquePointer? = nil
            try check("opening index at \(path)") { cx_database_open(path, &out, $0) }
            handle = out!
        }
    }

    /// Opens one shard of a stub on its own (`dossier shards`): a local database by its path, a
    /// remote one through `Xapian::Remote::open`, any other stub line through a stub of that line.
    /// - Parameter remoteTimeout: the seconds a remote shard may take to connect and answer.
    /// - Throws: `XapianError` when it cannot be opened (`.network` for a remote one that is down).
    public convenience init(shard: IndexLayout.Shard, remoteTimeout: Double = Database.defaultRemoteTimeout) throws(XapianError) {
        self.init(handle: try Self.open(shard, timeout: UInt32(max(0.001, remoteTimeout) * 1000)), path: shard.description)
    }

    /// Wraps a handle the shim opened (a writer's read view).
    init(handle: OpaquePointer, path: String) {
        self.handle = handle
        self.path = path
        reachesRemoteShards = false
        shardCount = 1
        shards = nil
        remoteTimeout = UInt32(Self.defaultRemoteTimeout * 1000)
    }

    /// Whether the shard holding the index-wide metadata (schema version, actor tables, name
    /// keys: the first, `IndexLayout.sharded`) is missing, so nothing can be read without it.
    public var lacksMetadataShard: Bool { missingShards.contains { $0.number == 0 } }

    /// Opens every shard of `shards` that answers and combines them, in stub order, into one
    /// database (as Xapian opens a stub); the others are returned as missing. With `remote`, a
    /// page of hits reads its documents from every shard at once (`cx_database_combine`).
    private static func openAnswering(
        _ shards: [IndexLayout.Shard], path: String, timeout: UInt32, remote: Bool
    ) throws(XapianError) -> (OpaquePointer, [MissingShard]) {
        var opened: [OpaquePointer?] = [], missing: [MissingShard] = []
        defer { for handle in opened { cx_database_free(handle) } }
        for (number, shard) in shards.enumerated() {
            do {
                opened.append(try open(shard, timeout: timeout))
            } catch {
                missing.append(MissingShard(number: number, name: shard.description, reason: "\(error.xapianType): \(error.message)"))
            }
        }
        var out: OpaquePointer? = nil
        // Over remote shards a page of hits reads its documents from every shard at once.
        let parallel: Int32 = remote ? 1 : 0
        try check("opening the shards of \(path)") { error in
            opened.withUnsafeBufferPointer { cx_database_combine($0.baseAddress, $0.count, parallel, &out, error) }
        }
        return (out!, missing)
    }

    /// One shard, opened on its own.
    private static func open(_ shard: IndexLayout.Shard, timeout: UInt32) throws(XapianError) -> OpaquePointer {
        var out: OpaquePointer? = nil
        switch shard {
        case let .local(path):
            try check("opening shard \(path)") { cx_database_open(path, &out, $0) }
        case let .remote(host, port):
            try withBytes(host) { (bytes, length) throws(XapianError) in
                try check("opening remote shard \(host):\(port)") {
                    cx_database_open_remote(bytes, length, UInt32(port), timeout, &out, $0)
                }
            }
        case let .other(line):
            // Xapian opens such a line (`remote :PROGRAM`, `inmemory`) only from a stub file.
            let stub = FileManager.default.temporaryDirectory
                .appendingPathComponent("dossier-shard-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).stub").path
            defer { try? FileManager.default.removeItem(atPath: stub) }
            guard FileManager.default.createFile(atPath: stub, contents: Data((line + "\n").utf8)) else {
                throw XapianError(code: .database, xapianType: "stub", message: "cannot write a stub file at \(stub) to open it",
                                  operation: "opening shard \(line)")
            }
            try check("opening shard \(line)") { cx_database_open(stub, &out, $0) }
        }
        return out!
    }

    deinit { cx_database_free(handle) }

    /// Moves to the latest committed revision. A reader keeps seeing one whole commit until
    /// it reopens, so a long-lived reader (`dossier serve`) calls this between searches.
    ///
    /// Opened `allowingMissingShards`, a database missing a shard tries every shard again once
    /// `missingShardRetryInterval` has passed (one that answers again is searched again), and
    /// one whose shard stops answering is opened again without it (`reopenAnsweringShards`).
    /// - Returns: false when the revision certainly did not change (Xapian's `reopen()`).
    @discardableResult
    public func reopen() throws(XapianError) -> Bool {
        if shards != nil && !missingShards.isEmpty && ContinuousClock.now - openedAt >= Self.missingShardRetryInterval {
            return try reopenAnsweringShards()
        }
        var changed: Int32 = 0
        do {
            try check("reopening index at \(path)") { cx_database_reopen(handle, &changed, $0) }
        } catch where error.code == .network && shards != nil {
            return try reopenAnsweringShards()
        }
        return changed != 0
    }

    /// Opens every shard again, each on its own, and searches those that answer (a database
    /// opened `allowingMissingShards`; otherwise the same as `reopen`), after a remote shard
    /// failed in the middle of a search.
    /// - Returns: true: the database may be another now (its caches must be dropped).
    @discardableResult
    public func reopenAnsweringShards() throws(XapianError) -> Bool {
        guard let shards else { return try reopen() }
        let (reopened, missing) = try Self.openAnswering(
            shards, path: path, timeout: remoteTimeout, remote: reachesRemoteShards)
        cx_database_free(handle)
        handle = reopened
        missingShards = missing
        openedAt = .now
        return true
    }

    /// Runs `body`; if a writer discarded the revision being read (`DatabaseModifiedError`),
    /// reopens at the latest commit and runs it once more. Long-lived readers need this.
    public func retryingIfModified<T>(_ body: () throws(XapianError) -> T) throws(XapianError) -> T {
        do {
            return try body()
        } catch where error.code == .databaseModified {
            try reopen()
            return try body()
        }
    }

    /// The number of documents (passages).
    public func documentCount() throws(XapianError) -> Int {
        var count: UInt32 = 0
        try check("counting documents in \(path)") { cx_database_doccount(handle, &count, $0) }
        return Int(count)
    }

    /// How many documents are indexed by `term`.
    public func termFrequency(_ term: String) throws(XapianError) -> Int {
        var count: UInt32 = 0
        try withBytes(term) { (bytes, length) throws(XapianError) in
            try check("reading term frequency") { cx_database_termfreq(handle, bytes, length, &count, $0) }
        }
        return Int(count)
    }

    /// The metadata value stored under `key`, or "" when unset.
    public func metadata(_ key: String) throws(XapianError) -> String {
        try withBytes(key) { (bytes, length) throws(XapianError) in
            try fetchString("reading metadata \(key)") { cx_database_metadata(handle, bytes, length, $0, $1, $2) }
        }
    }

    /// Every metadata entry whose key starts with `prefix`, in key order.
    public func metadata(withPrefix prefix: String) throws(XapianError) -> [(key: String, value: String)] {
        let collector = MetadataCollector()
        try withBytes(prefix) { (bytes, length) throws(XapianError) in
            try check("listing metadata \(prefix)") {
                cx_database_metadata_each(
                    handle, bytes, length, MetadataCollector.visitor, Unmanaged.passUnretained(collector).toOpaque(), $0)
            }
        }
        return collector.items.map { (key: $0.0, value: $0.1) }
    }

    /// Every metadata key starting with `prefix`, in key order, without their values: one
    /// request to a remote first shard, where reading the values costs a round trip each.
    public func metadataKeys(withPrefix prefix: String) throws(XapianError) -> [String] {
        let collector = TermCollector()
        try withBytes(prefix) { (bytes, length) throws(XapianError) in
            try check("listing metadata keys \(prefix)") {
                cx_database_metadata_keys_each(
                    handle, bytes, length, TermCollector.visitor, Unmanaged.passUnretained(collector).toOpaque(), $0)
            }
        }
        return collector.items.map(\.0)
    }

    /// Every term starting with `prefix`, with the number of documents it indexes.
    public func terms(withPrefix prefix: String) throws(XapianError) -> [(term: String, frequency: Int)] {
        let collector = TermCollector()
        try withBytes(prefix) { (bytes, length) throws(XapianError) in
            try check("listing terms \(prefix)") {
                cx_database_terms_each(
                    handle, bytes, length, TermCollector.visitor, Unmanaged.passUnretained(collector).toOpaque(), $0)
            }
        }
        return collector.items.map { (term: $0.0, frequency: $0.1) }
    }

    /// The lowest and highest values in `slot` (bounds Xapian keeps per slot; "" when empty).
    public func valueBounds(_ slot: IndexSchema.ValueSlot) throws(XapianError) -> (low: String, high: String) {
        var low: UnsafeMutablePointer<CChar>? = nil, high: UnsafeMutablePointer<CChar>? = nil
        var lowLength = 0, highLength = 0
        try check("reading value bounds") {
            cx_database_value_bounds(handle, slot.rawValue, &low, &lowLength, &high, &highLength, $0)
        }
        return (takeString(low, lowLength), takeString(high, highLength))
    }

    /// The data of the document indexed by a unique `term`, or nil when there is none.
    public func data(forTerm term: String) throws(XapianError) -> String? {
        var found: Int32 = 0
        let data = try withBytes(term) { (bytes, length) throws(XapianError) in
            try fetchString("reading document \(term)") {
                cx_database_data_for_term(handle, bytes, length, $0, $1, &found, $2)
            }
        }
        return found != 0 ? data : nil
    }
}

extension Database {
    /// The id of every document, in order (over a stub, every shard's, as Xapian numbers them).
    public func documentIDs() throws(XapianError) -> [UInt32] {
        let collector = TermCollector()
        try check("listing the documents of \(path)") {
            cx_database_documents_each(handle, TermCollector.visitor, Unmanaged.passUnretained(collector).toOpaque(), $0)
        }
        return collector.items.map { UInt32($0.1) }
    }

    /// Document `id`, with its terms, positions, values and data, to copy into another index
    /// (`WritableDatabase.add`).
    public func document(id: UInt32) throws(XapianError) -> Document {
        var out: OpaquePointer? = nil
        try check("reading document \(id) of \(path)") { cx_database_document(handle, id, &out, $0) }
        return Document(handle: out!)
    }

    /// Writes a compacted copy of the index (every shard of a stub merged into one database)
    /// to the new directory `output`: Xapian's `Database::compact`, what `xapian-compact`
    /// does; metadata set in several shards is taken from the first.
    public func compact(to output: String) throws(XapianError) {
        try check("compacting \(path) into \(output)") { cx_database_compact(handle, output, $0) }
    }
}

/// Explicitly not `Sendable`: Xapian handles must not be used from two threads at once.
@available(*, unavailable)
extension Database: Sendable {}
