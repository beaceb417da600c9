import Foundation
import XapianStore

/// The single type that turns tagged articles into Xapian documents, following `IndexSchema`.
///
/// Not thread-safe (it owns the index's one writer); feed it from one thread.
public final class IndexWriter {
    /// The writable index.
    public let database: WritableDatabase
    private let builder: DocumentBuilder
    private let encoder: JSONEncoder
    private let preparer = DocumentPreparer()
    /// True when the index held no document when this writer opened it.
    private let startedEmpty: Bool
    /// Hashes of the articles written by this writer (see `write(_:)`).
    private var writtenArticles = Set<UInt64>()
    /// Actor metadata merged during this run, written at each commit.
    private var actorEntries: [String: ActorEntry] = [:]
    /// Ordinary English words: an alias like one of them is found only in its own case.
    private let ordinaryWords: Set<String>

    /// What the index knows about one actor: written under metadata `actor:<slug>`.
    public struct ActorEntry: Codable, Equatable, Sendable {
        /// The canonical name.
        public var name: String
        /// The actor type.
        public var type: String
        /// Every other name the actor went by, sorted.
        public var aliases: [String]
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
            let schema = try database.reader.metadata(IndexSchema.MetadataKey.schema)
            if !schema.isEmpty && schema != String(IndexSchema.version) {
                throw IndexerError.incompatibleIndex(path: path, version: schema)
            }
            if schema.isEmpty { try database.setMetadata(IndexSchema.MetadataKey.schema, String(IndexSchema.version)) }
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
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        switch Gazetteer.commonWords {
        case let .success(words): ordinaryWords = words
        case let .failure(error): throw .unreadable(path: "common-words.txt", reason: error.description)
        }
    }

    /// Removes every passage of the article `articleID`.
    public func deleteArticle(_ articleID: String) throws(XapianError) {
        try database.deleteDocuments(withTerm: IndexSchema.term(IndexSchema.article, articleID))
    }

    /// Writes every passage of `tagged`, replacing what the index held for the article.
    /// - Returns: the number of passages written.
    @discardableResult
    public func write(_ tagged: TaggedArticle) throws(XapianError) -> Int {
        try write(preparer.prepare(tagged))
    }

    /// Writes a prepared article (see `DocumentPreparer`), replacing what the index held for it.
    /// - Returns: the number of passages written.
    @discardableResult
    public func write(_ prepared: PreparedArticle) throws(XapianError) -> Int {
        try write(prepared, documents: nil)
    }

    /// Writes a prepared article whose documents were built already (`DocumentBuilder`, one
    /// per passage, in order); nil builds them here.
    @discardableResult
    public func write(_ prepared: PreparedArticle, documents: [Document]?) throws(XapianError) -> Int {
        // In an index that was empty when this writer opened it, an article not yet written by
        // this writer cannot have passages to replace: skip the delete and the unique-term
        // lookup. A hash collision only sends an article down the (always correct) slow path.
        let isNew = startedEmpty && writtenArticles.insert(IndexSchema.stableHashValue(prepared.articleID)).inserted
        if !isNew { try deleteArticle(prepared.articleID) }
        for (index, passage) in prepared.passages.enumerated() {
            let document: Document
            if let documents { document = documents[index] } else { document = try builder.build(passage) }
            if isNew {
                try database.add(document)
            } else {
                try database.replace(uniqueTerm: passage.idTerm, with: document)
            }
        }
        for (actor, aliases) in prepared.aliases { merge(actor, aliases: aliases) }
        for actor in prepared.actors where actorEntries[actor.id] == nil { merge(actor, aliases: []) }
        return prepared.passages.count
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

    private func merge(_ actor: ActorTag, aliases: Set<String>) {
        var entry = actorEntries[actor.id] ?? ActorEntry(name: actor.name, type: actor.type.rawValue, aliases: [])
        let merged = Set(entry.aliases).union(aliases).subtracting([actor.name])
        entry.aliases = merged.sorted()
        actorEntries[actor.id] = entry
    }

    private func flushActors() throws(XapianError) {
        let decoder = JSONDecoder()
        var longest = 0
        for (slug, entry) in actorEntries {
            let key = IndexSchema.metadataKey(IndexSchema.MetadataKey.actorPrefix, slug)
            var merged = entry
            let stored = try database.reader.metadata(key)
            if let old = try? decoder.decode(ActorEntry.self, from: Data(stored.utf8)) {
                merged.aliases = Set(old.aliases).union(entry.aliases).subtracting([entry.name]).sorted()
            }
            let json = (try? encoder.encode(merged)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            try database.setMetadata(key, json)
            try listNames(of: merged, slug: slug)
            longest = max(longest, ActorNameKeys.longestText(name: merged.name, aliases: merged.aliases))
        }
        if longest > (Int(try database.reader.metadata(IndexSchema.MetadataKey.longestName)) ?? 0) {
            try database.setMetadata(IndexSchema.MetadataKey.longestName, String(longest))
        }
        actorEntries.removeAll()
    }

    /// Lists the actor under each name a search may look it up by (`ActorNameKeys`).
    private func listNames(of entry: ActorEntry, slug: String) throws(XapianError) {
        for key in ActorNameKeys.keys(name: entry.name, type: entry.type, aliases: entry.aliases, isOrdinaryWord: ordinaryWords.contains) {
            if let updated = ActorNameKeys.adding(slug, to: try database.reader.metadata(key)) {
                try database.setMetadata(key, updated)
            }
        }
    }
}

extension CalendarDate {
    /// `YYYY`, `YYYYMM` or `YYYYMMDD`: the date-term form at the date's precision.
    var compactDigits: String { description.replacingOccurrences(of: "-", with: "") }
}
