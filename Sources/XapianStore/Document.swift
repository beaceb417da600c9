internal import CXapianShim

/// A document being built for the index. The corresponding C++ type is `Xapian::Document`.
public final class Document {
    let handle: OpaquePointer

    /// Creates an empty document.
    public init() throws(XapianError) {
        var out: OpaquePointer? = nil
        try check("creating a document") { cx_document_new(&out, $0) }
        handle = out!
    }

    deinit { cx_document_free(handle) }

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
