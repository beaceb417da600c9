import Foundation
import NewsModel

/// Reads JSON lines (`.jsonl`, `.ndjson`): one article object per line.
///
/// Keys: `id` (string or number), `title`, `published`, `source`, `url`, `author` (string
/// or list of strings), `actors` (list) and `text`, whose paragraphs are separated by blank
/// lines. Unknown keys are ignored. A line that is not a JSON object, or has no string
/// `text`, is reported as `file:line` and skipped; the other lines are still read. Blank
/// lines are ignored.
///
/// Parsing uses Foundation's `JSONSerialization` (a real, strict JSON parser, and faster
/// than `JSONDecoder` for open-ended objects whose unknown keys must be ignored). Each line is
/// parsed on its own, so one broken line never hides the rest, and a 50 MB line costs one
/// linear parse. As a `LineRecordReader` it is read in chunks by the indexing pipeline, so
/// memory does not grow with the file; standard input and `.jsonl.gz` are read whole.
///
/// Article ids are the file's identity and the record's `id` (`feeds/a.jsonl#a17`, or
/// `feeds/a.jsonl#17` for a number; `Article.recordID`), else the file's identity and line
/// (`feeds/a.jsonl:3`; `Article.lineID`), which is also the id of a record whose `id` an
/// earlier line used (with a warning); `Article.file` is `path#line`. Without a `title` the first paragraph of `text`
/// is the title, as the first line is for `.txt`.
public struct JSONLinesArticleReader: LineRecordReader {
    /// Creates the reader.
    public init() {}

    /// One line's article; throws `.malformed` for a line to skip. A record whose `id` an
    /// earlier line of the file used is re-identified by its line, with a warning.
    public func article(
        line: UnsafeRawBufferPointer, number: Int, context: inout LineRecordContext
    ) throws(IndexerError) -> Article? {
        let path = context.path
        func skipped(_ reason: String) -> IndexerError {
            .malformed(path: path, line: number, reason: reason + "; line skipped")
        }
        var bytes = Data(line)
        var object: Any
        do {
            object = try JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed])
        } catch {
            // JSON must be UTF-8; a line that is JSON once its bad bytes are replaced is kept
            // with a warning, like invalid UTF-8 in any other format.
            guard String(validating: bytes, as: UTF8.self) == nil else {
                throw skipped("not valid JSON (\(Self.reason(error)))")
            }
            bytes = Data(String(decoding: bytes, as: UTF8.self).utf8)
            guard let repaired = try? JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed]) else {
                throw skipped("not valid JSON (and not valid UTF-8)")
            }
            context.warn("invalid UTF-8 replaced by U+FFFD", line: number)
            object = repaired
        }
        guard let record = object as? [String: Any] else {
            throw skipped("not a JSON object (each line must be one article `{…}`)")
        }
        guard let text = record["text"] as? String else {
            throw skipped(record["text"] == nil ? "no `text`" : "`text` is not a string")
        }
        var blocks = Paragraphs.plainBlocks(Substring(text), firstLine: number, sameLine: true)
        var title = (record["title"] as? String).map(Paragraphs.collapseWhitespace) ?? ""
        if title.isEmpty, !blocks.isEmpty {
            title = blocks.removeFirst().text
        }
        guard !title.isEmpty else { throw skipped("`text` is empty and there is no `title`") }

        let id: String? = switch record["id"] {
        case let s as String where !s.isEmpty: s
        case let n as NSNumber: n.stringValue
        default: nil
        }
        var published: PublishedDate?
        if let stated = record["published"] as? String {
            published = MetadataDate.published(stated)
            if published == nil {
                context.warn("`published` `\(stated)` is not YYYY, YYYY-MM or YYYY-MM-DD[Thh:mm…]; ignored", line: number)
            }
        }
        let author: String? = switch record["author"] {
        case let s as String: s.nilIfEmpty
        case let list as [Any]: list.compactMap { $0 as? String }.joined(separator: ", ").nilIfEmpty
        default: nil
        }
        // Last, after every reason to skip the line: a skipped line claims no id.
        return Article(
            id: context.uniqueID(id, line: number), file: "\(path)#\(number)", title: title, published: published,
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
