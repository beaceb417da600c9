import Foundation
import Logging
import XapianStore

/// Indexes files into a Dossier index: expands paths, skips unchanged files, reads, tags and
/// writes articles, and commits in batches.
///
/// Safety: every file's passages and its fingerprint are committed together, so a run that
/// is killed leaves the index at its last commit, and the next run redoes exactly the files
/// that were not committed. In a sharded index the fingerprints are committed in the first
/// shard after every other shard committed the batch (`IndexWriter.commit()`), so a file
/// counts as indexed only once all its passages are.
public struct IndexingRun {
    /// The options of the run.
    public var options: IndexingOptions

    /// Creates a run.
    public init(options: IndexingOptions) { self.options = options }

    /// The stored fingerprint of an indexed file (metadata `file:` + identity).
    struct Fingerprint: Codable, Equatable, Sendable {
        var path: String
        var size: Int
        var modified: Double
        var hash: String
        var articles: [String]
        /// The `ArticleTagger.fingerprint` of the tagger that tagged the file (nil in indexes
        /// from before it was stored: such a file is tagged again).
        var tagger: String?

        /// The fingerprint stored as `json`, nil for an empty or unreadable entry.
        static func decoded(_ json: String, with decoder: JSONDecoder) -> Fingerprint? {
            try? decoder.decode(Fingerprint.self, from: Data(json.utf8))
        }
    }

    /// Indexes `paths`.
    ///
    /// Reading, tagging and preparing documents run on a worker thread while this thread
    /// writes (`IndexingPipeline`), unless `options.concurrent` is false; the index is the same
    /// either way.
    /// - Parameters:
    ///   - progress: called after each file.
    ///   - shouldStop: polled after each article; when it returns true the run commits and
    ///     ends with `interrupted` set.
    /// - Throws: `IndexerError.store` when the index cannot be opened or written.
    public func run(
        paths: [String], progress: (IndexProgress) -> Void = { _ in }, shouldStop: () -> Bool = { false }
    ) throws(IndexerError) -> IndexSummary {
        guard options.rebuild else {
            return try run(into: options.indexPath, shards: options.shards, paths: paths, progress: progress, shouldStop: shouldStop)
        }
        // Build beside the old index and swap only when complete: a failed or interrupted
        // rebuild leaves the old index as it was.
        let fm = FileManager.default
        let fresh = options.indexPath + ".rebuilding"
        try? fm.removeItem(atPath: fresh)
        // The new index has the shards asked for, else as many as the old one.
        let existing = IndexLayout.read(at: options.indexPath).shardCount
        let shards = options.shards ?? (existing > 0 ? existing : nil)
        let summary: IndexSummary
        do {
            summary = try run(into: fresh, shards: shards, paths: paths, progress: progress, shouldStop: shouldStop)
        } catch {
            try? fm.removeItem(atPath: fresh)
            throw error
        }
        if summary.interrupted {
            try? fm.removeItem(atPath: fresh)
            return summary
        }
        do {
            let old = options.indexPath + ".old"
            try? fm.removeItem(atPath: old)
            if fm.fileExists(atPath: options.indexPath) { try fm.moveItem(atPath: options.indexPath, toPath: old) }
            try fm.moveItem(atPath: fresh, toPath: options.indexPath)
            try? fm.removeItem(atPath: old)
        } catch {
            throw .unreadable(path: options.indexPath, reason: "could not replace the index with the rebuilt one (\(error.localizedDescription)); the new index is at \(fresh)")
        }
        return summary
    }

    private func run(
        into indexPath: String, shards: Int?, paths: [String], progress: (IndexProgress) -> Void, shouldStop: () -> Bool
    ) throws(IndexerError) -> IndexSummary {
        let started = Date()
        var summary = IndexSummary()
        let writer = try IndexWriter(path: indexPath, shards: shards, positions: options.positions)
        writer.failAfterShardCommits = options.failAfterShardCommits
        let inputs = FileCollector(stdinFormat: options.stdinFormat).collect(paths)
        inputs.skipped.forEach { summary.record($0) }
        var pendingPassages = 0
        var filePassages = 0
        var seenIdentities = Set<String>()
        // The file whose articles are arriving (items come in file order).
        var currentFile = 0

        do {
            var jobs: [IndexingPipeline.FileJob] = []
            let decoder = JSONDecoder()
            for (number, entry) in inputs.files.enumerated() {
                let key = IndexSchema.metadataKey(IndexSchema.MetadataKey.filePrefix, entry.identity)
                let stored = Fingerprint.decoded(try writer.fingerprint(atKey: key), with: decoder)
                jobs.append(.init(number: number, entry: entry, key: key, stored: stored))
            }
            let pipeline = IndexingPipeline(options: options, jobs: jobs)
            try pipeline.run(concurrent: options.concurrent) { (item) throws(XapianError) -> Bool in
                switch item {
                case let .article(prepared, built):
                    let outcome = try writer.write(prepared, documents: built?.take())
                    let written = outcome.passages
                    if !prepared.continuesArticle { summary.articles += 1 }
                    summary.passages += written
                    if let replaced = outcome.replacedInRun {
                        // Two articles of this run with one id: the index holds the later one
                        // only, so the summary counts it once, and says so.
                        summary.articles -= 1
                        summary.passages -= replaced
                        summary.warnings.append(IndexSummary.Problem(
                            file: inputs.files[currentFile].path, line: prepared.line,
                            message: "article id `\(prepared.articleID)` was already written in this run; this article replaces the earlier one"))
                    }
                    pendingPassages += written
                    filePassages += written
                    // A file larger than a batch is committed in batches too, so memory stays
                    // flat; the next run redoes a file whose fingerprint was not committed.
                    if filePassages >= options.batchSize && pendingPassages >= options.batchSize {
                        try writer.commit()
                        options.logger.info("committed", metadata: ["passages": "\(summary.passages)", "files": "\(summary.files)"])
                        pendingPassages = 0
                    }
                case let .fileDone(outcome):
                    currentFile = outcome.job.number + 1
                    filePassages = 0
                    summary.files += 1
                    seenIdentities.insert(outcome.job.entry.identity)
                    outcome.problems.forEach { summary.record($0) }
                    if outcome.unchanged { summary.unchangedFiles += 1 }
                    if outcome.retagged && outcome.fingerprint != nil { summary.retaggedFiles += 1 }
                    options.logger.debug("\(outcome.fate)", metadata: ["file": "\(outcome.job.entry.path)"])
                    for old in outcome.staleArticles {
                        try writer.deleteArticle(old)
                        summary.removedArticles += 1
                    }
                    if let fingerprint = outcome.fingerprint {
                        try writer.setFingerprint(Self.encode(fingerprint), atKey: outcome.job.key)
                    }
                    if pendingPassages >= options.batchSize {
                        try writer.commit()
                        options.logger.info("committed", metadata: ["passages": "\(summary.passages)", "files": "\(outcome.job.number + 1)"])
                        pendingPassages = 0
                    }
                    progress(IndexProgress(
                        filesDone: outcome.job.number + 1, filesTotal: inputs.files.count, passages: summary.passages,
                        elapsed: Date().timeIntervalSince(started)))
                }
                if shouldStop() {
                    summary.interrupted = true
                    return false
                }
                return true
            }
            if options.prune && !summary.interrupted {
                try prune(writer: writer, keeping: seenIdentities, summary: &summary)
            }
            try writer.commit()
            summary.indexPassages = try writer.passageCount()
        } catch {
            throw .store(error)
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// Removes the articles of files that were indexed before but are gone now.
    private func prune(writer: IndexWriter, keeping seen: Set<String>, summary: inout IndexSummary) throws(XapianError) {
        let decoder = JSONDecoder()
        for (key, value) in try writer.fingerprints() {
            guard let fingerprint = Fingerprint.decoded(value, with: decoder) else { continue }
            let identity = String(key.dropFirst(IndexSchema.MetadataKey.filePrefix.count))
            if seen.contains(identity) || fingerprint.path == "-" || FileManager.default.fileExists(atPath: fingerprint.path) { continue }
            for article in fingerprint.articles {
                try writer.deleteArticle(article)
                summary.removedArticles += 1
            }
            try writer.setFingerprint("", atKey: key)
        }
    }

    private static func encode(_ fingerprint: Fingerprint) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys  // the same bytes in every run
        return (try? encoder.encode(fingerprint)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

}
