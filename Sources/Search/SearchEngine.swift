import Foundation
import NewsModel
import XapianStore

/// Runs searches against one index: parses the query, applies filters, ranks (IneB2 or BM25),
/// counts facets over the whole match set, and builds snippets.
///
/// Not thread-safe (it owns a Xapian reader); use one engine per thread.
public final class SearchEngine {
    /// The index directory.
    public let indexPath: String
    let database: Database
    private var parserCache: QueryParser?
    private var actorCache: ActorDirectory?
    private var lookupCache: ActorLookup?
    private var synonymCache: AliasSynonyms?
    /// Hits fetched per match set while streaming; memory is bounded by one page.
    let pageSize: Int
    /// Decodes stored passage records (one decoder for every hit of every search).
    let decoder = JSONDecoder()

    /// Query-language features on for every search: AND/OR/NOT/NEAR and parentheses, phrases,
    /// `+`/`-` terms, trailing wildcards, a query of only `NOT x`, and "did you mean"
    /// suggestions from the index's spelling dictionary.
    static let parseFlags: QueryParser.Flags = [.boolean, .phrase, .loveHate, .wildcard, .pureNot, .spellingCorrection]

    /// Whether the engine answers without shards that do not answer (`--allow-partial`),
    /// marking every result it gives (`partial`), instead of failing.
    public let allowsPartial: Bool

    /// Opens the index at `indexPath` for searching.
    /// - Parameters:
    ///   - pageSize: hits fetched per Xapian match set when streaming (default 10,000);
    ///     exports of any length are read page by page, so memory stays flat.
    ///   - allowPartial: when shards of a sharded index do not answer (`Database
    ///     .missingShards`: down, timed out, gone), answer from the others, every result marked
    ///     `partial`, instead of failing. The first shard, which holds the index-wide metadata,
    ///     can never be left out.
    ///   - remoteTimeout: the seconds a remote shard may take to connect and to answer each
    ///     request before it counts as not answering.
    /// - Throws: `SearchError.indexNotFound` when there is none, `.incompatibleIndex` when it
    ///   was written with another schema version, `.shardsUnreachable` when a shard does not
    ///   answer (without `allowPartial`, or when it is the first).
    public init(
        indexPath: String, pageSize: Int = 10_000, allowPartial: Bool = false,
        remoteTimeout: Double = Database.defaultRemoteTimeout
    ) throws(SearchError) {
        self.indexPath = indexPath
        self.pageSize = max(1, pageSize)
        allowsPartial = allowPartial
        do {
            // Every shard is opened on its own, so that the ones that do not answer are known by
            // name; whether an answer may leave them out is this engine's rule (`admitMissingShards`).
            database = try Database(path: indexPath, allowingMissingShards: true, remoteTimeout: remoteTimeout)
        } catch {
            throw SearchError.from(error, path: indexPath, query: "")
        }
        try admitMissingShards()
        let incompatible: String?
        do {
            incompatible = try IndexSchema.incompatibleVersion(of: database)
        } catch {
            throw SearchError.from(error, path: indexPath, query: "")
        }
        if let incompatible { throw SearchError.incompatibleIndex(path: indexPath, version: incompatible) }
    }

    /// The mark every result of this engine carries while shards are left out (`allowsPartial`),
    /// or nil when every shard answered.
    public var partial: PartialAnswer? {
        database.missingShards.isEmpty ? nil : PartialAnswer(database.missingShards, of: database.shardCount)
    }

    /// The one rule for shards that do not answer: an error naming them, unless the engine
    /// allows a partial answer and the first shard (the index-wide metadata) is not among them.
    func admitMissingShards() throws(SearchError) {
        let missing = database.missingShards
        guard !missing.isEmpty, !allowsPartial || database.lacksMetadataShard else { return }
        throw .shardsUnreachable(
            path: indexPath, shards: PartialAnswer(missing, of: database.shardCount).missingShards, partialAllowed: allowsPartial)
    }

    /// The actors of the index (loaded once per engine).
    public func actorDirectory() throws(SearchError) -> ActorDirectory {
        if let actorCache { return actorCache }
        let directory = try reopeningOnce(query: "", canRetry: { true }) { try ActorDirectory(database: database) }
        actorCache = directory
        return directory
    }

    /// Runs `request` and returns its page of hits with totals and facets.
    public func search(_ request: SearchRequest) throws(SearchError) -> SearchResults {
        var hits: [SearchHit] = []
        var results = try stream(request) { (hit) throws(SearchError) in hits.append(hit) }
        results.hits = hits
        return results
    }

    /// Runs `request` and hands each hit to `body` as it is read, in rank order, fetching the
    /// match set in pages so that memory stays flat however many hits there are.
    /// - Parameters:
    ///   - header: called once with totals and facets, before the first hit.
    ///   - body: called for each hit.
    /// - Returns: the totals and facets (with no hits).
    @discardableResult
    public func stream(
        _ request: SearchRequest, header: (SearchResults) throws(SearchError) -> Void = { _ in },
        body: (SearchHit) throws(SearchError) -> Void
    ) throws(SearchError) -> SearchResults {
        var emitted = 0
        return try reopeningOnce(query: request.query, canRetry: { emitted == 0 }) {
            try run(request, header: header) { (hit) throws(SearchError) in
                emitted += 1
                try body(hit)
            }
        }
    }

    /// Moves to the index's latest commit, if there is a newer one, so that a long-lived engine
    /// (`dossier serve`) sees what the indexer committed since. Every search still reads one
    /// whole commit: Xapian readers see a revision, never a half-written one.
    /// - Returns: true when the engine moved to another revision (its caches were dropped).
    @discardableResult
    public func refresh() throws(SearchError) -> Bool {
        let changed: Bool
        do {
            changed = try database.reopen()
        } catch {
            throw SearchError.from(error, path: indexPath, query: "")
        }
        if changed { dropCaches() }
        // Checked whether or not it moved: an earlier search may have found a shard gone.
        try admitMissingShards()
        return changed
    }

    /// Forgets what was read from one revision: the parser (its alias tables), the actors
    /// and the synonyms.
    private func dropCaches() {
        parserCache = nil
        actorCache = nil
        lookupCache = nil
        synonymCache = nil
    }

    /// The passage with `passageID` (`article_id#paragraph`) and up to `context` neighbouring
    /// passages of its article on each side, in document order; nil when the index has no
    /// such passage.
    public func passage(id passageID: String, context: Int = 0) throws(SearchError) -> (passage: PassageRecord, context: [PassageRecord])? {
        try reopeningOnce(query: "", canRetry: { true }) { () -> (PassageRecord, [PassageRecord])? in
            guard let data = try database.data(forTerm: IndexSchema.term(IndexSchema.passageID, passageID)) else { return nil }
            let record = try storedRecord(data, passage: passageID)
            return (record, context > 0 ? try neighbours(of: record, distance: context) : [])
        }
    }

    /// Runs `body`, mapping Xapian's errors to `SearchError`. A writer may discard the
    /// revision being read (DatabaseModifiedError): then the index is reopened at the latest
    /// commit and `body` runs once more, if `canRetry` (nothing was handed out yet). A remote
    /// shard may stop answering (NetworkError): then every shard is opened again on its own, and
    /// the shards that do not answer are an error naming them (`admitMissingShards`), or, when
    /// the engine allows a partial answer, `body` runs once more without them, if `canRetry`.
    func reopeningOnce<T>(query: String, canRetry: () -> Bool, _ body: () throws -> T) throws(SearchError) -> T {
        for attempt in 0..<2 {
            do {
                return try body()
            } catch let error as SearchError {
                throw error
            } catch let error as XapianError {
                if error.code == .databaseModified && attempt == 0 && canRetry() {
                    try? database.reopen()
                    dropCaches()
                    continue
                }
                if error.code == .network && attempt == 0 {
                    do { try database.reopenAnsweringShards() } catch { throw SearchError.from(error, path: indexPath, query: query) }
                    dropCaches()
                    try admitMissingShards()
                    if canRetry() { continue }
                }
                throw SearchError.from(error, path: indexPath, query: query)
            } catch {
                throw .store(XapianError(code: .other, xapianType: "unknown", message: "\(error)", operation: "searching"))
            }
        }
        throw .store(XapianError(
            code: .databaseModified, xapianType: "DatabaseModifiedError",
            message: "the index changed twice during the search", operation: "searching"))
    }

    /// Runs `request` and writes every hit of its page (or all of them) with `writer`.
    /// - Returns: the totals and facets, and the number of hits written.
    @discardableResult
    public func export(_ request: SearchRequest, to writer: any HitWriter) throws(SearchError) -> (results: SearchResults, written: Int) {
        var written = 0
        func guarded(_ body: () throws -> Void) throws(SearchError) {
            do { try body() } catch let error as SearchError { throw error } catch { throw .output(reason: "\(error)") }
        }
        let results = try stream(request, header: { (results) throws(SearchError) in
            try guarded { try writer.begin(results) }
        }, body: { (hit) throws(SearchError) in
            try guarded { try writer.write(hit) }
            written += 1
        })
        try guarded { try writer.finish(results, written: written) }
        return (results, written)
    }

    /// The totals, facets and the ids and scores of the first `top` hits of `request`, without
    /// reading the hits' records or making snippets (`dossier batch`): the ids come from two
    /// value slots (article, paragraph). With `request.rank == .articles` the hits are articles.
    public func summary(_ request: SearchRequest, top: Int) throws(SearchError) -> (results: SearchResults, hits: [RankedID]) {
        try reopeningOnce(query: request.query, canRetry: { true }) { try runSummary(request, top: top) }
    }

    private func runSummary(_ request: SearchRequest, top: Int) throws -> (results: SearchResults, hits: [RankedID]) {
        // Batch rows show no suggestion: skip the spelling dictionary.
        let (query, enquire, counters, suggestion) = try prepare(request, suggest: false)
        if request.rank == .articles {
            let ranking = try rankArticles(request, enquire: enquire)
            let page = ranking.articles.dropFirst(request.offset).prefix(max(0, top))
            var results = ranking.results(facets: try facets(request, counters: counters), suggestion: suggestion, request: request)
            try summarise(&results, request)
            return (results, page.map { RankedID(id: $0.articleID, score: query.isEmpty ? 0 : $0.score) })
        }
        let page = try firstMatch(
            enquire, request, first: request.offset, maximum: max(0, top), checkAtLeast: max(try database.documentCount(), 1))
        let totals = page.totals
        var hits: [RankedID] = []
        hits.reserveCapacity(page.count)
        for index in 0..<page.count {
            let weight = query.isEmpty ? 0 : try page.weight(index).weight
            hits.append(RankedID(id: try slotIDs(page, index).passageID, score: weight))
        }
        var results = SearchResults(
            total: totals.estimated, totalIsExact: totals.lowerBound == totals.upperBound, hits: [],
            facets: try facets(request, counters: counters), suggestion: suggestion)
        try summarise(&results, request)
        return (results, hits)
    }

    /// Applies `request.timeLimit` to `enquire`, for its first, exhaustive match.
    func limitTime(of enquire: Enquire, _ request: SearchRequest) throws {
        if let seconds = request.timeLimit { try enquire.setTimeLimit(seconds: seconds) }
    }

    /// The first match of a search, the exhaustive one that counts every passage, under
    /// `request.timeLimit`: throws `SearchError.timedOut` when the limit cut it, never a
    /// partial count, and lifts the limit for the pages after it (an export reads on at the
    /// reader's pace).
    ///
    /// A local match past its deadline throws; a remote shard's is stopped by Xapian with
    /// inexact totals, and every search asks Xapian to examine every document, so inexact
    /// totals under a limit are the sign of a cut match there.
    func firstMatch(
        _ enquire: Enquire, _ request: SearchRequest, first: Int, maximum: Int, checkAtLeast: Int
    ) throws -> MatchSet {
        let page: MatchSet
        do {
            page = try enquire.matchSet(first: first, maximum: maximum, checkAtLeast: checkAtLeast)
        } catch {
            if error.code == .timedOut { throw SearchError.timedOut(query: request.query, seconds: request.timeLimit ?? 0) }
            throw error
        }
        if let seconds = request.timeLimit {
            if page.totals.lowerBound != page.totals.upperBound {
                throw SearchError.timedOut(query: request.query, seconds: seconds)
            }
            try enquire.removeTimeLimit()
        }
        return page
    }

    /// The enquire for `request` (query, order, collapsing) with its facet counters attached.
    func prepare(
        _ request: SearchRequest, suggest: Bool
    ) throws -> (Query, Enquire, [IndexSchema.ValueSlot: FacetCounter], String?) {
        let (query, suggestion) = try buildQuery(request, suggest: suggest)
        let enquire = try Enquire(database: database, query: query)
        try limitTime(of: enquire, request)
        try weigh(enquire, request.ranking)
        switch request.order {
        case .relevance: try enquire.setOrder(.relevance)
        case .newest: try enquire.setOrder(.value(.published, descending: true))
        case .oldest: try enquire.setOrder(.value(.published, descending: false))
        }
        if request.rank == .passages, let perArticle = request.perArticle, perArticle > 0 { try enquire.collapse(on: .article, maximum: perArticle) }
        var counters: [IndexSchema.ValueSlot: FacetCounter] = [:]
        for kind in request.facets where counters[kind.slot] == nil {
            counters[kind.slot] = try enquire.addFacet(slot: kind.slot)
        }
        return (query, enquire, counters, suggestion)
    }

    /// Sets the weighting `ranking` names, with its parameters, on `enquire`.
    func weigh(_ enquire: Enquire, _ ranking: RankingParameters) throws {
        switch ranking.weighting {
        case .bm25: try enquire.setBM25(k1: ranking.k1, b: ranking.b)
        case .ineb2: try enquire.setIneB2(c: ranking.c)
        }
    }

    private func run(
        _ request: SearchRequest, header: (SearchResults) throws(SearchError) -> Void,
        body: (SearchHit) throws(SearchError) -> Void
    ) throws -> SearchResults {
        let (query, enquire, counters, suggestion) = try prepare(request, suggest: true)
        if request.rank == .articles {
            return try runArticles(
                request, query: query, enquire: enquire, counters: counters, suggestion: suggestion, header: header, body: body)
        }

        // Examining every document makes the total and the facet counts exact.
        let everything = max(try database.documentCount(), 1)
        let wanted = request.limit ?? Int.max
        var first = request.offset
        var remaining = wanted
        var page = try firstMatch(enquire, request, first: first, maximum: min(remaining, pageSize), checkAtLeast: everything)
        let totals = page.totals
        let exact = totals.lowerBound == totals.upperBound
        var results = SearchResults(
            total: totals.estimated, totalIsExact: exact, hits: [],
            facets: try facets(request, counters: counters), suggestion: suggestion,
            facetsAreExact: exact && counters.values.allSatisfy { Self.sawEveryMatch($0.documentsExamined, totals, request) })
        try summarise(&results, request)
        try header(results)

        var rank = request.offset
        while true {
            for index in 0..<page.count {
                rank += 1
                guard request.records else {
                    let score = query.isEmpty ? 0 : try page.weight(index).weight
                    try body(SearchHit(rank: rank, score: score, record: try idsOnlyRecord(page, index), snippet: Snippet(text: "", highlights: []), context: []))
                    continue
                }
                let item = try page.item(index)
                let record = try storedRecord(item.data, passage: "document \(item.docid)")
                try body(try hit(record: record, rank: rank, score: query.isEmpty ? 0 : item.weight, page: page, request: request))
            }
            remaining -= page.count
            first += page.count
            guard page.count == pageSize, remaining > 0 else { break }
            page = try enquire.matchSet(first: first, maximum: min(remaining, pageSize), checkAtLeast: 0)
        }
        results.hits = []
        return results
    }

    /// A passage's stored record, decoded; the one place a record is read, so a record that
    /// cannot be is always an error naming it (`SearchError.unreadableRecord`), never a hit
    /// quietly left out of a list whose total counts it.
    func storedRecord(_ data: String, passage: @autoclosure () -> String) throws -> PassageRecord {
        do {
            return try decoder.decode(PassageRecord.self, from: Data(data.utf8))
        } catch {
            let reason = data.isEmpty ? "it is empty" : "it is not a Dossier passage record"
            throw SearchError.unreadableRecord(path: indexPath, passage: passage(), reason: reason)
        }
    }

    /// The record of a hit whose export needs only its ids (`SearchRequest.records` off): the
    /// passage id, article id and paragraph from their value slots, nothing else.
    private func idsOnlyRecord(_ page: MatchSet, _ index: Int) throws -> PassageRecord {
        let ids = try slotIDs(page, index)
        return PassageRecord(
            passageID: ids.passageID, articleID: ids.article, file: "", paragraph: ids.paragraph, kind: "", title: "",
            published: nil, publishedOrigin: nil, source: nil, url: nil, text: "", actors: [], dates: [])
    }

    /// A hit's ids from its value slots (article, paragraph), without its record.
    private func slotIDs(_ page: MatchSet, _ index: Int) throws -> (article: String, paragraph: Int, passageID: String) {
        let article = try page.value(index, slot: .article)
        let paragraph = Int(try page.value(index, slot: .paragraph)) ?? 0
        return (article, paragraph, PassageRecord.passageID(article: article, paragraph: paragraph))
    }

    /// The hit for a passage's record: its snippet (when `request.snippets`; a pass over the
    /// text per hit) and its neighbours (`request.context`).
    func hit(record: PassageRecord, rank: Int, score: Double, page: MatchSet, request: SearchRequest) throws -> SearchHit {
        var snippet = Snippet(text: "", highlights: [])
        if request.snippets {
            snippet = Snippet.fromXapian(try page.snippet(
                of: record.text, length: request.snippetLength, language: IndexSchema.language,
                highlightStart: "<b>", highlightEnd: "</b>", omission: "…"))
        }
        let context = request.context > 0 ? try neighbours(of: record, distance: request.context) : []
        return SearchHit(rank: rank, score: score, record: record, snippet: snippet, context: context)
    }

    // MARK: - Query

    /// The fields that filter (`actor:`, `source:`, `published:`, ...): each becomes a boolean
    /// filter field of the parser, and, written outside brackets, applies to the whole query
    /// (`QueryText`).
    static let filterFields: Set<String> = Set(IndexSchema.fields.compactMap { field in
        switch field.kind {
        case .booleanEither, .booleanAll, .dateTerms: return field.name
        case .freeText, .internalOnly: return nil
        }
    } + [publishedField])

    /// The free-text fields (`title:`).
    static let freeTextFields: Set<String> = Set(IndexSchema.fields.compactMap { $0.kind == .freeText ? $0.name : nil })

    /// The query-language name of the publication-date range.
    static let publishedField = "published"

    private func parser() throws -> QueryParser {
        if let parserCache { return parserCache }
        let parser = try QueryParser(database: database, language: IndexSchema.language, stemming: IndexSchema.stemming)
        for field in IndexSchema.fields {
            guard let name = field.name else { continue }
            switch field.kind {
            case .freeText: try parser.addPrefix(field: name, prefix: field.prefix)
            case .booleanEither, .booleanAll:
                try parser.addFilterField(field: name, repeatedUsesAND: field.kind == .booleanAll) { [unowned self] value in
                    try Query.term(try self.filterTerm(field, value))
                }
            case .dateTerms: try parser.addDateTermField(field: name, prefix: field.prefix)
            case .internalOnly: break
            }
        }
        try parser.addDateField(field: Self.publishedField, first: .published, last: .publishedLast)
        try parser.addSynonymField(AliasSynonyms.field)
        parserCache = parser
        synonymCache = nil  // its keys were registered with the previous parser
        return parser
    }

    /// The term a filter value stands for: an actor as `--actor` resolves it (`ActorLookup`,
    /// the one place that does), an article id as typed, any other value by its slug.
    private func filterTerm(_ field: IndexSchema.Field, _ value: String) throws -> String {
        if field.prefix == IndexSchema.actor.prefix { return IndexSchema.term(field, try actorLookup().resolve(value).id) }
        if field.prefix == IndexSchema.article.prefix { return IndexSchema.term(field, value) }
        return IndexSchema.term(field, Slug.fold(value))
    }

    /// Actors by id and by name, looked up one at a time (cached per engine).
    func actorLookup() -> ActorLookup {
        if let lookupCache { return lookupCache }
        let lookup = ActorLookup(database: database)
        lookupCache = lookup
        return lookup
    }

    private func synonyms() throws -> AliasSynonyms {
        if let synonymCache { return synonymCache }
        let table = try AliasSynonyms(database: database, actors: actorLookup())
        synonymCache = table
        return table
    }

    /// Parses the user's query: filters outside brackets apply to the whole query
    /// (`QueryText`), actor aliases become synonyms (see `AliasSynonyms`), possessives and case
    /// are folded as the index folds them, and, with `suggest`, a spelling suggestion is read
    /// for words the index does not know (callers that show none, `batch` and `count`, skip
    /// the dictionary lookups).
    /// - Throws: `SearchError.onlyStopWords` when the words are all stop words, which match nothing.
    private func parseUserQuery(_ text: String, matchAny: Bool, suggest: Bool) throws -> (Query, String?) {
        // A word the index holds is never corrected (`keepingKnownWords`), so when it holds
        // every typed word there is nothing to suggest, and the dictionary lookups (a parse
        // with corrections, often two) are skipped: most searches are of known words.
        let suggest = try suggest && !indexHoldsEveryWord(of: text)
        let flags = suggest ? Self.parseFlags : Self.parseFlags.subtracting(.spellingCorrection)
        let parser = try parser()
        let split = QueryText(text, filterFields: Self.filterFields)
        func parsed(_ part: String, flags: QueryParser.Flags) throws -> Query {
            do {
                return try parser.parse(part, flags: flags, defaultOperatorIsOR: matchAny)
            } catch let error as XapianError where error.code == .queryParse || error.code == .wildcard {
                throw SearchError.invalidQuery(query: text, message: Self.explain(error.message, query: text))
            }
        }
        var query: Query
        var parsedText = ""
        if split.words.isEmpty {
            query = try Query.matchAll()
        } else {
            let rewritten = try synonyms().rewrite(TermIndexer.droppingPossessives(split.words)) { key, entry in
                try parser.addPhraseSynonym(
                    field: AliasSynonyms.field, key: key, text: entry.text, name: entry.name,
                    term: IndexSchema.term(IndexSchema.actor, entry.id))
            }
            parsedText = QueryText.foldingCase(rewritten, freeTextFields: Self.freeTextFields)
            query = try parsed(parsedText, flags: flags)
            try requireContentWords(query, words: split.words, parser: parser, typed: text)
        }
        let including = split.filters.filter { !$0.excludes }.map(\.text)
        if !including.isEmpty {
            query = try Query.combine(.filter, query, try parsed(including.joined(separator: " "), flags: []))
        }
        for filter in split.filters where filter.excludes {
            query = try Query.combine(.andNot, query, try parsed(filter.text, flags: []))
        }
        guard suggest, !split.words.isEmpty else { return (query, nil) }
        var corrected = try parser.correctedQuery()
        if parsedText != text {
            // The correction is of the text as parsed; read it again for the text as typed.
            corrected = (try? parser.parse(text, flags: Self.parseFlags, defaultOperatorIsOR: matchAny))
                .flatMap { _ in try? parser.correctedQuery() } ?? ""
        }
        if !corrected.isEmpty { corrected = try keepingKnownWords(typed: text, corrected: corrected) }
        return (query, corrected.isEmpty || corrected == text ? nil : corrected)
    }

    /// Stop words are indexed only as typed, never stemmed (`TermIndexer`), so a query whose
    /// words are all stop words matches nothing, or only what a phrase would: say so, naming
    /// them, instead of returning 0 passages without a word.
    private func requireContentWords(_ query: Query, words: String, parser: QueryParser, typed: String) throws {
        let terms = try query.terms()
        // Xapian drops a lone stop word (empty query) or, for a group of them, searches their
        // stems (`Zthe`), which the index never holds.
        let onlyStems = terms.allSatisfy { $0.hasPrefix("Z") && parser.isStopWord(String($0.dropFirst())) }
        guard query.isEmpty || onlyStems else { return }
        var seen = Set<String>()
        let stopWords = words.split(whereSeparator: { !$0.isLetter && $0 != "'" }).map { $0.lowercased() }
            .filter { parser.isStopWord($0) && seen.insert($0).inserted }
        guard !stopWords.isEmpty else { return }
        throw SearchError.onlyStopWords(query: typed, words: stopWords)
    }

    /// Xapian 1.4 suggests a correction for any word with a close and more frequent neighbour
    /// in the spelling dictionary, even a word the index holds ("attack" -> "attacks", "let" ->
    /// "led"). A suggestion is for words the index does not know, so each corrected word whose
    /// typed form is indexed is put back. The corrected string is the typed one with words
    /// replaced, so the two split into the same pieces at spaces.
    private func keepingKnownWords(typed: String, corrected: String) throws -> String {
        let typedWords = typed.split(separator: " ", omittingEmptySubsequences: false)
        var words = corrected.split(separator: " ", omittingEmptySubsequences: false)
        guard typedWords.count == words.count else { return corrected }
        for (index, word) in typedWords.enumerated() where word != words[index] {
            if try isIndexed(word) { words[index] = word }
        }
        return words.joined(separator: " ")
    }

    /// Whether a typed word, bare of possessive and punctuation, is a term of the index: the
    /// one test of "a word the index knows" for suggestions.
    private func isIndexed(_ word: Substring) throws -> Bool {
        let bare = TermIndexer.droppingPossessives(String(word)).trimmingCharacters(in: .alphanumerics.inverted).lowercased()
        return try !bare.isEmpty && database.termFrequency(bare) > 0
    }

    /// Whether every space-separated word of `typed` is indexed, so that no suggestion could
    /// survive `keepingKnownWords`.
    private func indexHoldsEveryWord(of typed: String) throws -> Bool {
        let words = typed.split(separator: " ")
        for word in words where try !isIndexed(word) { return false }
        return !words.isEmpty
    }

    /// The query and filters as one Xapian query, and a spelling suggestion if any.
    func buildQuery(_ request: SearchRequest, suggest: Bool) throws -> (Query, String?) {
        let text = request.plain ? PlainQuery(request.query).text : request.query.trimmingCharacters(in: .whitespacesAndNewlines)
        var query: Query
        var suggestion: String? = nil
        if text.isEmpty {
            query = try Query.matchAll()
        } else {
            (query, suggestion) = try parseUserQuery(text, matchAny: request.matchAny, suggest: suggest)
        }
        var filters: [Query] = []
        for name in request.actors {
            let actor = try actorLookup().resolve(name)
            filters.append(try Query.term(IndexSchema.term(IndexSchema.actor, actor.id)))
        }
        if !request.actorTypes.isEmpty {
            filters.append(try anyOf(request.actorTypes.map { IndexSchema.term(IndexSchema.actorType, $0.rawValue) }))
        }
        if !request.sources.isEmpty {
            filters.append(try anyOf(request.sources.map { IndexSchema.term(IndexSchema.source, Slug.fold($0)) }))
        }
        if request.publishedFrom != nil || request.publishedTo != nil {
            filters.append(try rangeFilter(field: "published", option: "--from/--to", request.publishedFrom, request.publishedTo))
        }
        if request.mentionedFrom != nil || request.mentionedTo != nil {
            filters.append(try rangeFilter(
                field: "mentioned", option: "--mentioned-from/--mentioned-to",
                request.mentionedFrom ?? "0001", request.mentionedTo ?? "9999"))
        }
        for filter in filters { query = try Query.combine(.filter, query, filter) }
        return (query, suggestion)
    }

    private func anyOf(_ terms: [String]) throws -> Query {
        var combined = try Query.term(terms[0])
        for term in terms.dropFirst() { combined = try Query.combine(.or, combined, try Query.term(term)) }
        return combined
    }

    /// A date filter built by the query parser's own range processor, so that options and the
    /// query language accept exactly the same dates.
    func rangeFilter(field: String, option: String, _ from: String?, _ to: String?) throws -> Query {
        let low = from ?? "", high = to ?? ""
        for value in [low, high] where value.contains(where: { $0.isWhitespace || $0 == "." }) {
            throw SearchError.invalidFilter(option: option, value: value, message: "not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
        }
        do {
            return try parser().parse("\(field):\(low)..\(high)", flags: [])
        } catch let error as XapianError where error.code == .queryParse {
            throw SearchError.invalidFilter(option: option, value: "\(low)..\(high)", message: error.message)
        }
    }

    /// Makes Xapian's parse errors read as advice.
    static func explain(_ message: String, query: String) -> String {
        if message.contains("Syntax: <expression> AND <expression>") || message.contains("Syntax:") {
            return message + " (an operator needs a word on each side; quote words to search for them literally)"
        }
        return message
    }

    // MARK: - Facets

    /// True when a spy saw every match, so its counts are exact. Collapsing (`--per-article`)
    /// hides matches from the total but not from the spies, which then see more documents.
    static func sawEveryMatch(
        _ examined: Int, _ totals: (lowerBound: Int, estimated: Int, upperBound: Int), _ request: SearchRequest
    ) -> Bool {
        request.perArticle == nil ? examined == totals.upperBound : examined >= totals.upperBound
    }

    func facets(_ request: SearchRequest, counters: [IndexSchema.ValueSlot: FacetCounter]) throws -> [FacetResult] {
        var results: [FacetResult] = []
        for kind in request.facets {
            guard let counter = counters[kind.slot] else { continue }
            var counts = try counter.counts()
            var distinct: Int? = nil
            // Every actor keeps its value, so only those counted at least as often as the
            // limit-th can be shown: look up just those names (ties are ordered by name).
            // Type facets must look every actor up to know its type.
            if kind == .actor, let limit = request.facetLimit, limit > 0, counts.count > limit {
                let threshold = counts.values.sorted(by: >)[limit - 1]
                distinct = counts.count
                counts = counts.filter { $0.value >= threshold }
            }
            var values: [FacetValue] = []
            for (raw, count) in counts {
                if let value = try facetValue(kind, raw: raw, count: count) { values.append(value) }
            }
            values.sort(by: Self.byCount)
            let distinctValues = distinct ?? values.count
            if let limit = request.facetLimit { values = Array(values.prefix(limit)) }
            results.append(FacetResult(kind: kind, values: values, distinctValues: distinctValues))
        }
        return results
    }

    /// Descending count, then ascending value.
    static func byCount(_ a: FacetValue, _ b: FacetValue) -> Bool {
        a.count != b.count ? a.count > b.count : a.value < b.value
    }

    /// A value as counted in a slot, as users see and type it: an actor's canonical name (with
    /// its slug and type), a month as `YYYY-MM`. Nil for an actor of another type than `kind`.
    func facetValue(_ kind: FacetKind, raw: String, count: Int) throws(SearchError) -> FacetValue? {
        switch kind.nature.values {
        case .actors(let only):
            // Counted in matching passages, so it has passages: only its record is read.
            let actor: StoredActor?
            do { actor = try actorLookup().record(id: raw) } catch { throw .store(error) }
            let type = actor?.type ?? "unknown"
            if let only, type != only.rawValue { return nil }
            return FacetValue(value: actor?.name ?? raw, id: raw, type: type, count: count)
        case .months:
            return FacetValue(value: raw.count == 6 ? "\(raw.prefix(4))-\(raw.suffix(2))" : raw, count: count)
        case .years, .plain:
            return FacetValue(value: raw, count: count)
        }
    }

    // MARK: - Context

    private func neighbours(of record: PassageRecord, distance: Int) throws -> [PassageRecord] {
        var found: [PassageRecord] = []
        let range = max(0, record.paragraph - distance)...(record.paragraph + distance)
        for paragraph in range where paragraph != record.paragraph {
            let term = IndexSchema.term(IndexSchema.passageID, PassageRecord.passageID(article: record.articleID, paragraph: paragraph))
            if let data = try database.data(forTerm: term) {
                found.append(try storedRecord(data, passage: PassageRecord.passageID(article: record.articleID, paragraph: paragraph)))
            }
        }
        return found
    }
}

@available(*, unavailable)
extension SearchEngine: Sendable {}
