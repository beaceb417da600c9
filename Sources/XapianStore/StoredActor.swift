import Foundation

/// The actor record the index keeps under metadata `actor:` + slug
/// (`IndexSchema.MetadataKey.actorPrefix`), as readers decode it: the one decoder of that
/// record. The indexer writes it with its evidence tally as well (`IndexWriter.ActorEntry`,
/// whose `name`, `type` and `aliases` keys must stay these).
public struct StoredActor: Sendable, Equatable, Decodable {
    /// The canonical name.
    public var name: String
    /// The actor type's name (`NewsModel.ActorType.rawValue`).
    public var type: String
    /// Every other name the actor went by, sorted.
    public var aliases: [String]

    /// Decodes a stored value; nil when it is not an actor record (an entry left empty by a
    /// deleted actor, or one written by another schema version).
    public init?(stored value: String) {
        guard !value.isEmpty, let decoded = try? JSONDecoder().decode(StoredActor.self, from: Data(value.utf8)) else { return nil }
        self = decoded
    }

    /// The record of the actor `id` (its slug) in `database`, nil when there is none.
    public static func read(id: String, from database: Database) throws(XapianError) -> StoredActor? {
        StoredActor(stored: try database.metadata(IndexSchema.metadataKey(IndexSchema.MetadataKey.actorPrefix, id)))
    }
}
