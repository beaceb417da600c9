import Foundation
import Logging
import XapianStore

/// Indexes files into a Dossier index: expands paths, skips unchanged files, reads, tags and
/// writes articles, and commits in batches.
///
/// Safety: every file's passages and its fingerprint are committed together, so a run that
/// is killed leaves the index at its last commit, and the next run redoes exactly the files
/// that were not committed.
public struct IndexingRun {
    /// The options of the run.
    public var options: IndexingOptions

    /// Creates a run.
    public init(options: IndexingOptions) { self.options = options }

    /// The stored fingerprint of an indexed file (metadata `file:` + identity).
    struct Fingerprint: Codable, Equatable {
        var path: String
        var size: Int
        var modified: Double
        var hash: String
        var articles: [String]
    }

    /// Indexes `paths`.
    /// - Parameters:
    ///   - progress: called after each file.
    ///   - shouldStop: polled between files; when it returns true the run commits and ends
    ///     with `interrupted` set.
    /// - Throws: `IndexerError.store` when the index cannot be opened or written.
    public func run(
        paths: [String], progress: (IndexProgress) -> Void = { _ in }, shouldStop: () -> Bool = { false }
    ) throws(IndexerError) -> IndexSummary {
        guard options.rebuild else {
            return try run(into: options.indexPath, paths: paths, progress: progress, shouldStop: shouldStop)
        }
        // Build beside the old index and swap only when complete: a failed or interrupted
        // rebuild leaves the old index as it was.
        let fm = FileManager.default
        let fresh = options.indexPath + ".rebuilding"
        try? fm.removeItem(atPath: fresh)
        let summary: IndexSummary
        do {
            summary = try run(into: fresh, paths: paths, progress: progress, shouldStop: shouldStop)
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
        into indexPath: String, paths: [String], progress: (IndexProgress) -> Void, shouldStop: () -> Bool
    ) throws(IndexerError) -> IndexSummary {
        let started = Date()
        var summary = IndexSummary()
        let writer = try IndexWriter(path: indexPath, positions: options.positions)
        let inputs = FileCollector(stdinFormat: options.stdinFormat).collect(paths)
        inputs.skipped.forEach { summary.record($0) }
        var pendingPassages = 0
        var seenIdentities = Set<String>()

        do {
            for (number, entry) in inputs.files.enumerated() {
                if shouldStop() {
                    summary.interrupted = true
                    break
                }
                summary.files += 1
                seenIdentities.insert(entry.identity)
                pendingPassages += try index(entry, writer: writer, summary: &summary)
                if pendingPassages >= options.batchSize {
                    try writer.commit()
                    options.logger.info("committed", metadata: ["passages": "\(summary.passages)", "files": "\(number + 1)"])
                    pendingPassages = 0
                }
                progress(IndexProgress(
                    filesDone: number + 1, filesTotal: inputs.files.count, passages: summary.passages,
                    elapsed: Date().timeIntervalSince(started)))
            }
            if options.prune && !summary.interrupted {
                try prune(writer: writer, keeping: seenIdentities, summary: &summary)
            }
            try writer.commit()
            summary.indexPassages = try writer.database.reader.documentCount()
        } catch {
            throw .store(error)
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// Indexes one file unless it is unchanged; returns the passages written.
    private func index(_ entry: InputFile, writer: IndexWriter, summary: inout IndexSummary) throws(XapianError) -> Int {
        let key = IndexSchema.metadataKey("file:", entry.identity)
        let stored = try? JSONDecoder().decode(Fingerprint.self, from: Data(try writer.database.reader.metadata(key).utf8))
        let attributes = entry.isStandardInput ? nil : try? FileManager.default.attributesOfItem(atPath: entry.path)
        let size = (attributes?[.size] as? NSNumber)?.intValue ?? -1
        let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        if let stored, !entry.isStandardInput, stored.size == size, stored.modified == modified {
            options.logger.debug("unchanged (size and time)", metadata: ["file": "\(entry.path)"])
            summary.unchangedFiles += 1
            return 0
        }
        let source: SourceFile
        do {
            source = try entry.load()
        } catch {
            summary.record(ReadProblem(file: entry.path, message: Self.message(error, path: entry.path), severity: .skipped))
            return 0
        }
        let hash = IndexSchema.stableHash(source.data)
        let absolute = entry.isStandardInput ? "-" : URL(fileURLWithPath: entry.path).standardizedFileURL.path
        if let stored, stored.hash == hash {
            // Touched but not changed: remember the new mtime so the next run skips it cheaply.
            var refreshed = stored
            refreshed.modified = modified
            refreshed.path = absolute
            try writer.database.setMetadata(key, Self.encode(refreshed))
            options.logger.debug("unchanged (same content, new time)", metadata: ["file": "\(entry.path)"])
            summary.unchangedFiles += 1
            return 0
        }

        let result: ReadResult
        do {
            result = try entry.format.reader.read(source)
        } catch {
            summary.record(ReadProblem(file: entry.path, message: Self.message(error, path: entry.path), severity: .skipped))
            return 0
        }
        result.problems.forEach { summary.record($0) }

        var written = 0
        var ids: [String] = []
        for article in result.articles {
            let tagged = tag(article)
            written += try writer.write(tagged)
            ids.append(article.id)
            summary.articles += 1
        }
        for old in stored?.articles ?? [] where !ids.contains(old) {
            try writer.deleteArticle(old)
            summary.removedArticles += 1
        }
        summary.passages += written
        options.logger.debug(
            "indexed", metadata: ["file": "\(entry.path)", "articles": "\(ids.count)", "passages": "\(written)"])
        let fingerprint = Fingerprint(path: absolute, size: size, modified: modified, hash: hash, articles: ids)
        try writer.database.setMetadata(key, Self.encode(fingerprint))
        return written
    }

    /// Tags an article; where neither its file nor its text dates it, the user's default applies.
    private func tag(_ article: Article) -> TaggedArticle {
        var tagged = options.tagger.tag(article)
        if tagged.article.published == nil, let fallback = options.defaultPublished {
            var dated = article
            dated.published = PublishedDate(date: fallback, origin: .user)
            tagged = options.tagger.tag(dated)
        }
        return tagged
    }

    /// Removes the articles of files that were indexed before but are gone now.
    private func prune(writer: IndexWriter, keeping seen: Set<String>, summary: inout IndexSummary) throws(XapianError) {
        for (key, value) in try writer.database.reader.metadata(withPrefix: "file:") {
            guard let fingerprint = try? JSONDecoder().decode(Fingerprint.self, from: Data(value.utf8)) else { continue }
            let identity = String(key.dropFirst("file:".count))
            if seen.contains(identity) || fingerprint.path == "-" || FileManager.default.fileExists(atPath: fingerprint.path) { continue }
            for article in fingerprint.articles {
                try writer.deleteArticle(article)
                summary.removedArticles += 1
            }
            try writer.database.setMetadata(key, "")
        }
    }

    private static func encode(_ fingerprint: Fingerprint) -> String {
        (try? JSONEncoder().encode(fingerprint)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    private static func message(_ error: IndexerError, path: String) -> String {
        let text = error.description
        let prefix = path + ": "
        return text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    }

}

extension IndexSchema {
    /// A stable 64-bit FNV-1a hash of bytes, as hex (file fingerprints).
    static func stableHash(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            for byte in buffer {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
