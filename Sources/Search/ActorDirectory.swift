import Foundation
import XapianStore

/// An actor as the index knows it.
public struct ActorInfo: Sendable, Equatable, Codable {
    /// The slug the actor is indexed under.
    public var id: String
    /// The canonical name.
    public var name: String
    /// person, organization, country, location or group.
    public var type: String
    /// Other names it went by, sorted.
    public var aliases: [String]
    /// Passages that mention it.
    public var passages: Int
}

/// Every actor in an index, and name resolution for `--actor` and `actor:`.
public struct ActorDirectory: Sendable {
    /// All actors, by descending passage count, then name.
    public let actors: [ActorInfo]
    private let byID: [String: ActorInfo]

    /// Loads the actor table of `database` (metadata `actor:*` and the `XA` term counts).
    public init(database: Database) throws(XapianError) {
        let counts = Dictionary(
            try database.terms(withPrefix: IndexSchema.actor.prefix).map {
                (String($0.term.dropFirst(IndexSchema.actor.prefix.count)), $0.frequency)
            }, uniquingKeysWith: +)
        let decoder = JSONDecoder()
        var list: [ActorInfo] = []
        for (key, value) in try database.metadata(withPrefix: IndexSchema.MetadataKey.actorPrefix) {
            let id = String(key.dropFirst(IndexSchema.MetadataKey.actorPrefix.count))
            guard let passages = counts[id], passages > 0,
                  let entry = try? decoder.decode(StoredActor.self, from: Data(value.utf8)) else { continue }
            list.append(ActorInfo(id: id, name: entry.name, type: entry.type, aliases: entry.aliases, passages: passages))
        }
        actors = list.sorted { $0.passages != $1.passages ? $0.passages > $1.passages : $0.name < $1.name }
        byID = Dictionary(list.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    private struct StoredActor: Decodable {
        var name: String
        var type: String
        var aliases: [String]
    }

    /// The actor indexed under `id`.
    public func actor(id: String) -> ActorInfo? { byID[id] }

    /// Resolves a name the user typed: a canonical name, an alias or an unambiguous surname,
    /// case-insensitively.
    /// - Throws: `SearchError.unknownActor` listing the closest actors when nothing or more
    ///   than one actor fits.
    public func resolve(_ name: String) throws(SearchError) -> ActorInfo {
        let folded = name.trimmingCharacters(in: .whitespaces).lowercased()
        let slug = IndexSchema.slug(name)
        if let exact = byID[slug] { return exact }
        let byAlias = actors.filter { $0.aliases.contains { $0.lowercased() == folded } }
        if byAlias.count == 1 { return byAlias[0] }
        if byAlias.count > 1 {
            throw .unknownActor(name: name, candidates: byAlias.map(\.name), ambiguous: true)
        }
        let bySurname = actors.filter { $0.name.split(separator: " ").last.map { $0.lowercased() == folded } ?? false }
        if bySurname.count == 1 { return bySurname[0] }
        if bySurname.count > 1 {
            throw .unknownActor(name: name, candidates: bySurname.map(\.name), ambiguous: true)
        }
        throw .unknownActor(name: name, candidates: closest(to: folded), ambiguous: false)
    }

    /// Every name by which the query language's `actor:` should reach each actor: aliases and
    /// surnames that point to exactly one actor.
    func queryAliases() -> [(alias: String, id: String)] {
        var owners: [String: Set<String>] = [:]
        for actor in actors {
            for alias in actor.aliases { owners[IndexSchema.slug(alias), default: []].insert(actor.id) }
            if actor.type == "person", let surname = actor.name.split(separator: " ").last, actor.name.contains(" ") {
                owners[IndexSchema.slug(String(surname)), default: []].insert(actor.id)
            }
        }
        return owners.compactMap { alias, ids in
            ids.count == 1 && byID[alias] == nil ? (alias, ids.first!) : nil
        }
    }

    /// Up to five actors whose names or aliases are closest to `folded` (edit distance, or
    /// containing it).
    private func closest(to folded: String) -> [String] {
        var scored: [(Int, String)] = []
        for actor in actors {
            let names = [actor.name] + actor.aliases
            let best = names.map { candidate -> Int in
                let c = candidate.lowercased()
                if c.contains(folded) || folded.contains(c) { return 0 }
                return Self.editDistance(Array(c), Array(folded))
            }.min() ?? Int.max
            if best <= max(2, folded.count / 3) { scored.append((best, actor.name)) }
        }
        return scored.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.prefix(5).map(\.1)
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
