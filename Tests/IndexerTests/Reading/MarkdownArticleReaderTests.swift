import Foundation
import NewsModel
import Testing
@testable import Indexer

@Suite("MarkdownArticleReader")
struct MarkdownArticleReaderTests {
    let reader = MarkdownArticleReader()

    @Test("front matter fills the metadata; body blocks get their kinds")
    func frontMatterAndBody() throws {
        let text = """
        ---
        title: "Talks resume in Doha"
        date: 2025-07-05T18:21:54+05:30
        source: dawn
        url: https://example.com/doha
        author: Staff Reporter
        actors: [Hamas, "Benjamin Netanyahu"]
        tags: ignored
        ---

        # Talks resume in Doha

        Negotiators met on Sunday
        in the Qatari capital, **officials** said.

        ## What was agreed

        - A pause of [six weeks](https://example.com/pause)
        * Aid convoys
        1. Prisoner exchanges

        > A quoted line
        > that wraps.

        ```
        code stays text
        ```
        <!-- an editor's note -->
        Closing line.
        """
        let result = try reader.read(source(text, path: "notes/doha.md"))
        #expect(result.problems.isEmpty)
        let article = try #require(result.articles.first)
        #expect(article.id == "notes/doha.md")
        #expect(article.file == "notes/doha.md")
        #expect(article.title == "Talks resume in Doha")
        #expect(article.published == PublishedDate(date: CalendarDate(year: 2025, month: 7, day: 5)!, origin: .metadata))
        #expect(article.source == "dawn")
        #expect(article.url == "https://example.com/doha")
        #expect(article.author == "Staff Reporter")
        #expect(article.declaredActors == ["Hamas", "Benjamin Netanyahu"])
        #expect(shape(article) == [
            "0 title L2: Talks resume in Doha",
            "1 paragraph L13: Negotiators met on Sunday in the Qatari capital, officials said.",
            "2 heading L16: What was agreed",
            "3 bullet L18: A pause of six weeks",
            "4 bullet L19: Aid convoys",
            "5 bullet L20: Prisoner exchanges",
            "6 paragraph L22: A quoted line that wraps.",
            "7 paragraph L26: code stays text",
            "8 paragraph L29: Closing line.",
        ])
    }

    @Test("without front matter the first heading is the title; block lists of actors")
    func noFrontMatter() throws {
        let article = try #require(try reader.read(source("Budget passed\n=============\n\nThe assembly voted.\n", path: "b.md")).articles.first)
        #expect(article.title == "Budget passed")
        #expect(shape(article) == ["0 title L1: Budget passed", "1 paragraph L4: The assembly voted."])

        let listed = try reader.read(source("---\nactors:\n  - Imran Khan\n  - 'PTI'\ndate: 2024-02\n---\nText here.\n", path: "c.md"))
        let first = try #require(listed.articles.first)
        #expect(first.declaredActors == ["Imran Khan", "PTI"])
        #expect(first.published?.date.precision == .month)
        #expect(first.title == "Text here.")
        #expect(first.passages.count == 1)
    }

    @Test("a bad front matter date or line is a warning, not a failure")
    func badFrontMatter() throws {
        let result = try reader.read(source("---\ntitle: T\ndate: last Tuesday\nnonsense line\n---\nBody.\n", path: "d.md"))
        #expect(result.articles.first?.published == nil)
        #expect(result.problems.map(\.description) == [
            "d.md:4: front matter line is not `key: value`; ignored",
            "d.md:3: front matter date `last Tuesday` is not YYYY, YYYY-MM or YYYY-MM-DD[Thh:mm…]; ignored",
        ])
        #expect(result.problems.allSatisfy { $0.severity == .warning })
    }

    @Test("an unclosed front matter block is ordinary text")
    func unclosedFrontMatter() throws {
        let article = try #require(try reader.read(source("---\ntitle: x\n\nBody.", path: "u.md")).articles.first)
        #expect(article.title == "title: x")
    }
}
