import Logging
import NewsModel

/// How `IndexingRun` works. Every property has a documented default.
public struct IndexingOptions: Sendable {
    /// The index directory. Created when missing (its parent must exist).
    public var indexPath: String
    /// Finds actors and dates. Default: `NoTagger` (the CLI passes the news tagger).
    public var tagger: any ArticleTagger
    /// Passages written between commits. A killed run loses at most one batch, and the next
    /// run redoes it. Default 5,000 (Xapian's own flush threshold is 10,000 documents;
    /// larger batches cost memory without gaining speed, see xapian-notes.md §20).
    public var batchSize: Int
    /// The publication date for articles whose files state none and whose text does not
    /// determine one (`--published`). Default nil: leave it unknown.
    public var defaultPublished: CalendarDate?
    /// Remove from the index the articles whose files are gone. Default false.
    public var prune: Bool
    /// Record word positions (needed for phrase and NEAR queries). Default true.
    public var positions: Bool
    /// Build a new index from the given paths only, replacing the old one when (and only
    /// when) the new one is complete (`--rebuild`). Default false.
    public var rebuild: Bool = false
    /// The number of shards a new index is split into, each written by its own thread
    /// (`--shards`; `IndexWriter`). Default nil: an existing index keeps its count, a new one
    /// gets one shard (one database, no stub). A count other than an existing index's is an
    /// error (`IndexerError.shardCount`), except with `rebuild`, whose new index takes it.
    public var shards: Int? = nil
    /// The most shards an index may be split into (`--shards`): one thread each.
    public static let maximumShards = 64
    /// Tests: fail the run right after the shards after the first committed batch number
    /// `failAfterShardCommits` and before the first did, as a kill between them would.
    var failAfterShardCommits: Int? = nil
    /// The format of standard input when a path is `-` (`--stdin-format`). Default nil.
    public var stdinFormat: InputFormat?
    /// Where per-file decisions (indexed, unchanged, skipped) and commits are logged.
    /// Default: a logger that discards everything (`dossier index --verbose` passes a real one).
    public var logger: Logger

    /// Read every input with this reader, whatever its file name (nil: choose by extension).
    /// `dossier index --passages` sets `PassagesJSONLReader` for the benchmark's input.
    public var reader: (any ArticleReader)?
    /// Read and tag on a worker thread while this one writes (default true). The index is the
    /// same either way; false is for tests and measurements.
    public var concurrent: Bool
    /// Articles the reading thread may run ahead of the writer (default 64); bounds memory.
    public var queueCapacity: Int
    /// The most bytes one record may have where a format cannot be read in pieces: one line
    /// of a JSON-lines file, one SGML story, one HTML, text or Markdown file (each one article read whole;
    /// a `.gz` as it inflates; `ArticleReader.parsesWholeDocument`). A longer
    /// record is not indexed and is reported, naming its file and line and this limit
    /// (`dossier index --max-record-size`), so the memory a run needs stays bounded whatever
    /// the input. Default `defaultMaximumRecordBytes` (16 MiB, thousands of times a news
    /// article).
    public var maximumRecordBytes = IndexingOptions.defaultMaximumRecordBytes
    /// The default of `maximumRecordBytes`: 16 MiB.
    public static let defaultMaximumRecordBytes = 16 << 20
    /// Bytes read at a time from line-record files such as JSON lines (default 4 MB; a longer
    /// line grows the buffer). Tests make it tiny so that lines straddle chunks.
    var lineChunkSize = FileReadingStage.chunkSize
    /// The most passage text tagged, and sent to the writer, at once (`TaggingWindow`);
    /// tests make it small so that a short article goes in parts.
    var taggingWindowBytes = TaggingWindow.maximumBytes

    /// Creates options with the defaults above.
    public init(
        indexPath: String, tagger: any ArticleTagger = NoTagger(), batchSize: Int = 5_000,
        defaultPublished: CalendarDate? = nil, prune: Bool = false, positions: Bool = true,
        stdinFormat: InputFormat? = nil,
        logger: Logger = Logger(label: "dossier.index", factory: { _ in SwiftLogNoOpLogHandler() }),
        reader: (any ArticleReader)? = nil, concurrent: Bool = true, queueCapacity: Int = 64
    ) {
        self.reader = reader
        self.concurrent = concurrent
        self.queueCapacity = queueCapacity
        self.indexPath = indexPath
        self.tagger = tagger
        self.batchSize = batchSize
        self.defaultPublished = defaultPublished
        self.prune = prune
        self.positions = positions
        self.stdinFormat = stdinFormat
        self.logger = logger
    }
}
