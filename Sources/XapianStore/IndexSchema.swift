internal import CXapianShim

/// Every term prefix, value slot and metadata key of a Dossier index, declared once.
///
/// `IndexWriter` writes documents from this table and `SearchEngine` configures the query
/// parser from it, so the two cannot drift apart. `Docs/index-schema.md` shows the same table
/// for readers. Prefixes follow Omega's conventions (`Q` unique id, `S` title, `X...` ours).
public enum IndexSchema {
    /// The schema version stored in the index (metadata `dossier:schema`). Bump it when the
    /// layout changes; an index with another version must be rebuilt.
    /// 4: article ids include their file (`file#record`), each article stores its share of the
    /// actor table (`article:` entries, `ActorTally`), possessives are indexed as their base word
    /// (`TermIndexer.droppingPossessives`), and `folded:` name entries let aliases be typed in
    /// any case (`ActorNameKeys`).
    public static let version = 4

    /// The stemming language for text and queries.
    public static let language = "english"

    /// Term positions skipped between the title and the body of a document, so that a phrase
    /// never matches across the two (notmuch uses the same gap of 100).
    public static let fieldGap = 100

    /// Separates the items of a multi-valued value slot (the ASCII unit separator).
    public static let multiValueSeparator: Character = "\u{1F}"

    /// Which words get stemmed terms, as Xapian's `stem_strategy`.
    public enum Stemming: Int32, Sendable {
        /// No stemming.
        case none = 0
        /// Stem words not starting with a capital; index both forms (Xapian's default).
        case some = 1
        /// Stem every word; unstemmed forms are not indexed.
        case all = 2
        /// Stem every word, with a `Z` prefix on stems.
        case allZ = 3
    }

    /// The stemming strategy in use (see BENCHMARKS.md for what each costs).
    public static let stemming: Stemming = .some

    /// A term prefix and how the query language reaches it.
    public struct Field: Sendable {
        /// The name in the query language (`title`, `actor`), or nil when not queryable by name.
        public let name: String?
        /// The term prefix.
        public let prefix: String
        /// How the field is indexed and queried.
        public let kind: Kind
        /// What the field holds, for `Docs/index-schema.md` and `--help`.
        public let summary: String

        /// How a field is indexed and queried.
        public enum Kind: Sendable {
            /// Free text, stemmed and ranked (`title:word`).
            case freeText
            /// An exact value; repeated uses in one query are ORed (`source:a source:b`).
            case booleanEither
            /// An exact value; repeated uses are ANDed (`actor:a actor:b` = both).
            case booleanAll
            /// Multi-valued dates as terms, queried with ranges (`mentioned:2008..2008`).
            case dateTerms
            /// Not queryable by name (ids).
            case internalOnly
        }
    }

    /// The unique id of a passage: `Q` + passage id.
    public static let passageID = Field(name: nil, prefix: "Q", kind: .internalOnly, summary: "unique passage id")
    /// The article a passage belongs to.
    public static let article = Field(name: "article", prefix: "XART:", kind: .booleanEither, summary: "article id")
    /// The article's title, as free text.
    public static let title = Field(name: "title", prefix: "S", kind: .freeText, summary: "words of the article title")
    /// The passage kind (title, heading, paragraph, bullet).
    public static let kind = Field(name: "kind", prefix: "XK", kind: .booleanEither, summary: "passage kind")
    /// The article's source (outlet), slugified.
    public static let source = Field(name: "source", prefix: "XS", kind: .booleanEither, summary: "source slug")
    /// An actor in the passage, by slug.
    public static let actor = Field(name: "actor", prefix: "XA", kind: .booleanAll, summary: "actor slug")
    /// The type of an actor in the passage.
    public static let actorType = Field(name: "type", prefix: "XT", kind: .booleanEither, summary: "actor type")
    /// Dates mentioned in the passage, as YYYY, YYYYMM or YYYYMMDD terms.
    public static let mentioned = Field(name: "mentioned", prefix: "XD", kind: .dateTerms, summary: "mentioned dates")

    /// Every prefix, in documentation order.
    public static let fields: [Field] = [passageID, article, title, kind, source, actor, actorType, mentioned]

    /// Value slots. Each notes its encoding.
    public enum ValueSlot: UInt32, Sendable, CaseIterable {
        /// Publication date as `YYYYMMDD` (first day of a month/year-precision date); empty if unknown.
        case published = 0
        /// The article id (collapse key for `--per-article`).
        case article = 1
        /// Actor slugs joined by U+001F (exact multi-valued facets).
        case actors = 2
        /// The paragraph number, zero-padded to 6 digits (document order within an article).
        case paragraph = 3
        /// Publication month `YYYYMM`.
        case publishedMonth = 4
        /// Publication year `YYYY`.
        case publishedYear = 5
        /// Mentioned months `YYYYMM`, joined by U+001F.
        case mentionedMonths = 6
        /// Mentioned years `YYYY`, joined by U+001F.
        case mentionedYears = 7
        /// The source slug.
        case source = 8
        /// The actor types present, joined by U+001F.
        case actorTypes = 9
        // Slot 10 held the passage kind until 2026-11-21; nothing read it (`kind:` filters use
        // the XK term, output the record), so it is no longer written. Do not reuse it.
        /// The last day the publication date covers, `YYYYMMDD` (`20251231` for "2025"); with
        /// `published`, date filters match only dates lying wholly inside the range.
        case publishedLast = 11
    }

    /// Metadata keys.
    public enum MetadataKey {
        /// The schema version (`IndexSchema.version`).
        public static let schema = "dossier:schema"
        /// When the index was last written (ISO 8601).
        public static let lastIndexed = "dossier:last-indexed"
        /// Prefix of one entry per indexed file: key `file:` + the file's identity (shortened
        /// with `metadataKey`), value its fingerprint as JSON (size, modification time, hash,
        /// article ids), so that a re-run skips unchanged files. An emptied entry is a deleted file.
        public static let filePrefix = "file:"
        /// Prefix of one entry per article that names actors: key `article:` + article id
        /// (hashed when long), value the article's share of the actor table as JSON, by actor
        /// slug (`ActorTally`), taken back out when the article is replaced or deleted.
        public static let articlePrefix = "article:"
        /// Prefix of one entry per actor: key `actor:` + slug, value JSON {name, type, aliases,
        /// tally}: the evidence summed over its articles, and the name, type and aliases it gives.
        public static let actorPrefix = "actor:"
        /// Prefix of the actors an alias names: key `alias:` + the alias's slug, value the
        /// actor slugs joined by U+001F (see `ActorNameKeys`).
        public static let aliasPrefix = "alias:"
        /// Prefix of the persons a surname names: key `surname:` + slug, value slugs as above.
        public static let surnamePrefix = "surname:"
        /// Prefix of the actors a name or alias names *as typed* (exact case, single spaces):
        /// key `name:` + text (shortened when long), value slugs as above.
        public static let namePrefix = "name:"
        /// Prefix of the actors a name or alias names when typed in any case: key `folded:` +
        /// the text in lower case, written only for texts that need not keep their own case
        /// (`ActorNameKeys.needsItsOwnCase`); value slugs as above.
        public static let foldedNamePrefix = "folded:"
        /// The most words in any `name:` entry's text (how far a query scan must look ahead).
        public static let longestName = "dossier:longest-name-words"
        /// In every shard of a sharded index: how many commits the index has had. A commit
        /// writes the shards after the first, then the first (which holds everything above), so
        /// a shard holding a higher number than the first committed a batch whose metadata a
        /// kill lost; the next writer repairs it (`IndexWriter`). Absent from one-shard indexes.
        public static let commits = "dossier:commits"
        /// In a shard after the first: the actors and articles (JSON `{changed, articles}`)
        /// whose passages that shard's last commit rewrote to follow the actor table, so that a
        /// writer finding the shard ahead of the first can make them follow the table the
        /// first shard kept. Empty when the last commit rewrote none.
        public static let followed = "dossier:followed"
    }

    /// The one schema-version check: the version `database` was written with when it is not
    /// this build's (`version`); nil when they agree or the index has none yet (a new index).
    public static func incompatibleVersion(of database: Database) throws(XapianError) -> String? {
        let stored = try database.metadata(MetadataKey.schema)
        return stored.isEmpty || stored == String(version) ? nil : stored
    }

    /// Xapian's glass backend limits terms to 245 bytes; longer ones are cut and suffixed
    /// with a hash of the whole, so they stay unique and deterministic.
    public static let maximumTermLength = 240

    /// The term for `value` under `field`, shortened with a stable hash when too long.
    public static func term(_ field: Field, _ value: String) -> String {
        let whole = field.prefix + value
        guard whole.utf8.count > maximumTermLength else { return whole }
        return shortened(whole)
    }

    /// A metadata key, shortened like a term when too long.
    public static func metadataKey(_ prefix: String, _ value: String) -> String {
        let whole = prefix + value
        guard whole.utf8.count > maximumTermLength else { return whole }
        return shortened(whole)
    }

    private static func shortened(_ whole: String) -> String {
        var bytes = Array(whole.utf8.prefix(maximumTermLength - 17))
        while let last = bytes.last, last & 0xC0 == 0x80 { bytes.removeLast() }
        if let last = bytes.last, last >= 0xC0 { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self) + "#" + stableHash(whole)
    }
}
