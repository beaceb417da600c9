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

    /// Indexes `text` into the current document, under `prefix` ("" for the body), possessives
    /// folded (`droppingPossessives`).
    public func index(_ text: String, prefix: String = "", wdfIncrement: Int = 1) throws(XapianError) {
        try withBytes(Self.droppingPossessives(text)) { (bytes, length) throws(XapianError) in
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

extension TermIndexer {
    /// `text` without the possessive `'s` (or `’s`) after a word: "Saudi Arabia's" becomes
    /// "Saudi Arabia". The one rule for both sides: the index applies it to the text it indexes
    /// and a search to the words it parses, so that `"Saudi Arabia"` (a phrase, whose words
    /// are matched as written, unstemmed) finds "Saudi Arabia's", and `Arabia's` finds "Arabia".
    /// Xapian would keep `arabia's` as one term. "It's" becomes "It", a stop word either way.
    public static func droppingPossessives(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x27 || $0 == 0xE2 }) else { return text }
        let bytes = Array(text.utf8)
        func isWordByte(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x80 && b != 0xE2)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            // ' (0x27) or ’ (E2 80 99), then s or S, then the end of the word.
            let apostrophe = bytes[i] == 0x27 ? 1 : (i + 2 < bytes.count && bytes[i] == 0xE2 && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x99 ? 3 : 0)
            if apostrophe > 0, let last = out.last, isWordByte(last) {
                let s = i + apostrophe
                if s < bytes.count, bytes[s] == 0x73 || bytes[s] == 0x53, s + 1 == bytes.count || !isWordByte(bytes[s + 1]) {
                    i = s + 1
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
