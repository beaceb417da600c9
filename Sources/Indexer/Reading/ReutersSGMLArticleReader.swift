import Foundation
import NewsModel

/// Reads the Reuters-21578 SGML files (`reut2-000.sgm`, or gzipped `reut2-000.sgm.gz`).
///
/// Each `<REUTERS … NEWID="17">` story becomes an article with id `reut2-000.sgm#17` (the
/// file's identity and the NEWID, `Article.recordID`; a story without one is named by its
/// line, `Article.lineID`), file
/// `path#position` (1-based position of the story in the file) and source `reuters`:
///
/// - `<DATE> 26-FEB-1987 15:01:01.79` → 1987-02-26 (origin metadata);
/// - `<TITLE>` → the title; `<AUTHOR>    by Janie Gabbett, Reuters` → author `Janie Gabbett`;
/// - `<BODY>` → passages: a paragraph starts at an indented line (or after a blank line),
///   hard-wrapped lines are joined, the closing ` Reuter` signature and `&#3;` are dropped;
/// - `<DATELINE>` (`SALVADOR, Feb 26 -`) is not a passage: it is a place-and-day stamp
///   that would otherwise be searchable text in every story. `Article` has no field for it.
///
/// Stories without a `<BODY>`: a `TYPE="BRIEF"` story (a headline only) becomes an article
/// with just its title passage, so headlines stay findable; a `TYPE="UNPROC"` story (no
/// `<TITLE>`, raw text such as tables) takes its first line as the title and the rest as
/// paragraphs. A story with no text at all is reported and skipped.
///
/// The files are ISO 8859-1 and SGML, not XML: the parsing is a scan for the corpus's
/// fixed, flat tags (no nesting beyond `<TEXT>`), which is all its DTD (`lewis.dtd`) allows.
/// Tags are found with `memchr`/`memcmp` over the bytes; only the pieces kept are decoded.
public struct ReutersSGMLArticleReader: ArticleReader {
    /// The `source` of every Reuters article.
    public static let source = "reuters"

    /// Creates the reader.
    public init() {}

    /// Reads every story in a Reuters-21578 SGML file.
    public func read(_ file: SourceFile) throws(IndexerError) -> ReadResult {
        try read(file, maximumRecordBytes: IndexingOptions.defaultMaximumRecordBytes)
    }

    /// Reads every story in a Reuters-21578 SGML file; a story longer than
    /// `maximumRecordBytes` (from `<REUTERS` to its end) is reported with its line and skipped,
    /// not decoded, so what a damaged or enormous story costs is bounded.
    public func read(_ file: SourceFile, maximumRecordBytes: Int) throws(IndexerError) -> ReadResult {
        let data = try TextDecoding.textBytes(of: file)
        var articles: [Article] = []
        var problems: [ReadProblem] = []
        var sawStory = false
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let scanner = Scanner(bytes: raw)
            var cursor = 0
            var lineCounter = LineCounter()
            var position = 0
            while let open = scanner.find("<REUTERS", from: cursor) {
                sawStory = true
                position += 1
                let storyLine = lineCounter.line(at: open, in: raw)
                // A story missing its </REUTERS> ends where the next one starts, so a damaged
                // story never swallows the stories after it.
                let next = scanner.find("<REUTERS", from: open + 1)
                let closing = scanner.find("</REUTERS>", from: open, end: next)
                let close = closing ?? next ?? raw.count
                if closing == nil {
                    let end = next == nil ? "at the end of the file" : "where the next one starts"
                    problems.append(ReadProblem(file: file.path, line: storyLine,
                                                message: "<REUTERS> has no </REUTERS>; the story ends \(end)", severity: .warning))
                }
                cursor = close
                if close - open > maximumRecordBytes {
                    problems.append(ReadProblem(
                        file: file.path, line: storyLine,
                        message: LineRecordContext.overLimit("the story is \(close - open) bytes", limit: maximumRecordBytes),
                        severity: .skipped))
                    continue
                }
                var story = Story(scanner: scanner, range: open..<close, line: storyLine)
                let result = story.article(file: file, position: position)
                problems += story.problems.map { ReadProblem(file: file.path, line: $0.line, message: $0.message, severity: .warning) }
                switch result {
                case .success(let article): articles.append(article)
                case .failure(let error):
                    problems.append(ReadProblem(file: file.path, line: storyLine, message: error.message,
                                                severity: .skipped))
                }
            }
        }
        if !sawStory {
            throw .malformed(path: file.path, line: nil,
                             reason: "no <REUTERS> story found; is this a Reuters-21578 SGML file?")
        }
        return ReadResult(articles: articles, problems: problems)
    }

    /// The 1-based line of increasing byte offsets, counted once over the file.
    private struct LineCounter {
        var offset = 0
        var line = 1

        mutating func line(at target: Int, in raw: UnsafeRawBufferPointer) -> Int {
            while offset < target {
                guard let found = memchr(raw.baseAddress! + offset, 0x0A, target - offset) else {
                    offset = target
                    break
                }
                line += 1
                offset = raw.baseAddress!.distance(to: UnsafeRawPointer(found)) + 1
            }
            return line
        }
    }

    /// Byte search in the file.
    private struct Scanner {
        let bytes: UnsafeRawBufferPointer

        /// The offset of `pattern` at or after `from`, before `end`.
        func find(_ pattern: StaticString, from: Int, end: Int? = nil) -> Int? {
            let limit = min(end ?? bytes.count, bytes.count)
            guard from < limit, let base = bytes.baseAddress else { return nil }
            // memchr for the first byte, memcmp for the rest (Glibc's memmem is not exported to
            // Swift without _GNU_SOURCE); the tags are short and their first byte is rare.
            let count = pattern.utf8CodeUnitCount
            let first = Int32(pattern.utf8Start.pointee)
            var offset = from
            while offset + count <= limit, let hit = memchr(base + offset, first, limit - offset - count + 1) {
                let at = base.distance(to: UnsafeRawPointer(hit))
                if memcmp(hit, pattern.utf8Start, count) == 0 { return at }
                offset = at + 1
            }
            return nil
        }

        /// The offset of the next markup tag at or after `from`, before `end`: a `<` followed by
        /// a letter, `/` or `!`. Text never holds one (the corpus writes `&lt;`), so it is
        /// always a tag, whole or broken.
        func nextTag(from: Int, end: Int) -> Int? {
            var offset = from
            while let at = find("<", from: offset, end: end) {
                if at + 1 < end {
                    let next = bytes[at + 1]
                    if (next | 0x20) >= 0x61 && (next | 0x20) <= 0x7A || next == 0x2F || next == 0x21 { return at }
                }
                offset = at + 1
            }
            return nil
        }

        /// The number of newlines in `range`.
        func newlines(in range: Range<Int>) -> Int {
            var count = 0
            var offset = range.lowerBound
            while offset < range.upperBound,
                  let found = memchr(bytes.baseAddress! + offset, 0x0A, range.upperBound - offset) {
                count += 1
                offset = bytes.baseAddress!.distance(to: UnsafeRawPointer(found)) + 1
            }
            return count
        }

        /// Latin-1 text of `range`.
        func text(_ range: Range<Int>) -> String {
            TextDecoding.latin1String(UnsafeRawBufferPointer(rebasing: bytes[range]))
        }
    }

    /// One `<REUTERS>…</REUTERS>` story.
    private struct Story {
        let scanner: Scanner
        let range: Range<Int>
        let line: Int
        /// Broken markup found while reading the story, by line (reported as warnings).
        var problems: [(line: Int, message: String)] = []

        init(scanner: Scanner, range: Range<Int>, line: Int) {
            self.scanner = scanner
            self.range = range
            self.line = line
        }

        /// The content of `<TAG …>…</TAG>` (byte range) inside the story, nil when the story
        /// has no such tag.
        ///
        /// Text elements hold no markup (`lewis.dtd`), so one whose closing tag is missing or
        /// comes after another tag ends at that tag, and `<TEXT>`, which holds the others, at
        /// the end of the story; either way with a warning. So broken markup never runs into
        /// a title or a passage.
        mutating func element(_ open: StaticString, _ close: StaticString, holdsTags: Bool = false) -> Range<Int>? {
            guard let start = scanner.find(open, from: range.lowerBound, end: range.upperBound) else { return nil }
            let tag = String(describing: open).trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
            // The opening tag ends at its `>`, which must come before any other tag.
            let afterOpen = scanner.nextTag(from: start + 1, end: range.upperBound) ?? range.upperBound
            guard let gt = scanner.find(">", from: start, end: afterOpen) else {
                problems.append((line(of: start), "<\(tag) is not closed by `>`; its content is left out"))
                return nil
            }
            let closeLength = close.utf8CodeUnitCount
            if holdsTags {
                if let end = scanner.find(close, from: gt + 1, end: range.upperBound) { return (gt + 1)..<end }
            } else if let next = scanner.nextTag(from: gt + 1, end: range.upperBound),
                      scanner.find(close, from: next, end: min(next + closeLength, range.upperBound)) == next {
                return (gt + 1)..<next
            }
            let limit = holdsTags ? range.upperBound : (scanner.nextTag(from: gt + 1, end: range.upperBound) ?? range.upperBound)
            let stop = limit < range.upperBound ? "where the next tag starts" : "at the end of the story"
            problems.append((line(of: start), "<\(tag)> has no \(close); its text ends \(stop)"))
            return (gt + 1)..<limit
        }

        /// The line where byte `offset` is.
        func line(of offset: Int) -> Int { line + scanner.newlines(in: range.lowerBound..<offset) }

        /// The decoded text of `range` with any tag in it left out, reported: for `<TEXT>`, which
        /// holds no markup once it has no `<TITLE>` or `<BODY>` (or is damaged).
        mutating func decodedWithoutTags(_ range: Range<Int>) -> String {
            guard let first = scanner.nextTag(from: range.lowerBound, end: range.upperBound) else { return decoded(range) }
            problems.append((line(of: first), "markup inside a <TEXT> without <TITLE> or <BODY>; the tags are left out"))
            var text = ""
            var cursor = range.lowerBound
            var tag: Int? = first
            while let at = tag {
                text += scanner.text(cursor..<at)
                // A tag ends at its `>`, or (broken) at the end of its line.
                let end = scanner.find(">", from: at, end: range.upperBound).map { $0 + 1 }
                    ?? scanner.find("\n", from: at, end: range.upperBound) ?? range.upperBound
                cursor = min(end, range.upperBound)
                tag = scanner.nextTag(from: cursor, end: range.upperBound)
            }
            text += scanner.text(cursor..<range.upperBound)
            return CharacterEntities.decode(text)
        }

        /// Decoded, entity-free text of a byte range.
        func decoded(_ bytes: Range<Int>) -> String { CharacterEntities.decode(scanner.text(bytes)) }

        /// The value of attribute `NEWID="…"` in the opening tag.
        var newID: String? {
            guard let tagEnd = scanner.find(">", from: range.lowerBound, end: range.upperBound),
                  let attribute = scanner.find("NEWID=\"", from: range.lowerBound, end: tagEnd) else { return nil }
            let start = attribute + 7
            guard let quote = scanner.find("\"", from: start, end: tagEnd) else { return nil }
            let id = scanner.text(start..<quote)
            return id.isEmpty ? nil : id
        }

        mutating func article(file: SourceFile, position: Int) -> Result<Article, StoryError> {
            let id = newID.map { Article.recordID(file: file.identity, record: $0) } ?? Article.lineID(file: file.identity, line: line)
            var title = ""
            var titleLine = line
            if let range = element("<TITLE>", "</TITLE>") {
                title = Paragraphs.collapseWhitespace(decoded(range))
                titleLine = line(of: range.lowerBound)
            }
            var blocks: [Paragraphs.Block] = []
            if let body = element("<BODY>", "</BODY>") {
                blocks = ReutersSGMLArticleReader.bodyBlocks(decoded(body), firstLine: line(of: body.lowerBound))
            } else if title.isEmpty, let text = element("<TEXT", "</TEXT>", holdsTags: true) {
                // TYPE="UNPROC": no markup inside, the first line is the headline. Tags in a
                // damaged one are left out with a warning, never read as text.
                blocks = ReutersSGMLArticleReader.bodyBlocks(decodedWithoutTags(text), firstLine: line(of: text.lowerBound))
                if !blocks.isEmpty {
                    let first = blocks.removeFirst()
                    title = first.text
                    titleLine = first.line
                }
            }
            if title.isEmpty, !blocks.isEmpty {
                // A <BODY> without a <TITLE> (not in the corpus, but in damaged files): the
                // first paragraph heads the article, as the first line does for `.txt`.
                let first = blocks.removeFirst()
                title = first.text
                titleLine = first.line
            }
            guard !title.isEmpty || !blocks.isEmpty else {
                return .failure(StoryError(message: "story \(newID.map { "NEWID \($0)" } ?? "without a NEWID") has no title and no text; skipped"))
            }
            let published = element("<DATE>", "</DATE>").flatMap { ReutersSGMLArticleReader.date(decoded($0)) }
            let author = element("<AUTHOR>", "</AUTHOR>").map { ReutersSGMLArticleReader.author(decoded($0)) }
            return .success(Article(
                id: id, file: "\(file.path)#\(position)", title: title,
                published: published.map { PublishedDate(date: $0, origin: .metadata) },
                source: ReutersSGMLArticleReader.source, author: author?.nilIfEmpty,
                passages: Paragraphs.passages(title: title, titleLine: titleLine, blocks: blocks)))
        }
    }

    /// Why a story was skipped.
    private struct StoryError: Error {
        var message: String
    }

    /// Body text to blocks: indented lines start paragraphs, the signature is dropped.
    static func bodyBlocks(_ body: String, firstLine: Int) -> [Paragraphs.Block] {
        var lines = Paragraphs.lines(Substring(body), firstLine: firstLine)
        while let last = lines.last, last.text.trimmingWhitespace().isEmpty { lines.removeLast() }
        if let last = lines.last, last.text.trimmingWhitespace().lowercased() == "reuter" { lines.removeLast() }
        let classified = lines.map { line -> Paragraphs.Line in
            let trimmed = line.text.trimmingWhitespace()
            if trimmed.isEmpty { return .init(role: .blank, text: trimmed, number: line.number) }
            let indented = line.text.first == " " || line.text.first == "\t"
            return .init(role: indented ? .paragraphStart : .text, text: trimmed, number: line.number)
        }
        return Paragraphs.assemble(classified)
    }

    /// `26-FEB-1987 15:01:01.79` → 1987-02-26; nil if the day part is not `D-MON-YYYY`.
    static func date(_ text: String) -> CalendarDate? {
        let dayPart = text.trimmingCharacters(in: .whitespacesAndNewlines).prefix { $0 != " " }
        let parts = dayPart.split(separator: "-")
        guard parts.count == 3, let day = Int(parts[0]), let year = Int(parts[2].prefix(4)),
              let month = months.firstIndex(of: parts[1].uppercased()) else { return nil }
        return CalendarDate(year: year, month: month + 1, day: day)
    }

    private static let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]

    /// `    by Janie Gabbett, Reuters` → `Janie Gabbett`.
    static func author(_ text: String) -> String {
        var name = Substring(Paragraphs.collapseWhitespace(text))
        if name.lowercased().hasPrefix("by ") { name = name.dropFirst(3) }
        for suffix in [", Reuters", ", Reuter"] where name.hasSuffix(suffix) {
            name = name.dropLast(suffix.count)
        }
        return String(name.trimmingWhitespace())
    }
}
