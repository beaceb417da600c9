import Foundation
import NewsModel
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
        var list: [ActorInfo] = []
        for (key, value) in try database.metadata(withPrefix: IndexSchema.MetadataKey.actorPrefix) {
            let id = String(key.dropFirst(IndexSchema.MetadataKey.actorPrefix.count))
            guard let passages = counts[id], passages > 0,
                  let entry = StoredActor(stored: value) else { continue }
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
            let wanted = try ActorType.parse(type)
            list = list.filter { $0.type == wanted.rawValue }
        }
        if let limit { list = Array(list.prefix(max(0, limit))) }
        return list
    }

    /// Up to five actors whose names or aliases are most like `name`: the suggestions for a
    /// name that resolves to nothing ("Zardary" finds Bilawal Bhutto Zardari, "Volker" Paul
    /// Volcker), best first, ties by passages (`similarity(of:to:)`).
    func closest(to name: String) -> [ActorInfo] {
        let typed = name.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
        guard !typed.isEmpty else { return [] }
        var scored: [(score: Double, actor: ActorInfo)] = []
        for actor in actors {
            let best = ([actor.name] + actor.aliases).map { Self.similarity(of: typed, to: $0.lowercased()) }.max() ?? 0
            if best >= Self.suggestionThreshold { scored.append((best, actor)) }
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : ActorInfo.byPassages($0.actor, $1.actor) }
        return scored.prefix(5).map(\.actor)
    }

    /// The least similarity (0...1) a suggestion needs: about one edit in three letters.
    static let suggestionThreshold = 0.6

    /// How alike a typed name and a candidate name are, from 0 to 1: one minus the edit
    /// distance over the longer length, for the whole names and for the whole typed name
    /// against each word of the candidate ("volker" ~ "paul volcker"); a word typed exactly as
    /// one of the candidate's (of 4 letters or more: "imran khan" ~ "shafqat ali khan") scores
    /// the threshold. Normalising by length is what keeps two-letter aliases ("VO", "LK") from
    /// looking close to every longer name, as a raw edit distance made them.
    static func similarity(of typed: String, to candidate: String) -> Double {
        func ratio(_ a: String, _ b: String) -> Double {
            let longest = max(a.count, b.count)
            return longest == 0 ? 0 : 1 - Double(editDistance(Array(a), Array(b))) / Double(longest)
        }
        let words = candidate.split(separator: " ").map(String.init)
        var best = ratio(typed, candidate)
        if words.count > 1 { best = max(best, words.map { ratio(typed, $0) }.max() ?? 0) }
        let typedWords = typed.split(separator: " ").map(String.init)
        if typedWords.count > 1, typedWords.contains(where: { $0.count >= 4 && words.contains($0) }) {
            best = max(best, suggestionThreshold)
        }
        return best
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
