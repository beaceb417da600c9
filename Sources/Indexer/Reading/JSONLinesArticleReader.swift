import Foundation

/// Reads JSON lines (`.jsonl`, `.ndjson`): one article object per line.
///
/// Keys: `id` (string or number), `title`, `published`, `source`, `url`, `author` (string
/// or list of strings), `actors` (list) and `text`, whose paragraphs are separated by blank
/// lines. Unknown keys are ignored. A line that is not a JSON object, or has no string
/// `text`, is reported as `file:line` and skipped; the other lines are still read. Blank
/// lines are ignored.
///
/// Parsing uses Foundation's `JSONSerialization` (a real, strict JSON parser, and faster
/// than `JSONDecoder` for open-ended objects whose unknown keys must be ignored). Lines are
/// found with `memchr` over the raw bytes: scanning `Data` element by element is about six
/// times slower on large scrapes. Each line is parsed on its own, so one broken line never
/// hides the rest, and a 50 MB line costs one linear parse.
///
/// Article ids are the record's `id` (`"a17"`, or `"17"` for a number), else
/// `identity#line`; `Article.file` is `path#line`. Without a `title` the first paragraph
/// of `text` is the title, as the first line is for `.txt`.
public struct JSONLinesArticleReader: ArticleReader {
    /// Creates the reader.
    public init() {}

    /// Reads every article in a JSON-lines file.
    public func read(_ file: SourceFile) throws(IndexerError) -> ReadResult {
        let data = try TextDecoding.textBytes(of: file)
        var articles: [Article] = []
        var problems: [ReadProblem] = []
        var seenIDs: [String: Int] = [:]
        Self.forEachLine(data) { line, number in
            do throws(LineError) {
                guard var article = try Self.article(from: line, number: number, file: file, problems: &problems)
                else { return }
                if let earlier = seenIDs[article.id] {
                    problems.append(ReadProblem(
                        file: file.path, line: number,
                        message: "id `\(article.id)` already used on line \(earlier); this record is indexed as `\(file.identity)#\(number)`",
                        severity: .warning))
                    article.id = "\(file.identity)#\(number)"
                }
                seenIDs[article.id] = number
                articles.append(article)
            } catch {
                problems.append(ReadProblem(file: file.path, line: number, message: error.message + "; line skipped",
                                            severity: .skipped))
            }
        }
        if articles.isEmpty && problems.isEmpty { throw .empty(path: file.path) }
        return ReadResult(articles: articles, problems: problems)
    }

    /// Why one line was skipped.
    private struct LineError: Error {
        var message: String
    }

    /// Calls `body` with each non-blank line's bytes and its 1-based number.
    static func forEachLine(_ data: Data, _ body: (UnsafeRawBufferPointer, Int) -> Void) {
        data.withUnsafeBytes { (all: UnsafeRawBufferPointer) in
            guard let base = all.baseAddress else { return }
            var start = 0
            var number = 1
            while start <= all.count {
                let remaining = all.count - start
                let newline = remaining > 0 ? memchr(base + start, 0x0A, remaining) : nil
                let end = newline.map { base.distance(to: UnsafeRawPointer($0)) } ?? all.count
                var line = UnsafeRawBufferPointer(rebasing: all[start..<end])
                if line.last == 0x0D { line = UnsafeRawBufferPointer(rebasing: line.dropLast()) }
                if line.contains(where: { $0 != 0x20 && $0 != 0x09 }) { body(line, number) }
                if newline == nil { break }
                start = end + 1
                number += 1
            }
        }
    }

    /// One line's article, or nil for a blank line; throws for a line to skip.
    private static func article(
        from line: UnsafeRawBufferPointer, number: Int, file: SourceFile, problems: inout [ReadProblem]
    ) throws(LineError) -> Article? {
        var bytes = Data(line)
        var object: Any
        do {
            object = try JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed])
        } catch {
            // JSON must be UTF-8; a line that is JSON once its bad bytes are replaced is kept
            // with a warning, like invalid UTF-8 in any other format.
            guard String(validating: bytes, as: UTF8.self) == nil else {
                throw LineError(message: "not valid JSON (\(Self.reason(error)))")
            }
            bytes = Data(String(decoding: bytes, as: UTF8.self).utf8)
            guard let repaired = try? JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed]) else {
                throw LineError(message: "not valid JSON (and not valid UTF-8)")
            }
            problems.append(ReadProblem(file: file.path, line: number,
                                        message: "invalid UTF-8 replaced by U+FFFD", severity: .warning))
            object = repaired
        }
        guard let record = object as? [String: Any] else {
            throw LineError(message: "not a JSON object (each line must be one article `{…}`)")
        }
        guard let text = record["text"] as? String else {
            throw LineError(message: record["text"] == nil ? "no `text`" : "`text` is not a string")
        }
        var blocks = Paragraphs.plainBlocks(Substring(text), firstLine: number, sameLine: true)
        var title = (record["title"] as? String).map(Paragraphs.collapseWhitespace) ?? ""
        if title.isEmpty, !blocks.isEmpty {
            title = blocks.removeFirst().text
        }
        guard !title.isEmpty else { throw LineError(message: "`text` is empty and there is no `title`") }

        let id: String
        switch record["id"] {
        case let s as String where !s.isEmpty: id = s
        case let n as NSNumber: id = n.stringValue
        default: id = "\(file.identity)#\(number)"
        }
        var published: PublishedDate?
        if let stated = record["published"] as? String {
            published = MetadataDate.published(stated)
            if published == nil {
                problems.append(ReadProblem(
                    file: file.path, line: number,
                    message: "`published` `\(stated)` is not YYYY, YYYY-MM or YYYY-MM-DD[Thh:mm…]; ignored",
                    severity: .warning))
            }
        }
        let author: String? = switch record["author"] {
        case let s as String: s.nilIfEmpty
        case let list as [Any]: list.compactMap { $0 as? String }.joined(separator: ", ").nilIfEmpty
        default: nil
        }
        return Article(
            id: id, file: "\(file.path)#\(number)", title: title, published: published,
            source: (record["source"] as? String)?.nilIfEmpty, url: (record["url"] as? String)?.nilIfEmpty,
            author: author,
            declaredActors: (record["actors"] as? [Any])?.compactMap { $0 as? String } ?? [],
            passages: Paragraphs.passages(title: title, titleLine: number, blocks: blocks))
    }

    /// Foundation's parse error in one short phrase.
    private static func reason(_ error: Error) -> String {
        let ns = error as NSError
        return (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? ns.localizedDescription
    }
}
