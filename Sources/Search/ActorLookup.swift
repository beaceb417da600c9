import Foundation
import NewsModel
import XapianStore

/// Finds single actors by id or by a name a user typed, with a few metadata lookups each (see
/// `ActorNameKeys`), so a search never loads the whole actor table. Only actors that still
/// have passages count. Results are cached for the lookup's lifetime (one engine).
///
/// Not thread-safe (it reads through its engine's `Database`).
final class ActorLookup {
    private let database: Database
    private var byID: [String: ActorInfo?] = [:]

    init(database: Database) { self.database = database }

    /// The actor indexed under `id`, nil when there is none or it has no passage left.
    func actor(id: String) throws(XapianError) -> ActorInfo? {
        if let cached = byID[id] { return cached }
        var found: ActorInfo? = nil
        let passages = try database.termFrequency(IndexSchema.term(IndexSchema.actor, id))
        if passages > 0 {
            if let entry = try StoredActor.read(id: id, from: database) {
                found = ActorInfo(id: id, name: entry.name, type: entry.type, aliases: entry.aliases, passages: passages)
            }
        }
        byID[id] = found
        return found
    }

    /// The live actors listed under metadata `key`, by descending passages, then name.
    func actors(listedUnder key: String) throws(XapianError) -> [ActorInfo] {
        var found: [ActorInfo] = []
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
