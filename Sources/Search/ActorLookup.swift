import Foundation
import NewsModel
import XapianStore

/// Finds single actors by id or by a name a user typed, with a few metadata lookups each (see
/// `ActorNameKeys`), so a search never loads the whole actor table. Only actors that still
/// have passages count. Results are cached for the lookup's lifetime (one engine, one revision:
/// the engine drops its lookup when it moves to another).
///
/// Over remote shards each lookup is a round trip, so there the lookup reads once, on first
/// need, which name keys exist (`alias:`, `surname:`, `name:`, `folded:`, one request each):
/// a query scans several texts per word (`AliasSynonyms`) and most name no actor, so most
/// lookups are then answered without asking. Locally a lookup costs microseconds, less than
/// listing the keys, so a local index is asked key by key.
///
/// Not thread-safe (it reads through its engine's `Database`).
final class ActorLookup {
    private let database: Database
    private var byID: [String: ActorInfo?] = [:]
    private var records: [String: StoredActor?] = [:]
    /// Whether to list the name keys whole (`database.reachesRemoteShards`).
    private let listsKeysWhole: Bool
    /// The keys that exist, by name-key prefix, each set listed on first need (remote only).
    private var existingKeys: [String: Set<String>] = [:]

    init(database: Database) {
        self.database = database
        listsKeysWhole = database.reachesRemoteShards
    }

    /// The actor indexed under `id`, nil when there is none or it has no passage left.
    func actor(id: String) throws(XapianError) -> ActorInfo? {
        if let cached = byID[id] { return cached }
        var found: ActorInfo? = nil
        let passages = try database.termFrequency(IndexSchema.term(IndexSchema.actor, id))
        if passages > 0, let entry = try record(id: id) {
            found = ActorInfo(id: id, name: entry.name, type: entry.type, aliases: entry.aliases, passages: passages)
        }
        byID[id] = found
        return found
    }

    /// The stored record of actor `id` (name, type, aliases), whether or not it has passages:
    /// for an actor counted in a facet, whose counted passages are its passages, so that its
    /// passage count (over remote shards a term frequency per shard, one round trip each) is
    /// not read for nothing.
    func record(id: String) throws(XapianError) -> StoredActor? {
        if let cached = records[id] { return cached }
        let entry = try StoredActor.read(id: id, from: database)
        records[id] = entry
        return entry
    }

    /// The name-key prefixes whose keys `mayExist` can read whole.
    private static let namePrefixes = [
        IndexSchema.MetadataKey.aliasPrefix, IndexSchema.MetadataKey.surnamePrefix,
        IndexSchema.MetadataKey.namePrefix, IndexSchema.MetadataKey.foldedNamePrefix,
    ]

    /// False when metadata `key` certainly does not exist (its prefix's keys read whole, over
    /// remote shards), so that reading it can be skipped; true when it must be read to know.
    private func mayExist(_ key: String) throws(XapianError) -> Bool {
        guard listsKeysWhole, let prefix = Self.namePrefixes.first(where: { key.hasPrefix($0) }) else { return true }
        if existingKeys[prefix] == nil { existingKeys[prefix] = Set(try database.metadataKeys(withPrefix: prefix)) }
        return existingKeys[prefix]?.contains(key) ?? true
    }

    /// The live actors listed under metadata `key`, by descending passages, then name.
    func actors(listedUnder key: String) throws(XapianError) -> [ActorInfo] {
        var found: [ActorInfo] = []
        guard try mayExist(key) else { return found }
        for slug in ActorNameKeys.slugs(in: try database.metadata(key)) {
            if let actor = try actor(id: slug) { found.append(actor) }
        }
        return found.sorted(by: ActorInfo.byPassages)
    }

    /// Resolves a name the user typed: a canonical name (by slug), an alias or a surname,
    /// case-insensitively. The one place that does, for `--actor`, `actor:` in the query and
    /// batch lines alike.
    /// - Throws: `SearchError.unknownActor` listing the candidates when several actors fit,
    ///   or the closest actors (the only case that reads the whole table) when none does.
    ///
    /// `=NAME` means the actor whose canonical name is NAME, and no alias or surname: the way
    /// to pick "Baker" when James Baker also goes by "Baker".
    func resolve(_ name: String) throws(SearchError) -> ActorInfo {
        let candidates: [ActorInfo]
        do {
            if name.hasPrefix(Self.exactMarker) {
                candidates = try actor(id: Slug.fold(String(name.dropFirst()))).map { [$0] } ?? []
            } else {
                candidates = try self.candidates(for: Slug.fold(name))
            }
        } catch {
            throw .store(error)
        }
        if candidates.count == 1 { return candidates[0] }
        if candidates.count > 1 { throw .unknownActor(name: name, candidates: candidates.map(ActorCandidate.init), ambiguous: true) }
        let directory: ActorDirectory
        do {
            directory = try database.retryingIfModified { () throws(XapianError) in try ActorDirectory(database: database) }
        } catch {
            throw .store(error)
        }
        throw .unknownActor(name: name, candidates: directory.closest(to: name).map(ActorCandidate.init), ambiguous: false)
    }

    /// Marks a name as the canonical name exactly (`--actor =Baker`).
    static let exactMarker = "="

    /// The actors `slug` may mean: the actor with that slug and those with an alias of that
    /// slug (all of them: a canonical "Baker" does not hide James Baker, whose alias is
    /// "Baker"), else the persons with that surname; by descending passages.
    private func candidates(for slug: String) throws(XapianError) -> [ActorInfo] {
        guard !slug.isEmpty else { return [] }
        var found = try actors(listedUnder: IndexSchema.MetadataKey.aliasPrefix + slug)
        if let exact = try actor(id: slug), !found.contains(exact) { found.append(exact) }
        if found.isEmpty { found = try actors(listedUnder: IndexSchema.MetadataKey.surnamePrefix + slug) }
        return found.sorted(by: ActorInfo.byPassages)
    }
}
