import NewsModel

/// The metadata entries by which a search finds actors from the names users type, without
/// loading the whole actor table.
///
/// Why: an index of a year of news holds tens of thousands of actors (Reuters-21578: 28,372).
/// Loading all of them to resolve the names in one query cost a second per `dossier search`;
/// a lookup per candidate name costs microseconds. The indexer writes these entries with each
/// actor (`IndexWriter`), the searcher reads them (`ActorLookup`, `AliasSynonyms`), so both
/// sides take the key rules from here.
///
/// Each entry lists actor slugs joined by U+001F, in the order they were added. The writer
/// unlists a slug from the names its actor no longer has; readers still keep only actors that
/// have passages, as an entry is rewritten only at a commit.
public enum ActorNameKeys {
    /// Query-language operators: a name spelled exactly like one is never recognised as an
    /// actor, so `NOT` stays an operator even if some actor is called "NOT".
    public static let operators: Set<String> = ["AND", "OR", "NOT", "XOR", "NEAR", "ADJ"]

    /// The text by which the query language recognises an actor as typed (case kept, runs of
    /// whitespace as one space), or nil when `text` cannot be recognised: it has no capital
    /// letter (so the English word "let" never stands for "LeT"), holds a quote, or is an
    /// operator.
    public static func recognisableText(_ text: String) -> String? {
        let words = text.split(whereSeparator: \.isWhitespace)
        let joined = words.joined(separator: " ")
        guard !joined.isEmpty, joined.contains(where: \.isUppercase), !joined.contains("\""),
              !operators.contains(joined) else { return nil }
        return joined
    }

    /// The surname of a person's canonical name ("Tahawwur Rana" -> "Rana"), nil for a
    /// one-word name or another type.
    public static func surname(name: String, type: String) -> String? {
        guard type == "person", name.contains(" "), let last = name.split(separator: " ").last else { return nil }
        return String(last)
    }

    /// True when `text` must be typed in its own case to stand for its actor: it has a capital
    /// after its first letter (an acronym or a mixed-case name: "LeT", "US") and its lower-case
    /// form is an ordinary word ("let", "us"). Other names and aliases ("Japan", "BP", "OPEC",
    /// "Lashkar-e-Taiba") are recognised whatever their case ("japan", "bp").
    public static func needsItsOwnCase(_ text: String, isOrdinaryWord: (String) -> Bool) -> Bool {
        text.dropFirst().contains(where: \.isUppercase) && isOrdinaryWord(text.lowercased())
    }

    /// The `folded:` key of a text typed in any case.
    public static func foldedKey(_ text: String) -> String {
        IndexSchema.metadataKey(IndexSchema.MetadataKey.foldedNamePrefix, text.lowercased())
    }

    /// Every key an actor is listed under: its aliases' slugs, a person's surname slug, its
    /// recognisable name and aliases as typed, and, for those that need not be typed in their
    /// own case (`needsItsOwnCase`), in lower case. Slugs are at most 200 bytes, so `alias:` and
    /// `surname:` keys are never shortened.
    public static func keys(name: String, type: String, aliases: [String], isOrdinaryWord: (String) -> Bool) -> [String] {
        typealias Key = IndexSchema.MetadataKey
        var keys: [String] = []
        func add(_ key: String) { if !keys.contains(key) { keys.append(key) } }
        for alias in aliases {
            let slug = Slug.fold(alias)
            if !slug.isEmpty { add(Key.aliasPrefix + slug) }
        }
        if let surname = surname(name: name, type: type) {
            let slug = Slug.fold(surname)
            if !slug.isEmpty { add(Key.surnamePrefix + slug) }
        }
        for text in [name] + aliases {
            guard let typed = recognisableText(text) else { continue }
            add(IndexSchema.metadataKey(Key.namePrefix, typed))
            if !needsItsOwnCase(typed, isOrdinaryWord: isOrdinaryWord) { add(foldedKey(typed)) }
        }
        return keys
    }

    /// The number of words of the longest recognisable text among `name` and `aliases`.
    public static func longestText(name: String, aliases: [String]) -> Int {
        ([name] + aliases).compactMap(recognisableText).map { $0.split(separator: " ").count }.max() ?? 0
    }

    /// The slugs an entry lists.
    public static func slugs(in value: String) -> [String] {
        value.split(separator: IndexSchema.multiValueSeparator).map(String.init)
    }

    /// `value` with `slug` added, or nil when it is listed already.
    public static func adding(_ slug: String, to value: String) -> String? {
        let listed = slugs(in: value)
        if listed.contains(slug) { return nil }
        return (listed + [slug]).joined(separator: String(IndexSchema.multiValueSeparator))
    }

    /// `value` without `slug`, or nil when it was not listed.
    public static func removing(_ slug: String, from value: String) -> String? {
        let listed = slugs(in: value)
        guard listed.contains(slug) else { return nil }
        return listed.filter { $0 != slug }.joined(separator: String(IndexSchema.multiValueSeparator))
    }
}
