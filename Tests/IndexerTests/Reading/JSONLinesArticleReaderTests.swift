import Foundation
import NewsModel
import Testing
@testable import Indexer

@Suite("JSONLinesArticleReader")
struct JSONLinesArticleReaderTests {
    let reader = JSONLinesArticleReader()

    @Test("one article per line, unknown keys ignored, dates at their precision")
    func records() throws {
        let text = """
        {"id": "a1", "title": "Floods in Sindh", "published": "2025-08-30", "source": "dawn", "url": "https://x/1", "author": ["A. Reporter", "B. Writer"], "text": "Rain fell for days\\nacross the province.\\n\\nRelief Efforts\\n\\n- Camps opened\\n- Boats sent\\n\\nOfficials said more rain is expected this week.", "lang": "en", "extra": {"nested": true}}

        {"id": 42, "title": "Budget", "published": "2024-06", "text": "Passed."}
        {"title": "Year only", "published": "2023", "text": "Text."}
        {"title": "With time", "published": "2025-07-05T18:21:54+05:30", "text": "Text."}
        {"text": "First paragraph is the title\\n\\nSecond paragraph."}
        """
        let result = try reader.read(source(text, path: "scrape.jsonl"))
        #expect(result.problems.isEmpty)
        #expect(result.articles.map(\.id) == ["scrape.jsonl#a1", "scrape.jsonl#42", "scrape.jsonl:4", "scrape.jsonl:5", "scrape.jsonl:6"])
        #expect(result.articles.map(\.file) == ["scrape.jsonl#1", "scrape.jsonl#3", "scrape.jsonl#4", "scrape.jsonl#5", "scrape.jsonl#6"])
        let first = result.articles[0]
        #expect(first.title == "Floods in Sindh")
        #expect(first.source == "dawn")
        #expect(first.url == "https://x/1")
        #expect(first.author == "A. Reporter, B. Writer")
        #expect(first.published == PublishedDate(date: CalendarDate(year: 2025, month: 8, day: 30)!, origin: .metadata))
        #expect(shape(first) == [
            "0 title L1: Floods in Sindh",
            "1 paragraph L1: Rain fell for days across the province.",
            "2 heading L1: Relief Efforts",
            "3 bullet L1: Camps opened",
            "4 bullet L1: Boats sent",
            "5 paragraph L1: Officials said more rain is expected this week.",
        ])
        #expect(result.articles.map { $0.published?.date.description } == ["2025-08-30", "2024-06", "2023", "2025-07-05", nil])
        #expect(shape(result.articles[4]) == ["0 title L6: First paragraph is the title", "1 paragraph L6: Second paragraph."])
    }

    @Test("a malformed line is reported as file:line and skipped; the rest is read")
    func malformedLines() throws {
        let text = """
        {"id": "ok1", "title": "Good", "text": "Body."}
        {"id": "broken", "title": "Unterminated
        ["not", "an", "object"]
        {"id": "no-text", "title": "Missing text"}
        {"id": "bad-text", "title": "T", "text": 5}
        {"id": "ok1", "title": "Same id again", "text": "Body."}
        {"id": "ok2", "title": "Also good", "text": "Body.", "published": "someday"}
        """
        let result = try reader.read(source(text, path: "s.ndjson"))
        #expect(result.articles.map(\.id) == ["s.ndjson#ok1", "s.ndjson:6", "s.ndjson#ok2"])
        let skipped = result.problems.filter { $0.severity == .skipped }
        #expect(skipped.map(\.line) == [2, 3, 4, 5])
        #expect(skipped[0].description.hasPrefix("s.ndjson:2: not valid JSON"))
        #expect(skipped[1].description == "s.ndjson:3: not a JSON object (each line must be one article `{…}`); line skipped")
        #expect(skipped[2].description == "s.ndjson:4: no `text`; line skipped")
        #expect(skipped[3].description == "s.ndjson:5: `text` is not a string; line skipped")
        let warnings = result.problems.filter { $0.severity == .warning }
        #expect(warnings.map(\.line) == [6, 7])
    }

    @Test("a line with invalid UTF-8 is repaired and warned; CRLF line ends are fine")
    func invalidUTF8Line() throws {
        let bytes = Array("{\"title\": \"Caf".utf8) + [0xE9] + Array("\", \"text\": \"x\"}\r\n{\"title\": \"B\", \"text\": \"y\"}\r\n".utf8)
        let result = try reader.read(source(bytes: bytes, path: "l.jsonl"))
        #expect(result.articles.map(\.title) == ["Caf\u{FFFD}", "B"])
        #expect(result.problems.map(\.description) == ["l.jsonl:1: invalid UTF-8 replaced by U+FFFD"])
    }

    @Test("a file of only broken lines yields no articles but reports each line")
    func allBroken() throws {
        let result = try reader.read(source("{\n}\n", path: "b.jsonl"))
        #expect(result.articles.isEmpty)
        #expect(result.problems.count == 2)
    }
}
