import Foundation
import NewsModel

/// Reads a plain-text article (`.txt`).
///
/// - The first non-empty line is the title, and also passage 0 (kind `title`).
/// - Copies of the title repeated verbatim in the lines after it are kept once.
/// - Metadata lines (`Updated on ...`, `- Nov 02, 2025`, `- By Web Desk -`) set the publication
///   date or byline and are not passages; embed boilerplate (`Boilerplate`) is dropped.
/// - A paragraph is a non-empty line. When the file is hard-wrapped (fixed-width lines, as in
///   wire copy), wrapped lines are joined back: a paragraph then ends at a blank line or at an
///   indented line.
/// - Short lines without closing punctuation are `heading`s; `- `, `• ` and `* ` lines are `bullet`s.
public struct TextArticleReader: ArticleReader {
    /// Creates the reader.
    public init() {}

    /// A text file is one article read whole, so it is held to the record limit.
    public var parsesWholeDocument: Bool { true }

    /// Reads the one article in `file`.
    public func read(_ file: SourceFile) throws(IndexerError) -> ReadResult {
        let decoded = try TextDecoding.utf8(file)
        var result = parse(decoded.text, file: file)
        result.problems.insert(contentsOf: decoded.problems, at: 0)
        return result
    }

    /// Splits decoded text into an article (exposed for readers of formats with a text body).
    func parse(_ text: String, file: SourceFile) -> ReadResult {
        let lines = Paragraphs.lines(Substring(text)).map { String($0.text) }
        guard let titleIndex = lines.firstIndex(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            return ReadResult(articles: [], problems: [ReadProblem(file: file.path, message: "no text in the file; skipped", severity: .skipped)])
        }
        let title = Self.stripBullet(lines[titleIndex].trimmingCharacters(in: .whitespaces))
        var article = Article(
            id: file.identity, file: file.path, title: title,
            passages: [Passage(number: 0, kind: .title, text: title, line: titleIndex + 1)])

        let blocks = Self.paragraphs(in: lines, after: titleIndex, hardWrapped: Self.isHardWrapped(lines))
        var inHeader = true  // before the first body passage: where title copies and metadata live
        for block in blocks {
            let textLine = block.text
            if inHeader && textLine == title { continue }
            if let meta = MetadataLine.parse(textLine) {
                switch meta {
                case let .published(date):
                    if article.published == nil { article.published = PublishedDate(date: date, origin: .metadata) }
                case let .byline(name):
                    if article.author == nil { article.author = name }
                }
                continue
            }
            if Boilerplate.isBoilerplate(textLine) { continue }
            inHeader = false
            let kind = Self.kind(of: textLine)
            let body = kind == .bullet ? Self.stripBullet(textLine) : textLine
            guard !body.isEmpty else { continue }
            article.passages.append(Passage(number: article.passages.count, kind: kind, text: body, line: block.line))
        }
        return ReadResult(articles: [article])
    }

    // MARK: - Lines and paragraphs

    /// A paragraph of the source and the 1-based line where it starts.
    struct Block: Equatable {
        var text: String
        var line: Int
    }

    /// True when the file's lines look fixed-width: no line longer than 100 characters, several
    /// long lines, and at least one sentence that runs on from one line into the next.
    static func isHardWrapped(_ lines: [String]) -> Bool {
        let lengths = lines.map { $0.count }
        guard let longest = lengths.max(), longest <= 100 else { return false }
        let longLines = lengths.filter { $0 >= 40 }.count
        guard longLines >= 3 else { return false }
        for (a, b) in zip(lines, lines.dropFirst()) {
            let first = a.trimmingCharacters(in: .whitespaces), second = b.trimmingCharacters(in: .whitespaces)
            guard first.count >= 40, let next = second.first, !b.hasPrefix(" "), !b.hasPrefix("\t") else { continue }
            if !endsSentence(first) && next.isLowercase { return true }
        }
        return false
    }

    /// Groups the lines after the title into paragraphs.
    static func paragraphs(in lines: [String], after titleIndex: Int, hardWrapped: Bool) -> [Block] {
        var blocks: [Block] = []
        var current: Block? = nil
        func flush() {
            if let block = current { blocks.append(block) }
            current = nil
        }
        for index in lines.indices where index > titleIndex {
            let raw = lines[index]
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                flush()
                continue
            }
            guard hardWrapped else {
                blocks.append(Block(text: trimmed, line: index + 1))
                continue
            }
            let indented = raw.first == " " || raw.first == "\t"
            let startsItem = kind(of: trimmed) == .bullet
            if indented || startsItem { flush() }
            if current == nil {
                current = Block(text: trimmed, line: index + 1)
            } else {
                current!.text += " " + trimmed
            }
        }
        flush()
        return blocks
    }

    // MARK: - Kinds

    /// Classifies one paragraph of the body.
    static func kind(of text: String) -> PassageKind {
        if Paragraphs.bulletItem(Substring(text)) != nil { return .bullet }
        if !hasMoreWords(than: 16, text) && !endsSentence(text) && !text.hasSuffix(":") && !text.hasSuffix(",") {
            return .heading
        }
        return .paragraph
    }

    /// True when `text` has more than `limit` space-separated words. Counts no further, and
    /// allocates nothing: a paragraph can be a whole file (`split` made an array of every word,
    /// most of the memory a 10 MB one-line file took).
    static func hasMoreWords(than limit: Int, _ text: String) -> Bool {
        var words = 0
        var inWord = false
        for byte in text.utf8 {
            if byte == 0x20 {
                inWord = false
            } else if !inWord {
                inWord = true
                words += 1
                if words > limit { return true }
            }
        }
        return false
    }

    /// True when text ends like a sentence, looking past closing quotes and brackets.
    static func endsSentence(_ text: String) -> Bool {
        let closers: Set<Character> = ["\"", "'", "”", "’", ")", "]", "»"]
        var tail = Substring(text)
        while let last = tail.last, closers.contains(last) { tail = tail.dropLast() }
        guard let last = tail.last else { return false }
        return ".!?…;".contains(last)
    }

    /// Removes a list marker (the rule shared by every reader: `Paragraphs.bulletItem`).
    static func stripBullet(_ text: String) -> String {
        Paragraphs.bulletItem(Substring(text)).map(String.init) ?? text
    }
}
