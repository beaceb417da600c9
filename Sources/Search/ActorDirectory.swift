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

    /// Descending passage count, then name: the order actors are listed in.
    static func byPassages(_ a: ActorInfo, _ b: ActorInfo) -> Bool {
        a.passages != b.passages ? a.passages > b.passages : a.name < b.name
    }
}

/// Every actor in an index (`dossier actors`, `dossier stats`, suggestions for unknown names).
/// Searches look actors up one by one instead (`ActorLookup`).
public struct ActorDirectory: Sendable {
    /// All actors, by descending passage count, then name.
    public let actors: [ActorInfo]

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
        actors = list.sorted(by: ActorInfo.byPassages)
    }

    /// The actors of one type (any case; nil: every type), the first `limit` of them (nil:
    /// all), in the directory's order: what `dossier actors` and `GET /api/actors` list.
    /// - Throws: `SearchError.invalidFilter` for an unknown type.
    public func actors(ofType type: String?, limit: Int?) throws(SearchError) -> [ActorInfo] {
        var list = actors
        if let type {
            try SearchRequest.validateActorType(type)
            list = list.filter { $0.type == type.lowercased() }
        }
        if let limit { list = Array(list.prefix(max(0, limit))) }
        return list
    }

    private struct StoredActor: Decodable {
        var name: String
        var type: String
        var aliases: [String]
    }

    /// Up to five actors whose names or aliases are closest to `name` (case-insensitive edit
    /// distance to the whole name or to one of its words, or containing it): the suggestions
    /// for a name that resolves to nothing ("Zardary" finds Bilawal Bhutto Zardari).
    func closest(to name: String) -> [String] {
        let folded = name.trimmingCharacters(in: .whitespaces).lowercased()
        let typed = Array(folded)
        var scored: [(Int, String)] = []
        for actor in actors {
            let names = [actor.name] + actor.aliases
            let best = names.map { candidate -> Int in
                let c = candidate.lowercased()
                if c.contains(folded) || folded.contains(c) { return 0 }
                let words = c.split(separator: " ").filter { $0.count >= 3 && $0 != Substring(c) }
                return ([Self.editDistance(Array(c), typed)] + words.map { Self.editDistance(Array($0), typed) }).min()!
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
