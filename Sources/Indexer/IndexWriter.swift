import Foundation
import Output
import NewsModel
import XapianStore
import Tagger

/// The single type that turns tagged articles into Xapian documents, following `IndexSchema`.
///
/// A sharded index (`IndexLayout.sharded`, `dossier index --shards N`) is written through one
/// `ShardWriter` per shard: an article's passages go to the shard of its id
/// (`IndexSchema.shard(ofArticle:among:)`), each shard after the first on its own thread. The
/// index-wide metadata (schema, actor table, article shares, file fingerprints) lives in the
/// first shard, where Xapian's stub reader takes metadata from, and is written on the caller's
/// thread. A commit commits the other shards, waits for them, then commits the first: a file
/// counts as indexed (its fingerprint, in the first shard) only once every shard holding its
/// articles has committed them, and a kill between the two leaves shards that are ahead,
/// which the next writer repairs (`repairShardsAhead`).
///
/// Not thread-safe (it owns the index's writers); feed it from one thread.
public final class IndexWriter {
    /// The first shard's writable database (for a one-shard index, the index): the index-wide
    /// metadata and the first shard's passages, written only on the caller's thread.
    private let database: WritableDatabase
    /// Every shard, in stub order; `shards[0]` writes `database` on the caller's thread.
    private let shards: [ShardWriter]
    /// The commits the index has had (`IndexSchema.MetadataKey.commits`; sharded only).
    private var commitCount = 0
    /// Tests: after this many commits of this writer, fail right after the shards after the
    /// first committed and before the first did, which is what a kill between them leaves.
    var failAfterShardCommits: Int?
    private var commitsThisRun = 0
    private let builder: DocumentBuilder
    private let encoder: JSONEncoder
    private let decoder = JSONDecoder()
    private let preparer = DocumentPreparer()
    /// For each shard, true when it held no document when this writer opened it.
    private let startedEmpty: [Bool]
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
    ///   - shards: the shard count a new index gets (a stub file and `shardN` directories when
    ///     more than 1); nil keeps an existing index's count, and gives a new index one shard.
    ///   - positions: record word positions (phrase and NEAR queries need them).
    ///   - spelling: also add the words of every passage to Xapian's spelling dictionary (at
    ///     each commit), so that searches can suggest "did you mean" corrections.
    /// - Throws: `IndexerError.store` (e.g. `.databaseLocked` while another process writes it),
    ///   `.incompatibleIndex` when the index was written by another schema version,
    ///   `.shardCount` when `shards` differs from an existing index's, `.unwritableShard` for
    ///   a stub listing a shard that is not a local database.
    public init(path: String, shards requested: Int? = nil, positions: Bool = true, spelling: Bool = true) throws(IndexerError) {
        let paths = try Self.shardPaths(of: path, requested: requested)
        do {
            var opened: [WritableDatabase] = []
            var empty: [Bool] = []
            // The first shard first: a second indexer is refused at once, before touching any other.
            for shardPath in paths {
                let shard = try WritableDatabase(path: shardPath)
                if let version = try IndexSchema.incompatibleVersion(of: shard.reader) {
                    throw IndexerError.incompatibleIndex(path: path, version: version)
                }
                if try shard.reader.metadata(IndexSchema.MetadataKey.schema).isEmpty {
                    try shard.setMetadata(IndexSchema.MetadataKey.schema, String(IndexSchema.version))
                }
                try shard.collectSpelling(spelling)
                empty.append(try shard.reader.documentCount() == 0)
                opened.append(shard)
            }
            database = opened[0]
            shards = zip(paths, opened).enumerated().map { number, pair in
                ShardWriter(path: pair.0, database: pair.1, threaded: number > 0)
            }
            startedEmpty = empty
            builder = try DocumentBuilder(positions: positions)
            if paths.count > 1 {
                commitCount = Int(try database.reader.metadata(IndexSchema.MetadataKey.commits)) ?? 0
            }
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
        do {
            try repairShardsAhead()
        } catch {
            throw .store(error)
        }
    }

    deinit {
        // Ends the shard threads and releases every shard's lock before the writer is gone.
        for shard in shards { shard.close() }
    }

    /// The number of shards written.
    public var shardCount: Int { shards.count }

    /// The database directories of the index at `path`, first shard first, creating a new
    /// sharded index's stub file (`IndexLayout`) when `requested` is more than one.
    static func shardPaths(of path: String, requested: Int?) throws(IndexerError) -> [String] {
        switch IndexLayout.read(at: path) {
        case .absent:
            let count = requested ?? 1
            guard count > 1 else { return [path] }
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            } catch {
                if !FileManager.default.fileExists(atPath: path) {
                    throw .unreadable(path: path, reason: "cannot create the index directory (\(SystemIO.reason(of: error)))")
                }
            }
            do {
                try IndexLayout.writeStub(inDirectory: path, shardCount: count)
            } catch {
                throw .unreadable(path: path, reason: "cannot write the stub file \(IndexSchema.stubFileName) (\(SystemIO.reason(of: error)))")
            }
            return (0..<count).map { path + "/" + IndexSchema.shardDirectoryName($0) }
        case .single:
            if let requested, requested != 1 { throw .shardCount(path: path, stored: 1, requested: requested) }
            return [path]
        case let .sharded(_, listed):
            if let requested, requested != listed.count {
                throw .shardCount(path: path, stored: listed.count, requested: requested)
            }
            var paths: [String] = []
            for shard in listed {
                guard case let .local(shardPath) = shard else {
                    throw .unwritableShard(path: path, shard: shard.description)
                }
                paths.append(shardPath)
            }
            if paths.isEmpty { throw .unwritableShard(path: path, shard: "(the stub lists no database)") }
            return paths
        }
    }

    /// The shard holding the passages of `articleID`.
    private func shard(of articleID: String) -> ShardWriter {
        shards[shardNumber(of: articleID)]
    }

    private func shardNumber(of articleID: String) -> Int {
        shards.count == 1 ? 0 : IndexSchema.shard(ofArticle: articleID, among: shards.count)
    }

    /// Removes every passage of the article `articleID`, and its share of the actor table.
    public func deleteArticle(_ articleID: String) throws(XapianError) {
        try withdrawActorShare(of: articleID)
        let hash = IndexSchema.stableHashValue(articleID)
        writtenArticles[hash] = nil
        if openArticle?.hash == hash { openArticle = nil }
        let term = IndexSchema.term(IndexSchema.article, articleID)
        try shard(of: articleID).perform { (database) throws(XapianError) in try database.deleteDocuments(withTerm: term) }
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
            isNew = startedEmpty[shardNumber(of: prepared.articleID)] && earlier == nil
            if !isNew { try deleteArticle(prepared.articleID) }
        }
        var built: [Document] = []
        if let documents {
            built = documents
        } else {
            for passage in prepared.passages { built.append(try builder.build(passage)) }
        }
        let idTerms = isNew ? [] : prepared.passages.map(\.idTerm)
        try shard(of: prepared.articleID).perform { [built] (database) throws(XapianError) in
            for (index, document) in built.enumerated() {
                if isNew {
                    try database.add(document)
                } else {
                    try database.replace(uniqueTerm: idTerms[index], with: document)
                }
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

    /// The passages in the index (every shard), written since the last commit included.
    public func passageCount() throws(XapianError) -> Int {
        let counts = shards.map { _ in ShardResult(0) }
        for (shard, count) in zip(shards, counts) {
            try shard.perform { (database) throws(XapianError) in count.value = try database.reader.documentCount() }
        }
        for shard in shards { try shard.wait() }
        return counts.reduce(0) { $0 + $1.value }
    }

    /// Makes everything written so far durable and visible, with the actor table: the shards
    /// after the first commit (at once, each on its thread), then the first, which holds the
    /// file fingerprints and the actor table, so these never name what a shard lacks.
    public func commit() throws(XapianError) {
        try flushActors()
        try database.setMetadata(IndexSchema.MetadataKey.lastIndexed, Date().formatted(.iso8601))
        if shards.count > 1 {
            commitCount += 1
            let count = String(commitCount)
            try database.setMetadata(IndexSchema.MetadataKey.commits, count)
            for shard in shards.dropFirst() {
                try shard.perform { (database) throws(XapianError) in
                    try database.setMetadata(IndexSchema.MetadataKey.commits, count)
                    try database.commit()
                }
            }
            for shard in shards.dropFirst() { try shard.wait() }
            commitsThisRun += 1
            if let failAfterShardCommits, commitsThisRun >= failAfterShardCommits {
                throw XapianError(
                    code: .database, xapianType: "TestFault", message: "stopped between the shards' commits (a test)",
                    operation: "committing to \(database.path)")
            }
        }
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
        var articles = Set<String>()
        for (slug, readings) in batchReadings {
            guard let entry = entries[slug] else { continue }
            for (reading, ids) in readings where reading.name != entry.name || reading.type != entry.type {
                articles.formUnion(ids)
            }
        }
        batchReadings.removeAll()
        var byShard = Array(repeating: [String](), count: shards.count)
        for article in articles.sorted() { byShard[shardNumber(of: article)].append(article) }
        try follow(changed: changed, articles: byShard, known: entries, in: Array(shards.indices))
    }

    /// What a shard's commit rewrote to follow the table (`IndexSchema.MetadataKey.followed`).
    private struct Followed: Codable {
        var changed: [String]
        var articles: [String]
    }

    /// Rewrites, in each shard numbered in `numbers`, the passages of the actors `changed` and
    /// of the articles `articles[shard]` whose records disagree with the actor table: the
    /// entries `known` (this commit's), else the stored ones. Each shard finds its passages on
    /// its own thread; the table entries they name are read here, where the metadata is; then
    /// each shard rewrites its passages. With several shards, each after the first records
    /// what it rewrote (`Followed`), committed with it, for `repairShardsAhead`.
    private func follow(changed: [String], articles: [[String]], known: [String: ActorEntry], in numbers: [Int]) throws(XapianError) {
        let found = shards.map { _ in ShardResult((ids: [UInt32](), slugs: Set<String>())) }
        for number in numbers where !changed.isEmpty || !articles[number].isEmpty {
            let (mine, box) = (articles[number], found[number])
            try shards[number].perform { (database) throws(XapianError) in
                box.value = try Self.passagesToFollow(in: database, changed: changed, articles: mine)
            }
        }
        for number in numbers { try shards[number].wait() }
        var table: [String: ActorEntry] = [:]
        for slug in Set(found.flatMap(\.value.slugs)) {
            if let entry = known[slug] {
                table[slug] = entry
            } else {
                let stored = try database.reader.metadata(IndexSchema.metadataKey(IndexSchema.MetadataKey.actorPrefix, slug))
                table[slug] = try? decoder.decode(ActorEntry.self, from: Data(stored.utf8))
            }
        }
        for number in numbers {
            let ids = found[number].value.ids
            if shards.count > 1 && number > 0 {
                let note = ids.isEmpty ? "" : (try? encoder.encode(Followed(changed: changed, articles: articles[number])))
                    .map { String(decoding: $0, as: UTF8.self) } ?? ""
                try shards[number].perform { (database) throws(XapianError) in
                    try database.setMetadata(IndexSchema.MetadataKey.followed, note)
                }
            }
            guard !ids.isEmpty else { continue }
            try shards[number].perform { [table] (database) throws(XapianError) in try Self.rewrite(ids, in: database, table: table) }
        }
    }

    /// The passages of `database` indexed by the actors `changed` or the `articles`, and the
    /// actors their records name (the table entries a rewrite needs).
    private static func passagesToFollow(
        in database: WritableDatabase, changed: [String], articles: [String]
    ) throws(XapianError) -> (ids: [UInt32], slugs: Set<String>) {
        var documents = Set<UInt32>()
        for slug in changed {
            documents.formUnion(try database.documentIDs(withTerm: IndexSchema.term(IndexSchema.actor, slug)))
        }
        for article in articles {
            documents.formUnion(try database.documentIDs(withTerm: IndexSchema.term(IndexSchema.article, article)))
        }
        let decoder = JSONDecoder()
        var slugs = Set<String>()
        for id in documents {
            let data = try database.document(id: id).data()
            guard let record = try? decoder.decode(PassageRecord.self, from: Data(data.utf8)) else { continue }
            // The slug is the actor's id (`ActorTag.id`), the same whatever the reading.
            for actor in record.actors { slugs.insert(Slug.fold(actor.name)) }
        }
        return (documents.sorted(), slugs)
    }

    /// Rewrites the passages `ids` of `database` whose names, types, type terms or type facet
    /// value disagree with `table` (by actor slug; an actor not in it keeps its reading).
    private static func rewrite(_ ids: [UInt32], in database: WritableDatabase, table: [String: ActorEntry]) throws(XapianError) {
        let decoder = JSONDecoder()
        let encoder = DocumentPreparer.recordEncoder()
        for id in ids {
            let document = try database.document(id: id)
            guard var record = try? decoder.decode(PassageRecord.self, from: Data(try document.data().utf8)) else { continue }
            var actors: [PassageRecord.Actor] = []
            for actor in record.actors {
                let chosen = table[Slug.fold(actor.name)]
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

    /// Repairs the shards a kill left ahead of the first: shards that committed a batch
    /// (`IndexSchema.MetadataKey.commits` higher than the first shard's) whose metadata, in the
    /// first shard, was not committed. Their passages of that batch's files are replaced or
    /// deleted when the next run redoes those files (their fingerprints were not committed);
    /// what else the batch changed is passages rewritten to follow an actor table the first
    /// shard never committed, and those (`Followed`) are made to follow the committed table
    /// again, so every passage agrees with the table before this writer writes anything.
    private func repairShardsAhead() throws(XapianError) {
        guard shards.count > 1 else { return }
        for number in shards.indices.dropFirst() {
            let state = ShardResult((commits: 0, followed: ""))
            try shards[number].perform { (database) throws(XapianError) in
                state.value = (
                    Int(try database.reader.metadata(IndexSchema.MetadataKey.commits)) ?? 0,
                    try database.reader.metadata(IndexSchema.MetadataKey.followed))
            }
            try shards[number].wait()
            guard state.value.commits > commitCount else { continue }
            let note = (try? decoder.decode(Followed.self, from: Data(state.value.followed.utf8))) ?? Followed(changed: [], articles: [])
            var articles = Array(repeating: [String](), count: shards.count)
            articles[number] = note.articles
            try follow(changed: note.changed, articles: articles, known: [:], in: [number])
            let count = String(commitCount)
            try shards[number].perform { (database) throws(XapianError) in
                try database.setMetadata(IndexSchema.MetadataKey.followed, "")
                try database.setMetadata(IndexSchema.MetadataKey.commits, count)
                try database.commit()
            }
            try shards[number].wait()
        }
    }
}

extension CalendarDate {
    /// `YYYY`, `YYYYMM` or `YYYYMMDD`: the date-term form at the date's precision.
    var compactDigits: String { description.replacingOccurrences(of: "-", with: "") }
}
