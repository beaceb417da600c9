import Foundation
import XapianStore

/// What an index holds, for `dossier stats`.
public struct IndexStatistics: Sendable, Equatable, Codable {
    /// The index directory.
    public var index: String
    /// Indexed files (and standard-input runs).
    public var files: Int
    /// Articles.
    public var articles: Int
    /// Passages (Xapian documents).
    public var passages: Int
    /// Distinct actors, and per type.
    public var actors: Int
    /// Actors per type.
    public var actorsByType: [String: Int]
    /// The earliest and latest publication dates (`YYYY-MM-DD`), nil when no passage is dated.
    public var publishedFrom: String?
    /// See `publishedFrom`.
    public var publishedTo: String?
    /// The earliest and latest years mentioned in passages.
    public var mentionedFromYear: Int?
    /// See `mentionedFromYear`.
    public var mentionedToYear: Int?
    /// Bytes on disk.
    public var sizeBytes: Int
    /// When the index was last committed (ISO 8601), if recorded.
    public var lastIndexed: String?
    /// The index schema version.
    public var schemaVersion: String
    /// The Xapian library version reading it.
    public var xapianVersion: String

    enum CodingKeys: String, CodingKey {
        case index, files, articles, passages, actors
        case actorsByType = "actors_by_type", publishedFrom = "published_from", publishedTo = "published_to"
        case mentionedFromYear = "mentioned_from_year", mentionedToYear = "mentioned_to_year"
        case sizeBytes = "size_bytes", lastIndexed = "last_indexed", schemaVersion = "schema_version"
        case xapianVersion = "xapian_version"
    }
}

extension SearchEngine {
    /// Reads the statistics of the index.
    public func statistics() throws(SearchError) -> IndexStatistics {
        do {
            let database = try Database(path: indexPath)
            let actors = try actorDirectory().actors
            let bounds = try database.valueBounds(.published)
            let years = try database.terms(withPrefix: IndexSchema.mentioned.prefix)
                .compactMap { term -> Int? in
                    let digits = term.term.dropFirst(IndexSchema.mentioned.prefix.count)
                    return digits.count == 4 ? Int(digits) : nil
                }
            let lastIndexed = try database.metadata(IndexSchema.MetadataKey.lastIndexed)
            return IndexStatistics(
                index: indexPath,
                files: try database.metadata(withPrefix: IndexSchema.MetadataKey.filePrefix).filter { !$0.value.isEmpty }.count,
                articles: try database.terms(withPrefix: IndexSchema.article.prefix).count,
                passages: try database.documentCount(),
                actors: actors.count,
                actorsByType: Dictionary(grouping: actors, by: \.type).mapValues(\.count),
                publishedFrom: Self.isoDay(bounds.low), publishedTo: Self.isoDay(bounds.high),
                mentionedFromYear: years.min(), mentionedToYear: years.max(),
                sizeBytes: ShardList.sizeOnDisk(ofIndex: indexPath),
                lastIndexed: lastIndexed.isEmpty ? nil : lastIndexed,
                schemaVersion: try database.metadata(IndexSchema.MetadataKey.schema),
                xapianVersion: XapianStore.xapianVersion)
        } catch let error as SearchError {
            throw error
        } catch let error as XapianError {
            throw SearchError.from(error, path: indexPath, query: "")
        } catch {
            throw .store(XapianError(code: .other, xapianType: "unknown", message: "\(error)", operation: "reading statistics"))
        }
    }

    private static func isoDay(_ yyyymmdd: String) -> String? {
        guard yyyymmdd.count == 8 else { return nil }
        let c = Array(yyyymmdd)
        return "\(String(c[0..<4]))-\(String(c[4..<6]))-\(String(c[6..<8]))"
    }
}
