import Output
import XapianStore

/// Writes one passage with its neighbours as a JSON document (`GET /api/passages/{id}`):
/// `{"format_version", "passage": {...}, "context": [{...}, ...]}`, each object with the hit
/// fields that describe a stored passage (no rank, score or snippet: there was no search).
public enum PassageWriter {
    /// The fields of a passage object, in the order of `ExportField.defaults`.
    public static let fields: [ExportField] = [
        .passageID, .articleID, .file, .paragraph, .kind, .title, .published, .publishedOrigin, .source, .url,
        .actors, .dates, .text,
    ]

    /// The document for `passage` and its `context` (in document order).
    public static func json(passage: PassageRecord, context: [PassageRecord]) -> String {
        func object(_ record: PassageRecord) -> [String: Any] {
            hitObject(SearchHit(rank: 0, score: 0, record: record, snippet: Snippet(text: "", highlights: []), context: []), fields: fields)
        }
        return jsonText([
            "passage": object(passage), "context": context.map(object),
        ] as [String: Any]) + "\n"
    }
}
