internal import CXapianShim

/// Turns free text into a document's terms: words, stems and positions. The corresponding
/// C++ type is `Xapian::TermGenerator`, set up with a stemmer and the language's stop words.
public final class TermIndexer {
    let handle: OpaquePointer
    private var document: Document?

    /// Creates a term generator.
    /// - Parameters:
    ///   - language: a Snowball stemmer name ("english") or "none".
    ///   - stemming: which words get stemmed terms.
    ///   - positions: record word positions (phrase and NEAR queries need them).
    ///
    /// A term generator needs no database (the spelling dictionary is fed by the writer, see
    /// `WritableDatabase.collectSpelling(_:)`), so documents can be built on any thread.
    public init(language: String, stemming: IndexSchema.Stemming, positions: Bool) throws(XapianError) {
        var out: OpaquePointer? = nil
        let flags = positions ? Int32(CX_INDEX_POSITIONS) : 0
        try check("creating the term generator") { cx_indexer_new(language, stemming.rawValue, flags, &out, $0) }
        handle = out!
    }

    deinit { cx_indexer_free(handle) }

    /// Directs the following `index` calls into `document`; positions restart at 0.
    public func start(_ document: Document) throws(XapianError) {
        self.document = document
        try check("starting a document") { cx_indexer_set_document(handle, document.handle, $0) }
    }

    /// Indexes `text` into the current document, under `prefix` ("" for the body).
    public func index(_ text: String, prefix: String = "", wdfIncrement: Int = 1) throws(XapianError) {
        try withBytes(text) { (bytes, length) throws(XapianError) in
            try withBytes(prefix) { (p, pl) throws(XapianError) in
                try check("indexing text") { cx_indexer_index_text(handle, bytes, length, UInt32(wdfIncrement), p, pl, $0) }
            }
        }
    }

    /// Ends the current document: the generator drops its reference to it, so the document
    /// may be handed to another thread (Xapian's reference counts are not atomic).
    public func finish() throws(XapianError) {
        document = nil
        try check("finishing a document") { cx_indexer_detach(handle, $0) }
    }

    /// Skips `delta` positions so that two fields never match as one phrase.
    public func skipPositions(_ delta: Int) throws(XapianError) {
        try check("advancing term position") { cx_indexer_increase_termpos(handle, UInt32(delta), $0) }
    }
}

@available(*, unavailable)
extension TermIndexer: Sendable {}
