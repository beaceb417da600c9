import Foundation
import Indexer
import NewsModel

/// Builds an index of `seeds/` in a temporary directory.
public final class SeedIndex: @unchecked Sendable {
    /// Keeps the directory alive as long as the index is used.
    public let directory: TemporaryDirectory
    /// The index path.
    public let path: String
    /// The indexing summary.
    public let summary: IndexSummary

    /// Indexes the seed articles with `tagger`.
    public init(tagger: any ArticleTagger = NoTagger()) throws {
        directory = TemporaryDirectory("seed-index")
        path = directory.path("index")
        summary = try IndexingRun(options: IndexingOptions(indexPath: path, tagger: tagger)).run(paths: [Paths.seeds.path])
    }
}
