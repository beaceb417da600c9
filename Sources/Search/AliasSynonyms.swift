/// Actor aliases as synonyms in the query language: a query `LeT` also finds passages that
/// spell out (or are tagged with) Lashkar-e-Taiba.
///
/// Why at query time and case-sensitively: Xapian's synonym table is keyed by the lower-cased
/// term the QueryParser produces, so a synonym stored for the acronym "LeT" would also expand
/// the English word "let" ("let the talks resume"). Here the query text is scanned for alias
/// and name tokens *with their case* (`LeT` matches, `let` and `LET` do not), and only those
/// tokens are routed to a shim field (`SynonymFieldProcessor`) that ORs the token with the
/// actor's name phrase and its `XA` term. The token is replaced by an opaque key
/// (`dossieralias:s3`) because Xapian lower-cases a field's value and hands no quoted or
/// multi-word value to a field processor. Quoted phrases, fielded terms (`title:x`),
/// wildcards, operators and the words around `NEAR` are left alone. Scanning a query costs
/// microseconds.
struct AliasSynonyms: Sendable {
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

    /// Entry indexes by their first word, longest first, so multi-word names win over parts.
    private let byFirstWord: [String: [(words: [String], entry: Int)]]
    /// Every entry (for registering with the query parser).
    let entries: [Entry]

    private static let operators: Set<String> = ["AND", "OR", "NOT", "XOR", "NEAR", "ADJ"]

    /// The key under which entry `index` is registered with the query parser.
    static func key(_ index: Int) -> String { "s\(index)" }

    /// Builds the table from an index's actors: every canonical name, and every alias that
    /// has a capital letter and names exactly one actor. An alias shared by two actors is
    /// ambiguous and expands to nothing.
    init(directory: ActorDirectory) {
        var owners: [String: Set<String>] = [:]
        var byText: [String: Entry] = [:]
        for actor in directory.actors {
            for text in [actor.name] + actor.aliases {
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                guard trimmed.contains(where: \.isUppercase), !trimmed.contains("\""),
                      !Self.operators.contains(trimmed) else { continue }
                owners[trimmed, default: []].insert(actor.id)
                byText[trimmed] = Entry(text: trimmed, name: actor.name, id: actor.id)
            }
        }
        entries = byText.values.filter { owners[$0.text]?.count == 1 }.sorted { $0.text < $1.text }
        var index: [String: [(words: [String], entry: Int)]] = [:]
        for (number, entry) in entries.enumerated() {
            let words = entry.text.split(whereSeparator: \.isWhitespace).map(String.init)
            guard let first = words.first else { continue }
            index[first, default: []].append((words, number))
        }
        for key in index.keys { index[key]!.sort { $0.words.count > $1.words.count } }
        byFirstWord = index
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
    func rewrite(_ query: String) -> String {
        guard !byFirstWord.isEmpty else { return query }
        let chunks = Self.chunks(of: query)
        var replacements: [(Range<String.Index>, String)] = []
        var i = 0
        while i < chunks.count {
            let chunk = chunks[i]
            let word = String(query[chunk.core])
            guard let candidates = byFirstWord[word] else { i += 1; continue }
            var matched: (count: Int, entry: Int)? = nil
            for candidate in candidates {
                let n = candidate.words.count
                guard i + n <= chunks.count else { continue }
                let span = chunks[i..<(i + n)]
                // Inner words must be bare: no sign, no brackets between them.
                let bare = n == 1 || (!chunk.hasLeadingSign && !chunk.hasTrailingBracket
                    && span.dropFirst().allSatisfy { !$0.hasLeadingSign && !$0.hasLeadingBracket }
                    && span.dropLast().allSatisfy { !$0.hasTrailingBracket })
                // NEAR and ADJ take words, not the OR the synonym expands to.
                let beside = [i > 0 ? chunks[i - 1] : nil, i + n < chunks.count ? chunks[i + n] : nil]
                let nearOperator = beside.contains { $0.map { Self.isProximity($0.text) } ?? false }
                if bare && !nearOperator && zip(span, candidate.words).allSatisfy({ query[$0.core] == $1 }) {
                    matched = (n, candidate.entry)
                    break
                }
            }
            guard let matched else { i += 1; continue }
            let last = chunks[i + matched.count - 1]
            replacements.append((chunk.core.lowerBound..<last.core.upperBound, "\(Self.field):\(Self.key(matched.entry))"))
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
