import Foundation
import NewsModel
import XapianStore

/// The evidence behind one actor's entry in the index's actor table, summed over every
/// article that names it: how many passages call it by each name as each type, and how many
/// articles give it each alias.
///
/// Why: the tagger reads each article on its own, so one actor can be an organisation in one
/// story and a person in another, or "EAC Industries" here and "Eac Industries" there. The
/// table's name, type and aliases are chosen from the summed evidence by a rule that does not
/// depend on the order articles were written in (`entry(slug:)`), and each article's share is
/// stored with it (`IndexSchema.MetadataKey.articlePrefix`) so that replacing or deleting the
/// article takes exactly that share back out. So a resumed, incremental or reordered build
/// gives the same table as a clean build of the same files.
struct ActorTally: Codable, Equatable, Sendable {
    /// Passages per type, then per name.
    var passages: [String: [String: Int]] = [:]
    /// Articles per alias.
    var aliases: [String: Int] = [:]

    /// True when no passage and no article contributes anything.
    var isEmpty: Bool { passages.isEmpty && aliases.isEmpty }

    /// Adds (`sign` 1) or takes out (`sign` -1) `other`, dropping what falls to zero. Counts
    /// may go below zero in a pending change (an article taken out before its replacement is
    /// added); a stored tally, the sum of its articles' shares, never does.
    mutating func add(_ other: ActorTally, sign: Int) {
        for (type, names) in other.passages {
            for (name, count) in names {
                let total = (passages[type]?[name] ?? 0) + sign * count
                passages[type, default: [:]][name] = total != 0 ? total : nil
            }
            if passages[type]?.isEmpty == true { passages[type] = nil }
        }
        for (alias, count) in other.aliases {
            let total = (aliases[alias] ?? 0) + sign * count
            aliases[alias] = total != 0 ? total : nil
        }
    }

    /// The table entry the evidence gives, nil when no passage names the actor any more:
    /// the type carried by the most passages (ties: `ActorType` declaration order), the name
    /// written in the most passages in ordinary case, else in capitals (`ActorTag.isShouted`:
    /// "Texaco" over a headline's "TEXACO", however many headlines) (ties: the first in
    /// code-point order), and every alias some article still gives, other than that name.
    func entry() -> IndexWriter.ActorEntry? {
        var byName: [String: Int] = [:]
        var byType: [String: Int] = [:]
        for (type, names) in passages {
            for (name, count) in names where count > 0 {
                byName[name, default: 0] += count
                byType[type, default: 0] += count
            }
        }
        func rank(_ type: String) -> Int { ActorType(rawValue: type).flatMap { ActorType.allCases.firstIndex(of: $0) } ?? Int.max }
        guard let type = byType.max(by: { a, b in a.value != b.value ? a.value < b.value : rank(a.key) > rank(b.key) })?.key,
              let name = byName.max(by: { a, b in
                  let (aShouted, bShouted) = (ActorTag.isShouted(a.key), ActorTag.isShouted(b.key))
                  if aShouted != bShouted { return aShouted }
                  return a.value != b.value ? a.value < b.value : b.key.unicodeScalars.lexicographicallyPrecedes(a.key.unicodeScalars)
              })?.key
        else { return nil }
        let aliases = self.aliases.filter { $0.value > 0 && $0.key != name }.keys.sorted()
        return IndexWriter.ActorEntry(name: name, type: type, aliases: aliases, tally: self)
    }

    /// The share of an article read in parts (`PreparedArticle.continuesArticle`) from the
    /// shares of its parts: passages add up, and an alias counts once for the article, as it
    /// does when the article is tagged whole.
    static func union(_ first: [String: ActorTally], _ second: [String: ActorTally]) -> [String: ActorTally] {
        var result = first
        for (slug, tally) in second {
            var merged = result[slug] ?? ActorTally()
            for (type, names) in tally.passages {
                for (name, count) in names { merged.passages[type, default: [:]][name, default: 0] += count }
            }
            for alias in tally.aliases.keys { merged.aliases[alias] = 1 }
            result[slug] = merged
        }
        return result
    }

    /// One article's share of the table, by actor slug.
    static func contribution(of article: PreparedArticle) -> [String: ActorTally] {
        var shares: [String: ActorTally] = [:]
        for (tag, count) in article.actorReadings {
            shares[tag.id, default: ActorTally()].passages[tag.type.rawValue, default: [:]][tag.name, default: 0] += count
        }
        for (tag, names) in article.aliases {
            for alias in names { shares[tag.id, default: ActorTally()].aliases[alias] = 1 }
        }
        return shares
    }
}
