
internal import CXapianShim

/// Parses the query language. The corresponding C++ type is `Xapian::QueryParser`.
public final class QueryParser {
    let handle: OpaquePointer
    private let database: Database

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

    /// Declares a boolean filter field.
    /// - Parameters:
    ///   - repeatedUsesAND: true when `field:a field:b` means both (actors), false for either (sources).
    ///   - slugify: fold the value with `Slug.fold` before making the term.
    public func addBooleanPrefix(field: String, prefix: String, repeatedUsesAND: Bool, slugify: Bool) throws(XapianError) {
        try check("declaring field \(field)") {
            cx_queryparser_add_boolean_prefix(handle, field, prefix, repeatedUsesAND ? 0 : 1, slugify ? 1 : 0, $0)
        }
    }

    /// Lets `field:alias` mean `field:value` where the index's metadata says so: a value whose
    /// slug is not indexed is looked up under `metadataPrefix` + slug, which lists values
    /// joined by U+001F (see `ActorNameKeys`); when exactly one listed value is still indexed,
    /// it replaces the alias. Each search thus looks up only the names it uses.
    public func addAliasTable(field: String, metadataPrefix: String) throws(XapianError) {
        try check("declaring the aliases of \(field)") { cx_queryparser_add_alias_table(handle, field, metadataPrefix, $0) }
    }

    /// After a parse: the values of `field` (declared with `addAliasTable`) that named no
    /// indexed value, as typed, each once, in order of appearance: unknown or ambiguous names.
    public func unresolvedValues(field: String) throws(XapianError) -> [String] {
        let collector = TermCollector()
        try check("reading the unresolved values of \(field)") {
            cx_queryparser_unresolved_each(handle, field, TermCollector.visitor, Unmanaged.passUnretained(collector).toOpaque(), $0)
        }
        var seen = Set<String>()
        return collector.items.map(\.0).filter { seen.insert($0).inserted }
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
    public func addDateRange(field: String, first: IndexSchema.ValueSlot, last: IndexSchema.ValueSlot) throws(XapianError) {
        try check("declaring range \(field)") {
            cx_queryparser_add_date_range(handle, field, first.rawValue, last.rawValue, $0)
        }
    }

    /// Declares `field:START..END` over multi-valued date terms under `prefix`.
    public func addDateTermRange(field: String, prefix: String) throws(XapianError) {
        try check("declaring range \(field)") { cx_queryparser_add_date_term_range(handle, field, prefix, $0) }
    }

    /// Parses `text`.
    /// - Throws: `XapianError` `.queryParse` for malformed input.
    public func parse(_ text: String, flags: Flags, defaultOperatorIsOR: Bool = false) throws(XapianError) -> Query {
        var out: OpaquePointer? = nil
        try withBytes(text) { (bytes, length) throws(XapianError) in
            try check("parsing the query") {
                cx_queryparser_parse(handle, bytes, length, flags.rawValue, defaultOperatorIsOR ? 1 : 0, &out, $0)
            }
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
