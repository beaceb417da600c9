import XapianStore

/// Actor aliases as synonyms in the query language: a query `LeT` also finds passages that
/// spell out (or are tagged with) Lashkar-e-Taiba.
///
/// Why at query time and with case: Xapian's synonym table is keyed by the lower-cased
/// term the QueryParser produces, so a synonym stored for the acronym "LeT" would also expand
/// the English word "let" ("let the talks resume"). Here the query text is scanned for alias
/// and name tokens *with their case* (`LeT` matches, `let` and `LET` do not; names that need
/// not keep their case, `japan`, match in any case, see `entry(for:)`), and only those
/// tokens are routed to a shim field (`SynonymFieldProcessor`) that ORs the token with the
/// actor's name phrase and its `XA` term. The token is replaced by an opaque key
/// (`dossieralias:s3`) because Xapian lower-cases a field's value and hands no quoted or
/// multi-word value to a field processor. Quoted phrases, fielded terms (`title:x`),
/// wildcards, operators and the words around `NEAR` are left alone.
///
/// Names are looked up in the index's `name:` entries (`ActorNameKeys`) for each run of
/// words that could be one, longest first, so a query costs a few dozen lookups however many
/// actors the index holds. Each recognised text is registered with the query parser once, under
/// a key kept for the parser's lifetime.
final class AliasSynonyms {
    /// The shim field the recognised tokens are routed to; never typed by users.
    static let field = "dossieralias"

    /// One recognisable text and the actor it stands for.
    struct Entry: Sendable, Equatable {
        /// The text as it must be typed (exact case): an alias or the canonical name.
        var text: String
        /// The actor's canonical name (searched as a phrase).
        var name: String
        /// The actor's slug (its `XA` term).
        var id: String
    }

    private let actors: ActorLookup
    /// The most words a recognisable text has in this index.
    private let longest: Int
    /// Texts looked up so far (nil: names no single live actor).
    private var looked: [String: Entry?] = [:]
    /// The key of each text registered with the parser.
    private var keys: [String: String] = [:]

    /// A scanner over the names of `database`'s actors.
    init(database: Database, actors: ActorLookup) throws(XapianError) {
        self.actors = actors
        longest = Int(try database.metadata(IndexSchema.MetadataKey.longestName)) ?? 0
    }

    /// The key under which the `number`th recognised text is registered with the query parser.
    static func key(_ number: Int) -> String { "s\(number)" }

    /// The actor `text` names, if exactly one live actor goes by it: as typed, or in any case
    /// when the name need not keep its own (`ActorNameKeys.needsItsOwnCase`: "japan" is Japan,
    /// "let" is not LeT).
    func entry(for text: String) throws(XapianError) -> Entry? {
        if let known = looked[text] { return known }
        var entry: Entry? = nil
        var listed = try actors.actors(listedUnder: IndexSchema.metadataKey(IndexSchema.MetadataKey.namePrefix, text))
        if listed.isEmpty && !ActorNameKeys.operators.contains(text) {
            listed = try actors.actors(listedUnder: ActorNameKeys.foldedKey(text))
        }
        if listed.count == 1 { entry = Entry(text: text, name: listed[0].name, id: listed[0].id) }
        looked[text] = entry
        return entry
    }

    /// A chunk of the query between whitespace, outside quotes.
    private struct Chunk {
        var text: Substring
        var core: Range<String.Index>
        var hasLeadingSign: Bool
        var hasTrailingBracket: Bool
        var hasLeadingBracket: Bool
    }

    /// The query with every recognised alias or name routed to `field` (`LeT attack` ->
    /// `dossieralias:s3 attack`); unchanged when nothing is recognised.
    /// - Parameter register: called once per text not yet registered, with its key and entry.
    func rewrite(_ query: String, register: (String, Entry) throws -> Void) throws -> String {
        guard longest > 0 else { return query }
        let chunks = Self.chunks(of: query)
        var replacements: [(Range<String.Index>, String)] = []
        var i = 0
        while i < chunks.count {
            let chunk = chunks[i]
            var matched: (count: Int, entry: Entry)? = nil
            var n = min(longest, chunks.count - i)
            while n >= 1 && matched == nil {
                defer { n -= 1 }
                let span = chunks[i..<(i + n)]
                guard span.allSatisfy({ !$0.core.isEmpty }) else { continue }
                // Inner words must be bare: no sign, no brackets between them.
                let bare = n == 1 || (!chunk.hasLeadingSign && !chunk.hasTrailingBracket
                    && span.dropFirst().allSatisfy { !$0.hasLeadingSign && !$0.hasLeadingBracket }
                    && span.dropLast().allSatisfy { !$0.hasTrailingBracket })
                // NEAR and ADJ take words, not the OR the synonym expands to.
                let beside = [i > 0 ? chunks[i - 1] : nil, i + n < chunks.count ? chunks[i + n] : nil]
                let nearOperator = beside.contains { $0.map { Self.isProximity($0.text) } ?? false }
                guard bare && !nearOperator else { continue }
                let text = span.map { query[$0.core] }.joined(separator: " ")
                if let entry = try entry(for: text) { matched = (n, entry) }
            }
            guard let matched else { i += 1; continue }
            let key: String
            if let known = keys[matched.entry.text] {
                key = known
            } else {
                key = Self.key(keys.count)
                try register(key, matched.entry)
                keys[matched.entry.text] = key
            }
            let last = chunks[i + matched.count - 1]
            replacements.append((chunk.core.lowerBound..<last.core.upperBound, "\(Self.field):\(key)"))
            i += matched.count
        }
        guard !replacements.isEmpty else { return query }
        var out = query
        for (range, text) in replacements.reversed() { out.replaceSubrange(range, with: text) }
        return out
    }

    /// `NEAR`, `ADJ`, `NEAR/3`, `ADJ/2`.
    private static func isProximity(_ chunk: Substring) -> Bool {
        let word = chunk.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
        return word == "NEAR" || word == "ADJ"
    }

    /// Splits the query into whitespace-separated chunks outside double quotes; each chunk's
    /// core drops a leading sign (`+`/`-`) and brackets. Chunks that are not plain words
    /// (fielded `x:y`, wildcards `x*`, touching a quote) get an empty core and never match.
    private static func chunks(of query: String) -> [Chunk] {
        var result: [Chunk] = []
        var inQuote = false
        var index = query.startIndex
        while index < query.endIndex {
            let c = query[index]
            if c == "\"" { inQuote.toggle(); index = query.index(after: index); continue }
            if inQuote || c.isWhitespace { index = query.index(after: index); continue }
            let start = index
            while index < query.endIndex, !query[index].isWhitespace, query[index] != "\"" {
                index = query.index(after: index)
            }
            let touchesQuote = index < query.endIndex && query[index] == "\""
            var coreStart = start, coreEnd = index
            var sign = false, open = false, close = false
            while coreStart < coreEnd, "(+-".contains(query[coreStart]) {
                if query[coreStart] == "(" { open = true } else { sign = true }
                coreStart = query.index(after: coreStart)
            }
            while coreStart < coreEnd, query[query.index(before: coreEnd)] == ")" {
                close = true
                coreEnd = query.index(before: coreEnd)
            }
            let core = query[coreStart..<coreEnd]
            let plain = !touchesQuote && !core.isEmpty && !core.contains(":") && !core.contains("*")
            result.append(Chunk(
                text: query[start..<index], core: plain ? coreStart..<coreEnd : coreStart..<coreStart,
                hasLeadingSign: sign, hasTrailingBracket: close, hasLeadingBracket: open))
        }
        return result
    }
}
