import Foundation

/// A column of exported hits. `--fields` takes these names, comma-separated.
public enum ExportField: String, Sendable, CaseIterable {
    case rank, score
    case passageID = "passage_id", articleID = "article_id"
    case file, paragraph, kind, title, published
    case publishedOrigin = "published_origin"
    case source, url, actors, dates, text, snippet, context
    /// Each actor's surface forms in the passage (what the tagger recognised); in JSON they
    /// are also part of `actors`.
    case mentions
    /// The passage's own BM25 weight (with `--rank articles`, the best passage's; `score` is then the article's).
    case passageScore = "passage_score"
    /// The ids of the matching passages: with `--rank articles` all of the article's, best
    /// first; for a passage hit, its own id.
    case matchedPassages = "matched_passages"

    /// The default columns of `--rank articles`: the article's score, then its best passage's.
    public static let articleDefaults: [ExportField] = [
        .rank, .score, .articleID, .matchedPassages, .passageScore, .passageID, .file, .paragraph, .kind, .title,
        .published, .source, .actors, .dates, .text, .snippet,
    ]

    /// The default columns, in order.
    public static let defaults: [ExportField] = [
        .rank, .score, .passageID, .articleID, .file, .paragraph, .kind, .title, .published, .source,
        .actors, .dates, .text, .snippet,
    ]

    /// Whether the field is read from the hit's stored record; the others (ranks, scores and
    /// ids) are known without it (`SearchRequest.records`).
    public var readsRecord: Bool {
        switch self {
        case .rank, .score, .passageID, .articleID, .paragraph, .passageScore, .matchedPassages: return false
        case .file, .kind, .title, .published, .publishedOrigin, .source, .url, .actors, .mentions, .dates, .text, .snippet, .context:
            return true
        }
    }

    /// Parses `--fields a,b,c`.
    /// - Throws: a message naming the unknown field and listing the valid ones.
    public static func parseList(_ text: String) throws -> [ExportField] {
        try text.split(separator: ",").map { raw in
            let name = raw.trimmingCharacters(in: .whitespaces)
            guard let field = ExportField(rawValue: name) else {
                throw FieldListError(message: "unknown field \"\(name)\"; fields are: " + allCases.map(\.rawValue).joined(separator: ", "))
            }
            return field
        }
    }

    /// Why a field list was rejected.
    public struct FieldListError: Error, CustomStringConvertible {
        /// The message.
        public var message: String
        /// The message.
        public var description: String { message }
    }

    /// The value as JSON (strings, numbers, arrays of objects), for JSON and JSON Lines.
    func jsonValue(of hit: SearchHit, marker: (open: String, close: String)) -> Any {
        let r = hit.record
        switch self {
        case .rank: return hit.rank
        case .score: return (hit.score * 10_000).rounded() / 10_000
        case .passageID: return r.passageID
        case .articleID: return r.articleID
        case .file: return r.file
        case .paragraph: return r.paragraph
        case .kind: return r.kind
        case .title: return r.title
        case .published: return r.published ?? NSNull()
        case .publishedOrigin: return r.publishedOrigin ?? NSNull()
        case .source: return r.source ?? NSNull()
        case .url: return r.url ?? NSNull()
        case .actors:
            return r.actors.map { actor -> [String: Any] in
                var object: [String: Any] = ["name": actor.name, "type": actor.type]
                if let mentions = actor.mentions { object["mentions"] = mentions }
                return object
            }
        case .mentions: return r.actors.map { ["name": $0.name, "mentions": $0.mentions ?? []] as [String: Any] }
        case .dates: return r.dates.map { ["text": $0.text, "value": $0.value] }
        case .text: return r.text
        case .snippet: return hit.snippet.marked(open: marker.open, close: marker.close)
        case .context: return hit.context.map { ["paragraph": $0.paragraph, "kind": $0.kind, "text": $0.text] as [String: Any] }
        case .passageScore: return (hit.passageScore * 10_000).rounded() / 10_000
        case .matchedPassages: return hit.matchedPassageIDs
        }
    }

    /// The value as one flat cell, for CSV, TSV and Markdown. Lists are joined with "; ":
    /// actors as `name (type)`, mentions as `name: surface | surface`, dates as
    /// `text = value`, context paragraphs as `¶n text`.
    func cell(of hit: SearchHit, marker: (open: String, close: String)) -> String {
        let r = hit.record
        switch self {
        case .rank: return String(hit.rank)
        case .score: return String(format: "%.4f", hit.score)
        case .passageID: return r.passageID
        case .articleID: return r.articleID
        case .file: return r.file
        case .paragraph: return String(r.paragraph)
        case .kind: return r.kind
        case .title: return r.title
        case .published: return r.published ?? ""
        case .publishedOrigin: return r.publishedOrigin ?? ""
        case .source: return r.source ?? ""
        case .url: return r.url ?? ""
        case .actors: return r.actors.map { "\($0.name) (\($0.type))" }.joined(separator: "; ")
        case .mentions: return r.actors.map { "\($0.name): " + ($0.mentions ?? []).joined(separator: " | ") }.joined(separator: "; ")
        case .dates: return r.dates.map { "\($0.text) = \($0.value)" }.joined(separator: "; ")
        case .text: return r.text
        case .snippet: return hit.snippet.marked(open: marker.open, close: marker.close)
        case .context: return hit.context.map { "¶\($0.paragraph) \($0.text)" }.joined(separator: "; ")
        case .passageScore: return String(format: "%.4f", hit.passageScore)
        case .matchedPassages: return hit.matchedPassageIDs.joined(separator: "; ")
        }
    }
}

/// The highlight markers of plain (unstyled) output: Markdown bold, readable everywhere.
let plainMarker = (open: "**", close: "**")
