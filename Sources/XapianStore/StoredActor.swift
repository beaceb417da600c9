import Foundation

/// The actor record the index keeps under metadata `actor:` + slug
/// (`IndexSchema.MetadataKey.actorPrefix`), as readers decode it: the one decoder of that
/// record, and the one declaration of its keys. The indexer writes it with its evidence tally
/// beside these keys (`IndexWriter.ActorEntry`, a `StoredActor` and a tally).
public struct StoredActor: Sendable, Equatable, Codable {
    /// The canonical name.
    public var name: String
    /// The actor type's name (`NewsModel.ActorType.rawValue`).
    public var type: String
    /// Every other name the actor went by, sorted.
    public var aliases: [String]

    /// Creates a record.
    public init(name: String, type: String, aliases: [String]) {
        self.name = name
        self.type = type
        self.aliases = aliases
    }

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
