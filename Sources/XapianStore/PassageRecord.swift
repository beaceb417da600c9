/// The display record of a passage, stored as JSON in its Xapian document's data.
///
/// Search results are built from it without re-reading the source files. Field names are the
/// output schema's (`Docs/output-schema.md`), so a JSONL hit is this record plus rank, score
/// and snippet.
public struct PassageRecord: Codable, Sendable, Equatable {
    /// An actor as shown: canonical name and type.
    public struct Actor: Codable, Sendable, Hashable {
        /// The canonical name.
        public var name: String
        /// person, organization, country, location or group.
        public var type: String
        /// The surface forms the passage names the actor by, each once, in order of first
        /// appearance ("Mr. Bhutto Zardari", "Bilawal"); nil in records written before
        /// they were stored (a rebuild adds them).
        public var mentions: [String]?
        /// Creates an actor entry.
        public init(name: String, type: String, mentions: [String]? = nil) {
            self.name = name
            self.type = type
            self.mentions = mentions
        }
    }

    /// A mentioned date as shown: surface text and resolved value (`2025-07-04`, `2025-10-25/2025-10-30`).
    public struct MentionedDate: Codable, Sendable, Hashable {
        /// What the passage says.
        public var text: String
        /// The resolved value (ISO 8601 date at its precision, or an interval).
        public var value: String
        /// Creates a date entry.
        public init(text: String, value: String) {
            self.text = text
            self.value = value
        }
    }

    /// `article_id#paragraph`.
    public var passageID: String
    /// The article's stable id.
    public var articleID: String
    /// The file the article came from.
    public var file: String
    /// The passage number: 0 is the title.
    public var paragraph: Int
    /// title, heading, paragraph or bullet.
    public var kind: String
    /// The article's title.
    public var title: String
    /// The publication date at its precision, or nil when unknown.
    public var published: String?
    /// How the publication date was established: metadata, inferred or user.
    public var publishedOrigin: String?
    /// The source (outlet), when known.
    public var source: String?
    /// The article URL, when known.
    public var url: String?
    /// The passage text exactly as written.
    public var text: String
    /// The actors in the passage.
    public var actors: [Actor]
    /// The dates the passage mentions.
    public var dates: [MentionedDate]

    enum CodingKeys: String, CodingKey {
        case passageID = "passage_id", articleID = "article_id", file, paragraph, kind, title, published
        case publishedOrigin = "published_origin", source, url, text, actors, dates
    }

    /// Creates a record.
    public init(
        passageID: String, articleID: String, file: String, paragraph: Int, kind: String, title: String,
        published: String?, publishedOrigin: String?, source: String?, url: String?, text: String,
        actors: [Actor], dates: [MentionedDate]
    ) {
        self.passageID = passageID
        self.articleID = articleID
        self.file = file
        self.paragraph = paragraph
        self.kind = kind
        self.title = title
        self.published = published
        self.publishedOrigin = publishedOrigin
        self.source = source
        self.url = url
        self.text = text
        self.actors = actors
        self.dates = dates
    }

    /// The id of passage `paragraph` of `articleID`.
    public static func passageID(article articleID: String, paragraph: Int) -> String { "\(articleID)#\(paragraph)" }
}
