/// One news article as read from a file, before tagging.
///
/// Readers (`Sources/Indexer/Reading`) produce articles; the tagger adds actors and dates;
/// `IndexWriter` stores one Xapian document per passage.
public struct Article: Sendable, Equatable {
    /// Stable identity within an index: the path relative to the indexed root's parent
    /// (`seeds/000_x.txt`) or, for record formats (JSONL, SGML), the file's identity and the
    /// record's own id (`Article.recordID`), else its line (`Article.lineID`).
    public var id: String
    /// Where the article came from: the file path as the user named it (with the record's
    /// position appended by multi-article formats, e.g. `reut2-000.sgm.gz#1`).
    public var file: String
    /// The headline. Also passage 0 (kind `title`) when the article has one.
    public var title: String
    /// The publication date, when the file's metadata states it or the tagger infers it.
    public var published: PublishedDate?
    /// The outlet or collection (`dawn`, `reuters`), when known.
    public var source: String?
    /// The article's URL, when known.
    public var url: String?
    /// The byline, when known.
    public var author: String?
    /// Actor names the file's metadata declares (for example Markdown front matter `actors`).
    public var declaredActors: [String]
    /// The passages in reading order; `passages[i].number == i`.
    public var passages: [Passage]

    /// Creates an article; passages are numbered by the caller (see `Passage.number`).
    public init(
        id: String, file: String, title: String, published: PublishedDate? = nil,
        source: String? = nil, url: String? = nil, author: String? = nil,
        declaredActors: [String] = [], passages: [Passage]
    ) {
        self.id = id
        self.file = file
        self.title = title
        self.published = published
        self.source = source
        self.url = url
        self.author = author
        self.declaredActors = declaredActors
        self.passages = passages
    }
}

extension Article {
    /// The id of a record of a multi-article file: the file's identity and the record's own id
    /// (`feeds/a.jsonl#17`). Two files that number their records alike hold different
    /// articles, and re-indexing a file replaces exactly its own.
    public static func recordID(file identity: String, record: String) -> String { "\(identity)#\(record)" }

    /// The id of a record that has no usable id of its own: its file's identity and line
    /// (`feeds/a.jsonl:17`), which no `recordID` of the same file can equal.
    public static func lineID(file identity: String, line: Int) -> String { "\(identity):\(line)" }
}
