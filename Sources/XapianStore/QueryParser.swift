
internal import CXapianShim

/// Parses the query language. The corresponding C++ type is `Xapian::QueryParser`.
public final class QueryParser {
    let handle: OpaquePointer
    private let database: Database
    /// The filter fields' callbacks, kept alive as long as the parser that calls them.
    private var callbacks: [FieldCallback] = []

    /// Syntax features to enable while parsing.
    public struct Flags: OptionSet, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        /// AND, OR, NOT, XOR, NEAR and parentheses.
        public static let boolean = Flags(rawValue: Int32(CX_QP_BOOLEAN))
        /// Quoted phrases.
        public static let phrase = Flags(rawValue: Int32(CX_QP_PHRASE))
        /// `+term` and `-term`.
        public static let loveHate = Flags(rawValue: Int32(CX_QP_LOVEHATE))
        /// Lower-case `and`, `or`, `not` as operators.
        public static let booleanAnyCase = Flags(rawValue: Int32(CX_QP_BOOLEAN_ANY_CASE))
        /// Trailing `*` wildcards.
        public static let wildcard = Flags(rawValue: Int32(CX_QP_WILDCARD))
        /// A query of only `NOT term`.
        public static let pureNot = Flags(rawValue: Int32(CX_QP_PURE_NOT))
        /// Suggest a corrected query (see `correctedQuery`).
        public static let spellingCorrection = Flags(rawValue: Int32(CX_QP_SPELLING_CORRECTION))
        /// `~term` expands to the term's synonyms.
        public static let synonym = Flags(rawValue: Int32(CX_QP_SYNONYM))
        /// Every term expands to its synonyms.
        public static let autoSynonyms = Flags(rawValue: Int32(CX_QP_AUTO_SYNONYMS))
        /// Multi-word sequences expand to their synonyms.
        public static let autoMultiwordSynonyms = Flags(rawValue: Int32(CX_QP_AUTO_MULTIWORD_SYNONYMS))
    }

    /// Creates a parser over `database`, which wildcards and spelling correction consult.
    public init(database: Database, language: String, stemming: IndexSchema.Stemming) throws(XapianError) {
        var out: OpaquePointer? = nil
        try check("creating the query parser") { cx_queryparser_new(database.handle, language, stemming.rawValue, &out, $0) }
        handle = out!
        self.database = database
    }

    deinit { cx_queryparser_free(handle) }

    /// Declares a free-text field: `field:word` searches terms indexed under `prefix`.
    public func addPrefix(field: String, prefix: String) throws(XapianError) {
        try check("declaring field \(field)") { cx_queryparser_add_prefix(handle, field, prefix, $0) }
    }

    /// Declares a boolean filter field whose values become queries through `query`.
    /// - Parameters:
    ///   - repeatedUsesAND: true when `field:a field:b` means both (actors), false for either (sources).
    ///   - query: the query for one value as typed (quotes removed); what it throws ends the
    ///     parse and is rethrown by `parse` as it was thrown.
    ///
    /// Different filter fields always AND, in any order (see `addDateField`).
    public func addFilterField(field: String, repeatedUsesAND: Bool, query: @escaping (String) throws -> Query) throws(XapianError) {
        let box = FieldCallback(query)
        callbacks.append(box)
        try check("declaring field \(field)") {
            cx_queryparser_add_callback_field(
                handle, field, repeatedUsesAND ? 0 : 1, FieldCallback.thunk, Unmanaged.passUnretained(box).toOpaque(), $0)
        }
    }

    /// Declares a free-text field whose registered keys expand to synonyms (see
    /// `addPhraseSynonym`).
    public func addSynonymField(_ field: String) throws(XapianError) {
        try check("declaring field \(field)") { cx_queryparser_add_synonym_field(handle, field, $0) }
    }

    /// Makes `field:key` (`key` one lower-case word) match the phrase `text`, the phrase `name`
    /// or the boolean `term`.
    public func addPhraseSynonym(field: String, key: String, text: String, name: String, term: String) throws(XapianError) {
        try withBytes(key) { (k, kl) throws(XapianError) in
            try withBytes(text) { (t, tl) throws(XapianError) in
                try withBytes(name) { (n, nl) throws(XapianError) in
                    try withBytes(term) { (b, bl) throws(XapianError) in
                        try check("adding synonym \(text)") {
                            cx_queryparser_add_phrase_synonym(handle, field, k, kl, t, tl, n, nl, b, bl, $0)
                        }
                    }
                }
            }
        }
    }

    /// Declares `field:START..END` over the YYYYMMDD slots holding the first and last day each
    /// document's date covers; a document matches when that whole span lies inside the range.
    /// A filter field like the others (repeated uses OR), so that it narrows in any order.
    public func addDateField(field: String, first: IndexSchema.ValueSlot, last: IndexSchema.ValueSlot) throws(XapianError) {
        try check("declaring field \(field)") {
            cx_queryparser_add_date_field(handle, field, first.rawValue, last.rawValue, $0)
        }
    }

    /// Declares `field:START..END` over multi-valued date terms under `prefix` (repeated uses OR).
    public func addDateTermField(field: String, prefix: String) throws(XapianError) {
        try check("declaring field \(field)") { cx_queryparser_add_date_term_field(handle, field, prefix, $0) }
    }

    /// True when `word` (lower case) is one of the stop words the parser drops.
    public func isStopWord(_ word: String) -> Bool {
        (try? withBytes(word) { (bytes, length) throws(XapianError) in cx_queryparser_is_stop_word(handle, bytes, length) }) == 1
    }

    /// Parses `text`.
    /// - Throws: `XapianError` `.queryParse` for malformed input, or the error a filter
    ///   field's `query` threw.
    public func parse(_ text: String, flags: Flags, defaultOperatorIsOR: Bool = false) throws -> Query {
        var out: OpaquePointer? = nil
        for box in callbacks { box.reset() }
        defer { for box in callbacks { box.reset() } }
        do {
            try withBytes(text) { (bytes, length) throws(XapianError) in
                try check("parsing the query") {
                    cx_queryparser_parse(handle, bytes, length, flags.rawValue, defaultOperatorIsOR ? 1 : 0, &out, $0)
                }
            }
        } catch {
            if let refused = callbacks.lazy.compactMap(\.refusal).first { throw refused }
            throw error
        }
        return Query(handle: out!)
    }

    /// After parsing with `.spellingCorrection`: the corrected query text, or "" when none.
    public func correctedQuery() throws(XapianError) -> String {
        try fetchString("reading the spelling correction") { cx_queryparser_corrected(handle, $0, $1, $2) }
    }
}

@available(*, unavailable)
extension QueryParser: Sendable {}

/// A filter field's Swift body, called from the shim's field processor during a parse. Swift
/// errors cannot cross C++ frames, so the thunk keeps the error and refuses the value; `parse`
/// then rethrows it.
private final class FieldCallback {
    let body: (String) throws -> Query
    /// The error of the value refused during the current parse.
    private(set) var refusal: Error?
    /// The queries handed to the shim during the current parse (it copies them on return).
    private var built: [Query] = []

    init(_ body: @escaping (String) throws -> Query) { self.body = body }

    func reset() {
        refusal = nil
        built.removeAll()
    }

    static let thunk: cx_field_callback = { context, value, length, out in
        let me = Unmanaged<FieldCallback>.fromOpaque(context!).takeUnretainedValue()
        let text = String(decoding: UnsafeRawBufferPointer(start: value, count: length), as: UTF8.self)
        do {
            let query = try me.body(text)
            me.built.append(query)
            out?.pointee = query.handle
            return 0
        } catch {
            if me.refusal == nil { me.refusal = error }
            return 1
        }
    }
}
