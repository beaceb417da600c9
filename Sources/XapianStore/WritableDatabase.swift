internal import CXapianShim

/// An index open for writing. The corresponding C++ type is `Xapian::WritableDatabase`.
///
/// Changes become visible, atomically, at `commit()`. Closing (deinit) without committing
/// discards the uncommitted batch, so a failed or killed run leaves the index at its last
/// commit. Only one writer can hold an index; a second gets `.databaseLocked` at once.
public final class WritableDatabase {
    let handle: OpaquePointer
    /// The index directory.
    public let path: String
    /// A reader on the same index that sees this writer's uncommitted changes: metadata,
    /// terms and counts are read through it.
    public let reader: Database

    /// Opens the index at `path` for writing, creating it (but not missing parent folders).
    /// - Throws: `XapianError` `.databaseLocked` when another process writes it.
    public init(path: String) throws(XapianError) {
        var out: OpaquePointer? = nil
        try check("opening index at \(path) for writing") { cx_writable_open(path, &out, $0) }
        self.handle = out!
        self.path = path
        var view: OpaquePointer? = nil
        do {
            try check("opening a reader on \(path)") { cx_writable_reader(out!, &view, $0) }
        } catch {
            cx_writable_free(out!)
            throw error
        }
        self.reader = Database(handle: view!, path: path)
    }

    deinit { cx_writable_free(handle) }

    /// Makes every change since the last commit durable and visible to readers.
    public func commit() throws(XapianError) {
        // (Also adds the words counted since the last commit to the spelling dictionary.)
        try check("committing to \(path)") { cx_writable_commit(handle, $0) }
    }

    /// With `on`, the words of every document added or replaced from now on are counted and
    /// added to Xapian's spelling dictionary at the next commit, once per word with its
    /// count (what `TermGenerator::FLAG_SPELLING` does per occurrence, at a fraction of the
    /// cost). The dictionary feeds "did you mean" suggestions.
    public func collectSpelling(_ on: Bool) throws(XapianError) {
        try check("setting up the spelling dictionary of \(path)") { cx_writable_set_spelling(handle, on ? 1 : 0, $0) }
    }

    /// Replaces the document indexed by `uniqueTerm` with `document`, or adds it.
    public func replace(uniqueTerm: String, with document: Document) throws(XapianError) {
        try withBytes(uniqueTerm) { (bytes, length) throws(XapianError) in
            try check("writing document \(uniqueTerm)") { cx_writable_replace(handle, bytes, length, document.handle, $0) }
        }
    }

    /// Adds `document` as a new document, without looking for one to replace. Use only when
    /// no document can hold its unique term yet.
    public func add(_ document: Document) throws(XapianError) {
        try check("adding a document") { cx_writable_add(handle, document.handle, $0) }
    }

    /// Deletes every document indexed by `term`.
    public func deleteDocuments(withTerm term: String) throws(XapianError) {
        try withBytes(term) { (bytes, length) throws(XapianError) in
            try check("deleting documents \(term)") { cx_writable_delete_term(handle, bytes, length, $0) }
        }
    }

    /// The ids of every document indexed by `term` (uncommitted changes included).
    public func documentIDs(withTerm term: String) throws(XapianError) -> [UInt32] {
        let collector = TermCollector()
        try withBytes(term) { (bytes, length) throws(XapianError) in
            try check("listing documents \(term)") {
                cx_writable_postings_each(
                    handle, bytes, length, TermCollector.visitor, Unmanaged.passUnretained(collector).toOpaque(), $0)
            }
        }
        return collector.items.map { UInt32($0.1) }
    }

    /// The stored document `id`, to change and write back with `replace(documentID:with:)`.
    public func document(id: UInt32) throws(XapianError) -> Document {
        var out: OpaquePointer? = nil
        try check("reading document \(id)") { cx_writable_document(handle, id, &out, $0) }
        return Document(handle: out!)
    }

    /// Writes `document` (read with `document(id:)` and changed) back as document `id`. Its
    /// words are not added to the spelling dictionary again.
    public func replace(documentID id: UInt32, with document: Document) throws(XapianError) {
        try check("rewriting document \(id)") { cx_writable_replace_id(handle, id, document.handle, $0) }
    }

    /// Stores `value` under `key` (an empty value removes the key). Committed with the documents.
    public func setMetadata(_ key: String, _ value: String) throws(XapianError) {
        try withBytes(key) { (k, kl) throws(XapianError) in
            try withBytes(value) { (v, vl) throws(XapianError) in
                try check("writing metadata \(key)") { cx_writable_set_metadata(handle, k, kl, v, vl, $0) }
            }
        }
    }
}

/// Explicitly not `Sendable`: one writer, used from one thread at a time.
@available(*, unavailable)
extension WritableDatabase: Sendable {}
