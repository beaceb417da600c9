import Foundation
import NewsModel

/// Reads the benchmark's passage JSONL (the generated corpus `bench/run` indexes; see
/// bench/README.md): one passage per line, `{"id", "text", "actors", "date"}`.
///
/// Each line becomes an article of one paragraph (passage 1, no title) whose id is the passage
/// id, with the line's actors as declared actors and its date as the publication date. With
/// `DeclaredActorsTagger` Dossier then does the same Xapian work as the baseline tools plus its
/// own record and facets (`dossier index --passages`, used by `bench/run`).
public struct PassagesJSONLReader: LineRecordReader {
    private struct Line: Decodable {
        var id: String
        var text: String
        var actors: [String]?
        var date: String?
    }

    /// One decoder for every line (the reader is used on one thread at a time).
    private let decoder = JSONDecoder()

    /// Creates the reader.
    public init() {}

    /// One line's passage as an article; throws `.malformed` for a line that is not a
    /// passage record. Ids are taken as they are (the benchmark's are unique); a repeated id
    /// replaces the earlier passage in the index.
    public func article(
        line: UnsafeRawBufferPointer, number: Int, context: inout LineRecordContext
    ) throws(IndexerError) -> Article? {
        let path = context.path
        let record: Line
        do {
            record = try decoder.decode(Line.self, from: Data(line))
        } catch {
            throw .malformed(path: path, line: number, reason: "not a passage record {\"id\", \"text\", \"actors\", \"date\"}; skipped")
        }
        let published = record.date.flatMap(CalendarDate.init(iso:)).map { PublishedDate(date: $0, origin: .metadata) }
        return Article(
            id: record.id, file: "\(path)#\(number)", title: "", published: published,
            declaredActors: record.actors ?? [],
            passages: [Passage(number: 1, kind: .paragraph, text: record.text, line: number)])
    }
}

/// Tags every passage of an article with the actors its file declares (as persons) and no
/// dates: the tagging the baseline tools do, for like-for-like benchmarks.
public struct DeclaredActorsTagger: ArticleTagger {
    /// Creates the tagger.
    public init() {}

    /// "declared-actors".
    public var fingerprint: String { "declared-actors" }

    public func tag(_ article: Article) -> TaggedArticle {
        var actors: [ActorTag] = []
        for name in article.declaredActors where !name.isEmpty {
            let tag = ActorTag(name: name, type: .person)
            if !tag.id.isEmpty && !actors.contains(where: { $0.id == tag.id }) { actors.append(tag) }
        }
        return TaggedArticle(
            article: article, passages: article.passages.map { TaggedPassage(passage: $0, actors: actors) })
    }
}
