import Testing
@testable import Indexer

@Suite("InputFormat")
struct InputFormatTests {
    @Test("by extension, case-insensitive, .gz allowed")
    func byPath() {
        #expect(InputFormat(path: "a/b/x.txt") == .txt)
        #expect(InputFormat(path: "Notes.MD") == .markdown)
        #expect(InputFormat(path: "x.markdown") == .markdown)
        #expect(InputFormat(path: "page.HTM") == .html)
        #expect(InputFormat(path: "page.html") == .html)
        #expect(InputFormat(path: "scrape.jsonl") == .jsonl)
        #expect(InputFormat(path: "scrape.ndjson.gz") == .jsonl)
        #expect(InputFormat(path: "reut2-000.sgm") == .reuters)
        #expect(InputFormat(path: "../corpora/reut2-000.sgm.gz") == .reuters)
        #expect(InputFormat(path: "x.pdf") == nil)
        #expect(InputFormat(path: "README") == nil)
        #expect(InputFormat(path: "x.gz") == nil)
        #expect(InputFormat(path: ".txt") == .txt)
    }

    @Test("by --stdin-format name")
    func byName() {
        #expect(InputFormat(name: "md") == .markdown)
        #expect(InputFormat(name: "markdown") == .markdown)
        #expect(InputFormat(name: "ndjson") == .jsonl)
        #expect(InputFormat(name: "sgm") == .reuters)
        #expect(InputFormat(name: "reuters") == .reuters)
        #expect(InputFormat(name: "pdf") == nil)
        #expect(InputFormat.names.first == "txt")
    }

    @Test("each format has its reader")
    func readers() {
        #expect(InputFormat.markdown.reader is MarkdownArticleReader)
        #expect(InputFormat.html.reader is HTMLArticleReader)
        #expect(InputFormat.jsonl.reader is JSONLinesArticleReader)
        #expect(InputFormat.reuters.reader is ReutersSGMLArticleReader)
        #expect(InputFormat.txt.reader is TextArticleReader)
    }
}
