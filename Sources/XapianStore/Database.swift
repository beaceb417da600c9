internal import CXapianShim
import Foundation

/// A read-only view of an index at one revision. The corresponding C++ type is
/// `Xapian::Database`.
///
/// Not thread-safe: use one `Database` per thread or actor.
public final class Database {
    let handle: OpaquePointer
    /// The index directory.
    public let path: String

    /// Whether the index is a stub (`IndexSchema.stubFileName`) listing a shard served by
    /// `xapian-tcpsrv` (`remote HOST:PORT`): such a shard runs only Xapian's own match spies,
    /// so `Enquire.setTimeLimit` uses Xapian's time limit there instead of a deadline spy.
    public let reachesRemoteShards: Bool

    /// Opens the index at `path`.
    /// - Throws: `XapianError` with code `.databaseNotFound` when there is no index there.
    public init(path: String) throws(XapianError) {
        var out: OpaquePointer? = nil
        try check("opening index at \(path)") { cx_database_open(path, &out, $0) }
        self.handle = out!
        self.path = path
        reachesRemoteShards = IndexLayout.read(at: path).reachesRemoteShards
    }

    /// Wraps a handle the shim opened (a writer's read view).
    init(handle: OpaquePointer, path: String) {
        self.handle = handle
        self.path = path
        reachesRemoteShards = false
    }

    deinit { cx_database_free(handle) }

    /// Moves to the latest committed revision. A reader keeps seeing one whole commit until
    /// it reopens, so a long-lived reader (`dossier serve`) calls this between searches.
    /// - Returns: false when the revision certainly did not change (Xapian's `reopen()`).
    @discardableResult
    public func reopen() throws(XapianError) -> Bool {
        var changed: Int32 = 0
        try check("reopening index at \(path)") { cx_database_reopen(handle, &changed, $0) }
        return changed != 0
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
