import Foundation
import NewsModel
import XapianStore
import Tagger

/// The single type that turns tagged articles into Xapian documents, following `IndexSchema`.
///
/// Not thread-safe (it owns the index's one writer); feed it from one thread.
public final class IndexWriter {
    /// The writable index: written only through this type's operations, so every write to the
    /// index goes through the one writer.
    private let database: WritableDatabase
    private let builder: DocumentBuilder
    private let encoder: JSONEncoder
    private let decoder = JSONDecoder()
    private let preparer = DocumentPreparer()
    /// True when the index held no document when this writer opened it.
    private let startedEmpty: Bool
    /// The articles written by this writer (by the hash of their id), with their passage
    /// counts: an article needs no delete the first time, and a second article with the same id
    /// in one run is a clash to report (see `write(_:documents:)`).
    private var writtenArticles: [UInt64: Int] = [:]
    /// Changes to the actor table since the last commit, by actor slug; applied at each commit.
    private var pendingTallies: [String: ActorTally] = [:]
    /// Ordinary English words: an alias like one of them is found only in its own case.
    private let ordinaryWords: Set<String>
    /// The readings (name and type) each article written since the last commit gave each
    /// actor, by actor slug: where one differs from the table at the commit, the article's
    /// passages are rewritten to follow the table (`followTheTable`).
    /// The article last written, while later parts of it may follow
    /// (`PreparedArticle.continuesArticle`): its id's hash, whether it was new to the index,
    /// and its share of the actor table so far.
    private var openArticle: (hash: UInt64, isNew: Bool, share: [String: ActorTally])?
    private var batchReadings: [String: [PassageRecord.Actor: [String]]] = [:]

    /// What the index knows about one actor, written under metadata `actor:<slug>`: the
    /// store's record (`StoredActor`, which readers decode) with, beside its keys, the evidence
    /// its name, type and aliases are chosen from (`ActorTally.entry()`). `entry.name` and the
    /// like read the record.
    @dynamicMemberLookup
    public struct ActorEntry: Codable, Equatable, Sendable {
        /// The record readers see.
        public var actor: StoredActor
        /// The evidence name, type and aliases are chosen from.
        var tally: ActorTally

        init(name: String, type: String, aliases: [String], tally: ActorTally) {
            actor = StoredActor(name: name, type: type, aliases: aliases)
            self.tally = tally
        }

        /// A field of the record.
        public subscript<T>(dynamicMember field: KeyPath<StoredActor, T>) -> T { actor[keyPath: field] }

        private enum CodingKeys: String, CodingKey { case tally }

        /// Decodes the record's keys and the tally from one object.
        public init(from decoder: any Decoder) throws {
            actor = try StoredActor(from: decoder)
            tally = try decoder.container(keyedBy: CodingKeys.self).decode(ActorTally.self, forKey: .tally)
        }

        /// Encodes the record's keys and the tally into one object.
        public func encode(to encoder: any Encoder) throws {
            try actor.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(tally, forKey: .tally)
        }
    }

    /// What writing one article did.
    public struct WrittenArticle: Sendable, Equatable {
        /// Passages written.
        public var passages: Int
        /// Passages of an earlier article of this run with the same id, which this one
        /// replaced; nil unless two articles of the run share an id.
        public var replacedInRun: Int?
    }

    /// Opens (or creates) the index at `path` for writing.
    /// - Parameters:
    ///   - positions: record word positions (phrase and NEAR queries need them).
    ///   - spelling: also add the words of every passage to Xapian's spelling dictionary (at
    ///     each commit), so that searches can suggest "did you mean" corrections.
    /// - Throws: `IndexerError.store` (e.g. `.databaseLocked` while another process writes it),
    ///   or `.incompatibleIndex` when the index was written by another schema version.
    public init(path: String, positions: Bool = true, spelling: Bool = true) throws(IndexerError) {
        do {
            database = try WritableDatabase(path: path)
            if let version = try IndexSchema.incompatibleVersion(of: database.reader) {
                throw IndexerError.incompatibleIndex(path: path, version: version)
            }
            if try database.reader.metadata(IndexSchema.MetadataKey.schema).isEmpty {
                try database.setMetadata(IndexSchema.MetadataKey.schema, String(IndexSchema.version))
            }
            try database.collectSpelling(spelling)
            builder = try DocumentBuilder(positions: positions)
            startedEmpty = try database.reader.documentCount() == 0
        } catch let error as XapianError {
            throw .store(error)
        } catch let error as IndexerError {
            throw error
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
        encoder = DocumentPreparer.recordEncoder()
        switch Gazetteer.commonWords {
        case let .success(words): ordinaryWords = words
        case let .failure(error): throw .unreadable(path: "common-words.txt", reason: error.description)
        }
    }

    /// Removes every passage of the article `articleID`, and its share of the actor table.
    public func deleteArticle(_ articleID: String) throws(XapianError) {
        try withdrawActorShare(of: articleID)
        let hash = IndexSchema.stableHashValue(articleID)
        writtenArticles[hash] = nil
        if openArticle?.hash == hash { openArticle = nil }
        try database.deleteDocuments(withTerm: IndexSchema.term(IndexSchema.article, articleID))
    }

    /// Writes every passage of `tagged`, replacing what the index held for the article.
    @discardableResult
    public func write(_ tagged: TaggedArticle) throws(XapianError) -> WrittenArticle {
        try write(preparer.prepare(tagged))
    }

    /// Writes a prepared article (see `DocumentPreparer`), replacing what the index held for it.
    @discardableResult
    public func write(_ prepared: PreparedArticle) throws(XapianError) -> WrittenArticle {
        try write(prepared, documents: nil)
    }

    /// Writes a prepared article whose documents were built already (`DocumentBuilder`, one
    /// per passage, in order); nil builds them here.
    @discardableResult
    public func write(_ prepared: PreparedArticle, documents: [Document]?) throws(XapianError) -> WrittenArticle {
        // In an index that was empty when this writer opened it, an article not yet written by
        // this writer cannot have passages to replace: skip the delete and the unique-term
        // lookup. A hash collision only sends an article down the (always correct) slow path
        // (and reports a clash that is not one, with odds of about n²/2⁶⁵).
        let hash = IndexSchema.stableHashValue(prepared.articleID)
        let earlier: Int?
        let isNew: Bool
        var share = ActorTally.contribution(of: prepared)
        var passagesBefore = 0
        if prepared.continuesArticle, let open = openArticle, open.hash == hash {
            // A later part of the article just written: its first part already replaced what
            // the index held, so this one only adds passages, and the stored share becomes
            // the whole article's so far.
            earlier = nil
            isNew = open.isNew
            for (slug, tally) in open.share { pendingTallies[slug, default: ActorTally()].add(tally, sign: -1) }
            share = ActorTally.union(open.share, share)
            passagesBefore = writtenArticles[hash] ?? 0
        } else {
            earlier = writtenArticles[hash]
            isNew = startedEmpty && earlier == nil
            if !isNew { try deleteArticle(prepared.articleID) }
        }
        for (index, passage) in prepared.passages.enumerated() {
            let document: Document
            if let documents { document = documents[index] } else { document = try builder.build(passage) }
            if isNew {
                try database.add(document)
            } else {
                try database.replace(uniqueTerm: passage.idTerm, with: document)
            }
        }
        for tag in prepared.actorReadings.keys {
            batchReadings[tag.id, default: [:]][PassageRecord.Actor(name: tag.name, type: tag.type.rawValue), default: []]
                .append(prepared.articleID)
        }
        for (slug, tally) in share { pendingTallies[slug, default: ActorTally()].add(tally, sign: 1) }
        if !share.isEmpty {
            let json = (try? encoder.encode(share)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            try database.setMetadata(Self.shareKey(prepared.articleID), json)
        }
        writtenArticles[hash] = passagesBefore + prepared.passages.count
        openArticle = (hash, isNew, share)
        return WrittenArticle(passages: prepared.passages.count, replacedInRun: earlier)
    }

    // MARK: - File fingerprints

    /// The stored fingerprint of a file under `key` (`IndexSchema.MetadataKey.filePrefix` +
    /// identity), "" when the file was never indexed or its entry was cleared.
    func fingerprint(atKey key: String) throws(XapianError) -> String {
        try database.reader.metadata(key)
    }

    /// Stores a file's fingerprint under `key`; "" clears it. Committed with the next `commit()`.
    func setFingerprint(_ json: String, atKey key: String) throws(XapianError) {
        try database.setMetadata(key, json)
    }

    /// Every stored file fingerprint, by key.
    func fingerprints() throws(XapianError) -> [(key: String, value: String)] {
        try database.reader.metadata(withPrefix: IndexSchema.MetadataKey.filePrefix)
    }

    /// The passages in the index, written since the last commit included.
    public func passageCount() throws(XapianError) -> Int {
        try database.reader.documentCount()
    }

    /// Makes everything written so far durable and visible, with the actor table.
    public func commit() throws(XapianError) {
        try flushActors()
        try database.setMetadata(IndexSchema.MetadataKey.lastIndexed, Date().formatted(.iso8601))
        try database.commit()
    }

    // MARK: - Documents

    // MARK: - Dates

    /// The `XD` terms of a mentioned date: the date at its own precision plus every coarser
    /// unit that contains it (2008-11-26 gives `20081126`, `200811` and `2008`). A range query is
    /// decomposed into the fewest whole years, months and days (see the shim's
    /// `date_terms_query`), so `mentioned:2008..2008` finds the day and `mentioned:2008-11-26..
    /// 2008-11-26` does not find a mention of just "November 2008". A range mention gives the
    /// terms of each day it covers when short, else of each month, else of each year.
    static func dateTerms(for mention: DateMention) -> [String] {
        var terms: [String] = []
        func add(_ term: String) { if !terms.contains(term) { terms.append(term) } }
        func addWithParents(year: Int, month: Int?, day: Int?) {
            add(String(format: "%04d", year))
            if let month { add(String(format: "%04d%02d", year, month)) }
            if let month, let day { add(String(format: "%04d%02d%02d", year, month, day)) }
        }
        let first = mention.start
        guard let last = mention.end, last != first else {
            addWithParents(year: first.year, month: first.month, day: first.day)
            return terms
        }
        let firstDay = CalendarDate(yyyymmdd: first.lowerBound).dayNumber
        let lastDay = CalendarDate(yyyymmdd: last.upperBound).dayNumber
        if first.precision == .day && last.precision == .day && lastDay - firstDay < 62 {
            for number in firstDay...max(firstDay, lastDay) {
                let day = CalendarDate(dayNumber: number)
                addWithParents(year: day.year, month: day.month, day: day.day)
            }
        } else if first.precision >= .month && last.precision >= .month && lastDay - firstDay < 1100 {
            var (y, m) = (first.year, first.month!)
            while y * 100 + m <= last.year * 100 + last.month! {
                addWithParents(year: y, month: m, day: nil)
                m += 1
                if m > 12 { m = 1; y += 1 }
            }
        } else {
            for year in first.year...max(first.year, last.year) { add(String(format: "%04d", year)) }
        }
        return terms
    }

    /// The months (`YYYYMM`, nil at year precision) and years a mention touches, for facets.
    /// They follow `dateTerms(for:)`: a range too long to get month terms gets no months here
    /// either, so a mentioned-month facet count always equals filtering by that month.
    static func monthsAndYears(of mention: DateMention) -> [(String?, String)] {
        let start = mention.start, end = mention.end ?? mention.start
        let days = CalendarDate(yyyymmdd: end.upperBound).dayNumber - CalendarDate(yyyymmdd: start.lowerBound).dayNumber
        guard start.month != nil, end.month != nil, days < 1100 else {
            return (start.year...max(start.year, end.year)).map { (nil, String(format: "%04d", $0)) }
        }
        var result: [(String?, String)] = []
        var (y, m) = (start.year, start.month!)
        while y * 100 + m <= end.year * 100 + end.month! && result.count < 240 {
            result.append((String(format: "%04d%02d", y, m), String(format: "%04d", y)))
            m += 1
            if m > 12 { m = 1; y += 1 }
        }
        return result
    }

    // MARK: - Actors

    /// The metadata key of an article's share of the actor table.
    private static func shareKey(_ articleID: String) -> String {
        IndexSchema.metadataKey(IndexSchema.MetadataKey.articlePrefix, articleID)
    }

    /// Takes the stored share of `articleID` out of the actor table (at the next commit).
    private func withdrawActorShare(of articleID: String) throws(XapianError) {
        let key = Self.shareKey(articleID)
        let stored = try database.reader.metadata(key)
        guard !stored.isEmpty else { return }
        if let share = try? decoder.decode([String: ActorTally].self, from: Data(stored.utf8)) {
            for (slug, tally) in share { pendingTallies[slug, default: ActorTally()].add(tally, sign: -1) }
        }
        try database.setMetadata(key, "")
    }

    /// Applies the pending changes to the stored actor entries, choosing each entry's name,
    /// type and aliases afresh from its whole tally, and lists each entry under the names a
    /// search may look it up by (`ActorNameKeys`), unlisting the names it no longer has.
    private func flushActors() throws(XapianError) {
        var longest = 0
        var entries: [String: ActorEntry] = [:]
        var changed: [String] = []
        for (slug, change) in pendingTallies {
            let key = IndexSchema.metadataKey(IndexSchema.MetadataKey.actorPrefix, slug)
            let old = try? decoder.decode(ActorEntry.self, from: Data(try database.reader.metadata(key).utf8))
            var tally = old?.tally ?? ActorTally()
            tally.add(change, sign: 1)
            let entry = tally.entry()
            entries[slug] = entry
            if let old, let entry, old.name != entry.name || old.type != entry.type { changed.append(slug) }
            let json = entry.flatMap { try? encoder.encode($0) }.map { String(decoding: $0, as: UTF8.self) } ?? ""
            try database.setMetadata(key, json)
            let oldKeys = old.map { ActorNameKeys.keys(name: $0.name, type: $0.type, aliases: $0.aliases, isOrdinaryWord: ordinaryWords.contains) } ?? []
            let newKeys = entry.map { ActorNameKeys.keys(name: $0.name, type: $0.type, aliases: $0.aliases, isOrdinaryWord: ordinaryWords.contains) } ?? []
            for name in oldKeys where !newKeys.contains(name) {
                if let updated = ActorNameKeys.removing(slug, from: try database.reader.metadata(name)) {
                    try database.setMetadata(name, updated)
                }
            }
            for name in newKeys where !oldKeys.contains(name) {
                if let updated = ActorNameKeys.adding(slug, to: try database.reader.metadata(name)) {
                    try database.setMetadata(name, updated)
                }
            }
            if let entry { longest = max(longest, ActorNameKeys.longestText(name: entry.name, aliases: entry.aliases)) }
        }
        if longest > (Int(try database.reader.metadata(IndexSchema.MetadataKey.longestName)) ?? 0) {
            try database.setMetadata(IndexSchema.MetadataKey.longestName, String(longest))
        }
        pendingTallies.removeAll()
        try followTheTable(changed: changed, entries: entries)
    }

    /// Rewrites every passage whose record or type terms disagree with the actor table after
    /// this commit: the passages of each actor whose chosen name or type changed (found by its
    /// `XA` term), and those of each article of the batch that read an actor otherwise than
    /// the table now does.
    ///
    /// Why: a passage shows and is filtered by its actors' names and types (`actors` in its
    /// record, the `XT` terms of `--type` and `type:`, the actor-types slot the type facet
    /// counts), and the table chooses them from the whole index (`ActorTally`). Rewriting at
    /// each commit keeps every passage equal to the table, so passages, counts, facets and
    /// `dossier actors` agree, and the index stays a function of the set of files: before the
    /// commit every stored passage agreed with the old table, and only these can disagree now.
    /// A reading that agrees with the table (nearly all) costs nothing.
    private func followTheTable(changed: [String], entries: [String: ActorEntry]) throws(XapianError) {
        var documents = Set<UInt32>()
        for slug in changed {
            documents.formUnion(try database.documentIDs(withTerm: IndexSchema.term(IndexSchema.actor, slug)))
        }
        var articles = Set<String>()
        for (slug, readings) in batchReadings {
            guard let entry = entries[slug] else { continue }
            for (reading, ids) in readings where reading.name != entry.name || reading.type != entry.type {
                articles.formUnion(ids)
            }
        }
        batchReadings.removeAll()
        for article in articles.sorted() {
            documents.formUnion(try database.documentIDs(withTerm: IndexSchema.term(IndexSchema.article, article)))
        }
        guard !documents.isEmpty else { return }
        var table = entries
        func entry(_ slug: String) throws(XapianError) -> ActorEntry? {
            if let known = table[slug] { return known }
            let stored = try database.reader.metadata(IndexSchema.metadataKey(IndexSchema.MetadataKey.actorPrefix, slug))
            let found = try? decoder.decode(ActorEntry.self, from: Data(stored.utf8))
            table[slug] = found
            return found
        }
        for id in documents.sorted() {
            let document = try database.document(id: id)
            guard var record = try? decoder.decode(PassageRecord.self, from: Data(try document.data().utf8)) else { continue }
            var actors: [PassageRecord.Actor] = []
            for actor in record.actors {
                // The slug is the actor's id (`ActorTag.id`), the same whatever the reading.
                let chosen = try entry(Slug.fold(actor.name))
                actors.append(chosen.map { PassageRecord.Actor(name: $0.name, type: $0.type) } ?? actor)
            }
            guard actors != record.actors else { continue }
            record.actors = actors
            var types: [String] = []
            for actor in actors where !types.contains(actor.type) { types.append(actor.type) }
            let typeTerms = types.map { IndexSchema.term(IndexSchema.actorType, $0) }
            for term in try document.terms(withPrefix: IndexSchema.actorType.prefix) where !typeTerms.contains(term) {
                try document.removeTerm(term)
            }
            for term in typeTerms { try document.addBooleanTerm(term) }
            if types.isEmpty {
                try document.removeValue(slot: .actorTypes)
            } else {
                try document.setValue(types.joined(separator: String(IndexSchema.multiValueSeparator)), slot: .actorTypes)
            }
            // Encoding a struct of strings and arrays cannot fail.
            try document.setData((try? encoder.encode(record)).map { String(decoding: $0, as: UTF8.self) } ?? "{}")
            try database.replace(documentID: id, with: document)
        }
    }
}

extension CalendarDate {
    /// `YYYY`, `YYYYMM` or `YYYYMMDD`: the date-term form at the date's precision.
    var compactDigits: String { description.replacingOccurrences(of: "-", with: "") }
}
