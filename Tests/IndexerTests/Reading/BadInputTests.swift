import Foundation
import Testing
@testable import Indexer

/// Issue 5's bad inputs, through every reader: each is a typed error or a warning, never a
/// crash, and nothing readable is lost.
@Suite("Bad input")
struct BadInputTests {
    static let readers: [(String, any ArticleReader)] = [
        ("x.txt", TextArticleReader()), ("x.md", MarkdownArticleReader()), ("x.html", HTMLArticleReader()),
        ("x.jsonl", JSONLinesArticleReader()), ("x.sgm", ReutersSGMLArticleReader()),
    ]

    @Test("binary data is `.binary` for every reader", arguments: 0..<5)
    func binary(_ index: Int) {
        let (path, reader) = Self.readers[index]
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]
        #expect(readError(reader, source(bytes: png, path: path)) == .binary(path: path))
    }

    @Test("an empty or blank file is `.empty` for every reader", arguments: 0..<5)
    func empty(_ index: Int) {
        let (path, reader) = Self.readers[index]
        #expect(readError(reader, source(bytes: [], path: path)) == .empty(path: path))
        #expect(readError(reader, source("\n  \n\t\n", path: path)) == .empty(path: path))
    }

    @Test("invalid UTF-8 is read with U+FFFD and one warning", arguments: 0..<4)
    func invalidUTF8(_ index: Int) throws {
        let (path, reader) = Self.readers[index]
        let text: [UInt8] = path == "x.jsonl" ? Array("{\"text\": \"Bad ".utf8) + [0xC0, 0xFF] + Array(" bytes\"}\n".utf8)
            : Array("Bad ".utf8) + [0xC0, 0xFF] + Array(" bytes\n".utf8)
        let result = try reader.read(source(bytes: text, path: path))
        #expect(result.articles.count == 1)
        #expect(result.articles.first?.title.contains("\u{FFFD}") == true)
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.severity == .warning)
        #expect(result.problems.first?.line == 1)
    }

    @Test("Latin-1 Reuters bytes are never invalid UTF-8 problems")
    func latin1Reuters() throws {
        let bytes = Array("<REUTERS NEWID=\"1\"><TITLE>S".utf8) + [0xE3] + Array("O PAULO</TITLE></REUTERS>".utf8)
        let result = try ReutersSGMLArticleReader().read(source(bytes: bytes, path: "r.sgm"))
        #expect(result.problems.isEmpty)
        #expect(result.articles.first?.title == "SãO PAULO")
    }

    /// 50 MB in one line, through every reader that could get one: nothing is lost or cut.
    /// (Speed is the benchmark's business, not a test's: no timing is asserted here.)
    @Test("a 50 MB single line is read whole by every reader (within a raised --max-record-size)")
    func hugeLine() throws {
        let words = String(repeating: "lorem ipsum dolor sit amet, ", count: 50 * 1_048_576 / 28)
        for (path, reader) in Self.readers where path != "x.sgm" {
            let text = path == "x.jsonl" ? "{\"title\": \"Big\", \"text\": \"\(words)\"}" : words
            // A record is bounded by the record-size limit (`IndexingOptions.maximumRecordBytes`,
            // tested in JSONLinesStreamingTests and OversizedInputCLITests); raised here, the
            // reader must still lose nothing of it.
            let result = try reader.read(source(text, path: path), maximumRecordBytes: 64 << 20)
            let article = try #require(result.articles.first, "\(path)")
            #expect(article.passages.map(\.text.utf8.count).reduce(0, +) >= words.utf8.count - 64, "\(path)")
        }
        let reuters = "<REUTERS NEWID=\"1\"><TITLE>Big</TITLE><BODY>" + words + "</BODY></REUTERS>"
        #expect(try ReutersSGMLArticleReader().read(source(reuters, path: "x.sgm"), maximumRecordBytes: 64 << 20)
            .articles.first?.passages.count == 2)
    }

    @Test("a broken HTML page yields what it has; a page of garbage is still typed")
    func brokenHTML() throws {
        let reader = HTMLArticleReader()
        let truncated = "<html><head><title>Cut off</title></head><body><article><p>Only this paragraph survived the cut"
        #expect(try reader.read(source(truncated, path: "t.html")).articles.first?.passages.map(\.text)
                == ["Cut off", "Only this paragraph survived the cut"])
        // 60,000 nested elements: libxml2 stops at its depth limit; what came before is kept.
        let tags = "<p>Before the deep nesting.</p>" + String(repeating: "<div><span><b>", count: 20_000) + "deep"
            + String(repeating: "</table>", count: 1000)
        #expect(try reader.read(source(tags, path: "d.html")).articles.first?.title == "Before the deep nesting.")
    }
}
