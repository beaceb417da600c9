import Foundation
import NewsModel
internal import CLibXML2

/// Reads the article text of a saved news page (`.html`, `.htm`).
///
/// **Parser: libxml2's HTML parser** (`htmlReadMemory` with `HTML_PARSE_RECOVER`), through
/// the `CLibXML2` system-library target. Tried on this machine against the alternatives:
/// FoundationXML's `XMLDocument(…, options: .documentTidyHTML)` on Linux runs libxml2's
/// *XML* parser in recovery mode, so it does not know HTML's entities (`&eacute;`,
/// `&mdash;` vanish), parses `<script>` contents as markup, mis-nests unclosed `<p>`s (one
/// paragraph swallowed the rest of the page) and prints every error to stderr. libxml2's
/// HTML parser implements HTML's own rules (implied end tags, void elements, raw-text
/// `<script>`/`<style>`, the full entity table), recovers from broken pages the way
/// browsers roughly do, reports source line numbers, and is already a dependency of
/// Foundation on Linux. SwiftSoup is not available here; no HTML parser is hand-written.
///
/// What is read:
/// - title: `og:title`, else `<title>`, else the first `<h1>`, else the first paragraph;
/// - date: `article:published_time`, else JSON-LD (or microdata) `datePublished`, else the first
///   `<time datetime>` in the article, else `<meta name="date"|"pubdate"|…>` (JSON-LD
///   comes before `<time>` because pages carry many `<time>`s: "updated", related links);
/// - author (`author`/`article:author` meta, JSON-LD `author`), source (`og:site_name`,
///   JSON-LD `publisher`), URL (`<link rel="canonical">`, `og:url`, JSON-LD `url`);
/// - passages: the `<p>`s (and `<h2>`…`<h6>` as headings, `<li>` as bullets) of the
///   `<article>` with the most paragraph text, else `<main>`, else `<body>`; `<li>`s only
///   inside an article or main. Scripts, styles, comments, navigation, headers, footers,
///   asides, forms and figures are never text. A page with no `<p>` at all falls back to
///   the text of its block elements.
///
/// Encoding: a declared non-UTF-8 `charset` is passed to libxml2 (it converts with iconv);
/// otherwise the bytes are decoded as UTF-8 with U+FFFD replacement and a warning.
public struct HTMLArticleReader: ArticleReader {
    /// Creates the reader.
    public init() {}

    /// libxml2 parses the page as one document, so the record-size limit applies to it.
    public var parsesWholeDocument: Bool { true }

    /// libxml2 must be initialised once before parsers run on several threads.
    private static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    /// Reads the single article in a saved page.
    public func read(_ file: SourceFile) throws(IndexerError) -> ReadResult {
        _ = Self.initialised
        // libxml2 still prints some errors (charset conversion) despite NOERROR; a structured
        // handler that ignores them keeps stderr for Dossier's own report. Per thread in libxml2.
        xmlSetStructuredErrorFunc(nil) { _, _ in }
        let raw = try TextDecoding.textBytes(of: file)
        var problems: [ReadProblem] = []
        var bytes = raw
        var encoding = "UTF-8"
        if let declared = Self.declaredCharset(raw), !["utf-8", "utf8", "us-ascii", "ascii"].contains(declared) {
            encoding = declared
        } else {
            let decoded = TextDecoding.decodeUTF8(raw, path: file.path)
            problems += decoded.problems
            if !decoded.problems.isEmpty { bytes = Data(decoded.text.utf8) }
        }
        guard bytes.count < Int(Int32.max) else {
            throw .malformed(path: file.path, line: nil, reason: "page larger than 2 GB")
        }
        let options = Int32(bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue
            | XML_PARSE_HUGE.rawValue)
        var document = Self.parse(bytes, encoding: encoding, options: options)
        if document == nil && encoding != "UTF-8" {
            // An encoding libxml2/iconv does not know: read it as UTF-8 with replacement.
            problems.append(ReadProblem(file: file.path, message: "unknown charset `\(encoding)`; read as UTF-8",
                                        severity: .warning))
            let decoded = TextDecoding.decodeUTF8(raw, path: file.path)
            problems += decoded.problems
            document = Self.parse(Data(decoded.text.utf8), encoding: "UTF-8", options: options)
        }
        guard let document else {
            throw .malformed(path: file.path, line: nil, reason: "not readable as HTML")
        }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { throw .empty(path: file.path) }

        if depthExceeds(root, maximumDepth) {
            problems.append(ReadProblem(
                file: file.path,
                message: "elements nested more than \(maximumDepth) deep; text below that depth is ignored",
                severity: .warning))
        }
        let page = PageScan(root: root)
        var extraction = Extraction()
        let scope = page.articleScope ?? root
        extraction.collect(from: scope, bulletsAllowed: page.articleScope != nil)
        if !extraction.blocks.contains(where: { $0.kind == .paragraph }) {
            extraction = Extraction(mode: .blocks)
            extraction.collect(from: scope, bulletsAllowed: false)
        }
        var blocks = extraction.blocks

        var title = page.meta["og:title"] ?? page.meta["twitter:title"] ?? page.title ?? page.firstH1 ?? ""
        var titleLine = page.titleLine
        if title.isEmpty, !blocks.isEmpty {
            let first = blocks.removeFirst()
            title = first.text
            titleLine = first.line
        }
        // The headline repeated as the article's <h1> is the title, not a heading.
        blocks.removeAll { $0.kind == .heading && $0.text == title }
        guard !title.isEmpty || !blocks.isEmpty else { throw .empty(path: file.path) }

        let ld = page.jsonLD
        let stated = page.meta["article:published_time"] ?? ld.datePublished ?? page.meta["datepublished"]
            ?? page.timeDatetime ?? page.meta["date"] ?? page.meta["pubdate"] ?? page.meta["publish-date"]
            ?? page.meta["dc.date"] ?? page.meta["dcterms.date"]
        var published: PublishedDate?
        if let stated {
            published = MetadataDate.published(stated)
            if published == nil {
                problems.append(ReadProblem(file: file.path, message: "publication date `\(stated)` not understood; ignored",
                                            severity: .warning))
            }
        }
        let metaAuthor = [page.meta["author"], page.meta["article:author"]].compactMap { $0 }
            .first { !$0.hasPrefix("http") }
        let article = Article(
            id: file.identity, file: file.path, title: title, published: published,
            source: page.meta["og:site_name"] ?? ld.publisher,
            url: page.canonical ?? page.meta["og:url"] ?? ld.url,
            author: metaAuthor ?? ld.author,
            passages: Paragraphs.passages(title: title, titleLine: titleLine, blocks: blocks))
        return ReadResult(articles: [article], problems: problems)
    }

    private static func parse(_ bytes: Data, encoding: String, options: Int32) -> htmlDocPtr? {
        bytes.withUnsafeBytes { buffer -> htmlDocPtr? in
            guard let base = buffer.bindMemory(to: CChar.self).baseAddress else { return nil }
            return htmlReadMemory(base, Int32(buffer.count), nil, encoding, options)
        }
    }

    /// The `charset` a page declares in its first 2 KiB (`<meta charset>` or
    /// `http-equiv` `content="text/html; charset=…"`), lower-cased.
    static func declaredCharset(_ data: Data) -> String? {
        let head = String(decoding: data.prefix(2048), as: UTF8.self).lowercased()
        guard let range = head.range(of: "charset=") else { return nil }
        let value = head[range.upperBound...].drop { $0 == "\"" || $0 == "'" || $0 == " " }
        let name = value.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ":" || $0 == "." }
        return name.isEmpty ? nil : String(name)
    }
}

// MARK: - Tree helpers (file-private: libxml2 types stay inside this file)

/// Elements whose content is never article text.
private let skippedElements: Set<String> = [
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "button",
    "select", "textarea", "svg", "iframe", "figure", "menu", "object", "embed", "canvas", "dialog",
]

/// Elements that end a line of text (used for `<p>` text and the block fallback).
private let blockElements: Set<String> = [
    "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4",
    "h5", "h6", "table", "tr", "td", "th", "blockquote", "pre", "br", "hr", "body", "center", "address",
]

/// How deep the tree walks below go. With `XML_PARSE_HUGE` (needed for 50 MB text nodes)
/// libxml2 no longer stops at 256 levels, so the recursive walks here stop themselves:
/// browsers cap nesting too, and no real article is this deep.
private let maximumDepth = 256

/// Whether any node is more than `limit` levels below `root`; iterative (parent pointers),
/// so it is safe on a tree of any depth.
private func depthExceeds(_ root: xmlNodePtr, _ limit: Int) -> Bool {
    var node = root
    var depth = 0
    outer: while true {
        if depth > limit { return true }
        if isElement(node), let child = node.pointee.children {
            node = child
            depth += 1
            continue
        }
        while true {
            if node == root { return false }
            if let next = node.pointee.next {
                node = next
                continue outer
            }
            guard let parent = node.pointee.parent else { return false }
            node = parent
            depth -= 1
        }
    }
}

private func name(_ node: xmlNodePtr) -> String {
    node.pointee.name.map { String(cString: $0) } ?? ""
}

private func isElement(_ node: xmlNodePtr) -> Bool { node.pointee.type == XML_ELEMENT_NODE }

/// An attribute's value (attribute names are lower-cased by the HTML parser).
private func attribute(_ node: xmlNodePtr, _ wanted: String) -> String? {
    var attr = node.pointee.properties
    while let a = attr {
        if let n = a.pointee.name, String(cString: n) == wanted {
            return childText(a.pointee.children)
        }
        attr = a.pointee.next
    }
    return nil
}

/// The raw text of a node list (an attribute's value, a `<script>`'s body), not collapsed.
private func childText(_ first: xmlNodePtr?) -> String {
    var text = ""
    var child = first
    while let c = child {
        if let content = c.pointee.content { text += String(cString: content) }
        child = c.pointee.next
    }
    return text
}

/// Whether the element is hidden from readers (`hidden`, `aria-hidden="true"`).
private func isHidden(_ node: xmlNodePtr) -> Bool {
    attribute(node, "hidden") != nil || attribute(node, "aria-hidden") == "true"
}

/// The visible text under `node`, whitespace collapsed; block boundaries become spaces.
private func visibleText(of node: xmlNodePtr) -> String {
    var out = ""
    func walk(_ n: xmlNodePtr, _ depth: Int) {
        guard depth < maximumDepth else { return }
        switch n.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let content = n.pointee.content { out += String(cString: content) }
        case XML_ELEMENT_NODE:
            let tag = name(n)
            if skippedElements.contains(tag) || isHidden(n) { return }
            if blockElements.contains(tag) { out += " " }
            var child = n.pointee.children
            while let c = child { walk(c, depth + 1); child = c.pointee.next }
            if blockElements.contains(tag) { out += " " }
        default:
            return // comments, processing instructions, DTD nodes
        }
    }
    walk(node, 0)
    return Paragraphs.collapseWhitespace(out)
}

private func line(of node: xmlNodePtr) -> Int { max(1, Int(xmlGetLineNo(node))) }

/// One pass over the whole page for metadata and the article's scope.
private struct PageScan {
    var title: String?
    var titleLine = 1
    var firstH1: String?
    var meta: [String: String] = [:]
    var canonical: String?
    var timeDatetime: String?
    var jsonLD = JSONLD()
    var articleScope: xmlNodePtr?

    init(root: xmlNodePtr) {
        var articles: [(node: xmlNodePtr, weight: Int)] = []
        var main: xmlNodePtr?
        var times: [(datetime: String, inArticle: Bool)] = []
        func walk(_ n: xmlNodePtr, inArticle: Bool, depth: Int) {
            guard isElement(n), depth < maximumDepth else { return }
            let tag = name(n)
            var inside = inArticle
            switch tag {
            case "title" where title == nil:
                title = visibleText(of: n).nilIfEmpty
                titleLine = line(of: n)
            case "h1" where firstH1 == nil:
                firstH1 = visibleText(of: n).nilIfEmpty
            case "meta":
                if let key = (attribute(n, "property") ?? attribute(n, "name") ?? attribute(n, "itemprop"))?.lowercased(),
                   let content = attribute(n, "content").map(Paragraphs.collapseWhitespace), !content.isEmpty,
                   meta[key] == nil {
                    meta[key] = content
                }
            case "link" where canonical == nil:
                if attribute(n, "rel")?.lowercased() == "canonical" { canonical = attribute(n, "href")?.nilIfEmpty }
            case "time":
                if let datetime = attribute(n, "datetime"), !datetime.isEmpty { times.append((datetime, inArticle)) }
            case "script":
                if attribute(n, "type")?.lowercased() == "application/ld+json" { jsonLD.add(childText(n.pointee.children)) }
                return
            case "article":
                articles.append((n, paragraphWeight(n)))
                inside = true
            case "main":
                if main == nil { main = n }
            default:
                if main == nil, attribute(n, "role") == "main" { main = n }
            }
            var child = n.pointee.children
            while let c = child { walk(c, inArticle: inside, depth: depth + 1); child = c.pointee.next }
        }
        walk(root, inArticle: false, depth: 0)
        articleScope = articles.filter { $0.weight > 0 }.max { $0.weight < $1.weight }?.node ?? main
        timeDatetime = (times.first { $0.inArticle } ?? times.first)?.datetime
    }

    /// How much paragraph text an element holds, to pick the main `<article>`.
    private func paragraphWeight(_ node: xmlNodePtr) -> Int {
        var total = 0
        func walk(_ n: xmlNodePtr, _ depth: Int) {
            guard isElement(n), depth < maximumDepth else { return }
            let tag = name(n)
            if skippedElements.contains(tag) { return }
            if tag == "p" { total += visibleText(of: n).utf8.count; return }
            var child = n.pointee.children
            while let c = child { walk(c, depth + 1); child = c.pointee.next }
        }
        walk(node, 0)
        return total
    }
}

/// The passages of the article's scope.
private struct Extraction {
    enum Mode {
        /// `<p>`, headings and list items only (the normal case).
        case paragraphs
        /// Every run of text between block boundaries (pages without `<p>`).
        case blocks
    }
    var mode: Mode = .paragraphs
    var blocks: [Paragraphs.Block] = []
    private var pending = ""
    private var pendingLine = 1

    init(mode: Mode = .paragraphs) { self.mode = mode }

    mutating func collect(from scope: xmlNodePtr, bulletsAllowed: Bool) {
        walk(scope, bulletsAllowed: bulletsAllowed, depth: 0)
        flush()
    }

    private mutating func add(_ kind: PassageKind, _ node: xmlNodePtr) {
        let value = visibleText(of: node)
        if !value.isEmpty { blocks.append(.init(kind: kind, text: value, line: line(of: node))) }
    }

    private mutating func flush() {
        let value = Paragraphs.collapseWhitespace(pending)
        if !value.isEmpty { blocks.append(.init(kind: .paragraph, text: value, line: pendingLine)) }
        pending = ""
    }

    private mutating func walk(_ n: xmlNodePtr, bulletsAllowed: Bool, depth: Int) {
        guard depth < maximumDepth else { return }
        switch n.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            guard mode == .blocks, let content = n.pointee.content else { return }
            if pending.isEmpty { pendingLine = line(of: n) }
            pending += String(cString: content)
            return
        case XML_ELEMENT_NODE:
            break
        default:
            return
        }
        let tag = name(n)
        if skippedElements.contains(tag) || isHidden(n) { return }
        switch mode {
        case .paragraphs:
            switch tag {
            case "p":
                add(.paragraph, n)
                return
            case "h1", "h2", "h3", "h4", "h5", "h6":
                add(.heading, n)
                return
            case "li" where bulletsAllowed && !contains(n, tag: "p"):
                add(.bullet, n)
                return
            default:
                break
            }
        case .blocks:
            if blockElements.contains(tag) { flush() }
        }
        var child = n.pointee.children
        while let c = child { walk(c, bulletsAllowed: bulletsAllowed, depth: depth + 1); child = c.pointee.next }
        if mode == .blocks, blockElements.contains(tag) { flush() }
    }

    private func contains(_ node: xmlNodePtr, tag: String, depth: Int = 0) -> Bool {
        guard depth < maximumDepth else { return false }
        var child = node.pointee.children
        while let c = child {
            if isElement(c), name(c) == tag || contains(c, tag: tag, depth: depth + 1) { return true }
            child = c.pointee.next
        }
        return false
    }
}

/// What the page's JSON-LD (`<script type="application/ld+json">`) says about the article,
/// read with `JSONSerialization`. The first object that is an `…Article`/`BlogPosting` (or
/// has a `datePublished`) wins, searched through arrays and `@graph`.
private struct JSONLD {
    var datePublished: String?
    var author: String?
    var publisher: String?
    var url: String?

    mutating func add(_ script: String) {
        guard datePublished == nil,
              let json = try? JSONSerialization.jsonObject(with: Data(script.utf8), options: [.fragmentsAllowed]),
              let article = Self.findArticle(json, depth: 0) else { return }
        datePublished = article["datePublished"] as? String ?? article["dateCreated"] as? String
        author = Self.names(article["author"])
        publisher = Self.names(article["publisher"])
        url = article["url"] as? String
    }

    private static func findArticle(_ json: Any, depth: Int) -> [String: Any]? {
        guard depth < 6 else { return nil }
        if let list = json as? [Any] {
            for item in list { if let found = findArticle(item, depth: depth + 1) { return found } }
            return nil
        }
        guard let object = json as? [String: Any] else { return nil }
        let types: [String] = (object["@type"] as? [String]) ?? [(object["@type"] as? String) ?? ""]
        if types.contains(where: { $0.hasSuffix("Article") || $0 == "BlogPosting" || $0 == "Report" })
            || object["datePublished"] != nil {
            return object
        }
        if let graph = object["@graph"] { return findArticle(graph, depth: depth + 1) }
        return nil
    }

    /// `"A"`, `{"name": "A"}` or a list of those, joined with commas.
    private static func names(_ value: Any?) -> String? {
        switch value {
        case let s as String: return s.nilIfEmpty
        case let o as [String: Any]: return (o["name"] as? String)?.nilIfEmpty
        case let list as [Any]: return list.compactMap { names($0) }.joined(separator: ", ").nilIfEmpty
        default: return nil
        }
    }
}
