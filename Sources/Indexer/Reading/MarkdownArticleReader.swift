import Foundation
import NewsModel

/// Reads a Markdown note (`.md`, `.markdown`) with optional YAML front matter.
///
/// Front matter keys `title`, `date` (or `published`), `source`, `url`, `author` and
/// `actors` fill the article's metadata; other keys are ignored. The title is the front
/// matter's, else the first heading or line of the body. Body rules: ATX (`## x`) and
/// setext headings are `heading`s; `- `/`* `/`+ `/`1. ` items are `bullet`s; everything
/// else is paragraphs separated by blank lines, hard-wrapped lines rejoined. Inline markup
/// is reduced to its text (`[text](url)` → `text`, `**b**` → `b`), code fences and HTML
/// comments are dropped as markup while their content is kept as text.
public struct MarkdownArticleReader: ArticleReader {
    /// Creates the reader.
    public init() {}

    /// A Markdown file is one article read whole, so it is held to the record limit.
    public var parsesWholeDocument: Bool { true }

    /// Reads the single article in a Markdown file.
    public func read(_ file: SourceFile) throws(IndexerError) -> ReadResult {
        let decoded = try TextDecoding.utf8(file)
        var problems = decoded.problems
        let allLines = Paragraphs.lines(Substring(decoded.text))
        let matter = FrontMatter.parse(allLines)
        if matter == nil, let first = allLines.first, first.text.trimmingWhitespace() == "---", allLines.count > 1,
           allLines[1].text.trimmingWhitespace().firstMatch(of: /^[A-Za-z_][A-Za-z0-9_-]*:(\s|$)/) != nil {
            // A `---` rule before ordinary text is Markdown; before `key: value` it is front
            // matter someone forgot to close, whose fields would silently become the title.
            problems.append(ReadProblem(
                file: file.path, line: first.number,
                message: "front matter opened here is never closed by `---`; read as text (add the closing `---`)",
                severity: .warning))
        }
        for (line, reason) in matter?.problems ?? [] {
            problems.append(ReadProblem(file: file.path, line: line, message: reason, severity: .warning))
        }
        let bodyLines = allLines.drop { $0.number < (matter?.bodyStart ?? 1) }
        var blocks = Paragraphs.assemble(Self.classify(Array(bodyLines)))
        for i in blocks.indices { blocks[i].text = Self.plainInline(blocks[i].text) }
        blocks.removeAll { $0.text.isEmpty }

        var title = matter?.scalars["title"].map(Paragraphs.collapseWhitespace) ?? ""
        var titleLine = 1
        if let line = allLines.first(where: { $0.text.trimmingWhitespace().lowercased().hasPrefix("title:") }),
           !title.isEmpty {
            titleLine = line.number
        }
        if title.isEmpty, let first = blocks.first {
            title = first.text
            titleLine = first.line
            blocks.removeFirst()
        }
        // A note that repeats its front-matter title as `# Title` has that heading once, as the title.
        if let repeated = blocks.firstIndex(where: { $0.kind == .heading && $0.text == title }), repeated == 0 {
            blocks.remove(at: repeated)
        }
        guard !title.isEmpty || !blocks.isEmpty else { throw .empty(path: file.path) }

        var published: PublishedDate?
        if let stated = matter?.scalars["date"] ?? matter?.scalars["published"] {
            published = MetadataDate.published(stated)
            if published == nil {
                problems.append(ReadProblem(
                    file: file.path, line: Self.lineOfKey("date", in: allLines) ?? Self.lineOfKey("published", in: allLines),
                    message: "front matter date `\(stated)` is not YYYY, YYYY-MM or YYYY-MM-DD[Thh:mm…]; ignored",
                    severity: .warning))
            }
        }
        let article = Article(
            id: file.identity, file: file.path, title: title, published: published,
            source: matter?.scalars["source"], url: matter?.scalars["url"],
            author: matter?.scalars["author"] ?? matter?.list("authors").joined(separator: ", ").nilIfEmpty,
            declaredActors: matter?.list("actors") ?? [],
            passages: Paragraphs.passages(title: title, titleLine: titleLine, blocks: blocks))
        return ReadResult(articles: [article], problems: problems)
    }

    /// The line of front matter `key:`, for messages.
    private static func lineOfKey(_ key: String, in lines: [(text: Substring, number: Int)]) -> Int? {
        lines.first { $0.text.trimmingWhitespace().lowercased().hasPrefix(key + ":") }?.number
    }

    /// Gives each Markdown line its role.
    static func classify(_ lines: [(text: Substring, number: Int)]) -> [Paragraphs.Line] {
        var result: [Paragraphs.Line] = []
        result.reserveCapacity(lines.count)
        var fence: Substring?
        var inComment = false
        for (raw, number) in lines {
            var text = raw.trimmingWhitespace()
            // Code fences: the fence lines are markup, the code inside is kept verbatim as text.
            if let open = fence {
                if text.hasPrefix(open) { fence = nil; result.append(.init(role: .blank, text: "", number: number)) }
                else { result.append(.init(role: text.isEmpty ? .blank : .text, text: text, number: number)) }
                continue
            }
            if text.hasPrefix("```") || text.hasPrefix("~~~") {
                fence = text.prefix(3)
                result.append(.init(role: .blank, text: "", number: number))
                continue
            }
            // HTML comments (`<!-- … -->`, possibly over several lines) are not text.
            if inComment {
                if text.contains("-->") { inComment = false }
                continue
            }
            if text.hasPrefix("<!--") {
                if !text.contains("-->") { inComment = true }
                continue
            }
            while text.first == ">" { text = text.dropFirst().trimmingWhitespace() }
            if text.isEmpty {
                result.append(.init(role: .blank, text: "", number: number))
                continue
            }
            if let setext = text.first, setext == "=" || setext == "-", text.allSatisfy({ $0 == setext }) {
                // `Title\n=====`: the line above is a heading; otherwise `---` is a rule.
                if let last = result.last, last.role == .text,
                   result.count < 2 || result[result.count - 2].role == .blank {
                    result[result.count - 1].role = .heading
                } else {
                    result.append(.init(role: .blank, text: "", number: number))
                }
                continue
            }
            if text.allSatisfy({ $0 == "*" || $0 == "_" || $0 == " " }), text.count >= 3 {
                result.append(.init(role: .blank, text: "", number: number))
                continue
            }
            if text.first == "#" {
                let hashes = text.prefix { $0 == "#" }
                let rest = text.dropFirst(hashes.count)
                if hashes.count <= 6, rest.isEmpty || rest.first == " " || rest.first == "\t" {
                    var heading = rest.trimmingWhitespace()
                    while heading.last == "#" { heading = heading.dropLast() }
                    result.append(.init(role: .heading, text: heading.trimmingWhitespace(), number: number))
                    continue
                }
            }
            if let item = Paragraphs.bulletItem(text) ?? orderedItem(text) {
                result.append(.init(role: .bullet, text: item, number: number))
                continue
            }
            result.append(.init(role: .text, text: text, number: number))
        }
        return result
    }

    /// The item of an ordered list line (`1. x`, `12) x`).
    private static func orderedItem(_ line: Substring) -> Substring? {
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard (1...9).contains(digits.count) else { return nil }
        let rest = line.dropFirst(digits.count)
        guard let mark = rest.first, mark == "." || mark == ")" else { return nil }
        let after = rest.dropFirst()
        guard after.first == " " || after.first == "\t" else { return nil }
        let item = after.trimmingWhitespace()
        return item.isEmpty ? nil : item
    }

    /// Markdown inline markup reduced to the words a reader sees: `![alt](src)` → `alt`,
    /// `[text](url)` → `text`, the emphasis/code markers `**`, `__`, `~~`, `` ` `` removed,
    /// and inline HTML outside code spans (`<span>`, `</b>`, `<!-- ... -->`: a `<` followed
    /// by a letter, `/` or `!`, up to its `>`) left out, as a browser shows it; `a < b` stays.
    /// Single `*`/`_` are kept, since they are as often arithmetic or names as emphasis.
    /// Linear in the text: a `[` looks at most 2,000 characters ahead for its `](`, a `<` at
    /// most 500 for its `>`.
    static func plainInline(_ text: String) -> String {
        guard Paragraphs.containsASCII(text, anyOf: Self.inlineMarkers) else {
            return text
        }
        let scalars = text.unicodeScalars
        var out = String.UnicodeScalarView()
        var i = scalars.startIndex
        var inCode = false
        while i < scalars.endIndex {
            let c = scalars[i]
            let next = scalars.index(after: i)
            let following = next < scalars.endIndex ? scalars[next] : nil
            if c == "[" || (c == "!" && following == "[") {
                if let (label, end) = link(scalars, open: c == "[" ? i : next) {
                    out.append(contentsOf: label)
                    i = end
                    continue
                }
            }
            if c == following, c == "*" || c == "_" || c == "~" {
                i = scalars.index(after: next)
                continue
            }
            if c == "<", !inCode, let following, following.properties.isAlphabetic || following == "/" || following == "!",
               let end = tagEnd(scalars, from: next) {
                i = end
                continue
            }
            if c == "`" { inCode.toggle() } else { out.append(c) }
            i = next
        }
        return Paragraphs.collapseWhitespace(String(out))
    }

    /// The bytes that can start inline markup: `[`, `*`, `_`, `` ` ``, `~`, `<`.
    private static let inlineMarkers: Set<UInt8> = [0x5B, 0x2A, 0x5F, 0x60, 0x7E, 0x3C]

    /// The index after the `>` that ends the tag whose name starts at `start`, nil when none
    /// comes within 500 characters or another `<` comes first (then the `<` is text).
    private static func tagEnd(_ scalars: String.UnicodeScalarView, from start: String.UnicodeScalarView.Index) -> String.UnicodeScalarView.Index? {
        var i = start
        var seen = 0
        while i < scalars.endIndex && seen < 500 {
            if scalars[i] == ">" { return scalars.index(after: i) }
            if scalars[i] == "<" { return nil }
            i = scalars.index(after: i)
            seen += 1
        }
        return nil
    }

    /// `[label](target)` starting at `open`: the label and the index after `)`.
    private static func link(
        _ scalars: String.UnicodeScalarView, open: String.Index
    ) -> (Substring.UnicodeScalarView, String.Index)? {
        var budget = 2000
        var j = scalars.index(after: open)
        while j < scalars.endIndex, scalars[j] != "]", budget > 0 { j = scalars.index(after: j); budget -= 1 }
        guard j < scalars.endIndex, scalars[j] == "]" else { return nil }
        let paren = scalars.index(after: j)
        guard paren < scalars.endIndex, scalars[paren] == "(" else { return nil }
        var k = scalars.index(after: paren)
        while k < scalars.endIndex, scalars[k] != ")", budget > 0 { k = scalars.index(after: k); budget -= 1 }
        guard k < scalars.endIndex, scalars[k] == ")" else { return nil }
        return (scalars[scalars.index(after: open)..<j], scalars.index(after: k))
    }
}

extension String {
    /// nil for the empty string, for optional metadata fields.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
