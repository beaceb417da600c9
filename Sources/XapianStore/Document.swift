internal import CXapianShim

/// A document being built for the index, or one read back from it to change. The corresponding C++ type is `Xapian::Document`.
public final class Document {
    let handle: OpaquePointer

    /// Creates an empty document.
    public init() throws(XapianError) {
        var out: OpaquePointer? = nil
        try check("creating a document") { cx_document_new(&out, $0) }
        handle = out!
    }

    /// Wraps a handle the shim made (a stored document read back by `WritableDatabase`).
    init(handle: OpaquePointer) { self.handle = handle }

    deinit { cx_document_free(handle) }

    /// The document's data.
    public func data() throws(XapianError) -> String {
        try fetchString("reading document data") { cx_document_data(handle, $0, $1, $2) }
    }

    /// The document's terms starting with `prefix`, in term order.
    public func terms(withPrefix prefix: String) throws(XapianError) -> [String] {
        let collector = TermCollector()
        try withBytes(prefix) { (bytes, length) throws(XapianError) in
            try check("listing document terms \(prefix)") {
                cx_document_terms_each(
                    handle, bytes, length, TermCollector.visitor, Unmanaged.passUnretained(collector).toOpaque(), $0)
            }
        }
        return collector.items.map(\.0)
    }

    /// Removes `term` from the document (nothing when it has none).
    public func removeTerm(_ term: String) throws(XapianError) {
        try withBytes(term) { (bytes, length) throws(XapianError) in
            try check("removing term") { cx_document_remove_term(handle, bytes, length, $0) }
        }
    }

    /// Removes the value in `slot` (nothing when there is none).
    public func removeValue(slot: IndexSchema.ValueSlot) throws(XapianError) {
        try check("removing value \(slot)") { cx_document_remove_value(handle, slot.rawValue, $0) }
    }

    /// Adds a term that filters but does not rank (an id, an actor, a source).
    public func addBooleanTerm(_ term: String) throws(XapianError) {
        try withBytes(term) { (bytes, length) throws(XapianError) in
            try check("adding term") { cx_document_add_boolean_term(handle, bytes, length, $0) }
        }
    }

    /// Stores `value` in a value slot (for sorting, ranges, collapsing and facets).
    public func setValue(_ value: String, slot: IndexSchema.ValueSlot) throws(XapianError) {
        try withBytes(value) { (bytes, length) throws(XapianError) in
            try check("setting value \(slot)") { cx_document_add_value(handle, slot.rawValue, bytes, length, $0) }
        }
    }

    /// Sets the document's data: Dossier stores the passage's display record (JSON).
    public func setData(_ data: String) throws(XapianError) {
        try withBytes(data) { (bytes, length) throws(XapianError) in
            try check("setting document data") { cx_document_set_data(handle, bytes, length, $0) }
        }
    }
}

@available(*, unavailable)
extension Document: Sendable {}
