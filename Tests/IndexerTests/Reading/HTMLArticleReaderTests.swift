import Foundation
import NewsModel
import Testing
@testable import Indexer

@Suite("HTMLArticleReader")
struct HTMLArticleReaderTests {
    let reader = HTMLArticleReader()

    static let page = """
    <!DOCTYPE html>
    <html><head>
    <meta charset="utf-8">
    <title>Talks resume | The Daily</title>
    <meta property="og:title" content="Talks resume in Doha">
    <meta property="og:site_name" content="The Daily">
    <meta property="article:published_time" content="2025-07-05T18:21:54+05:30">
    <meta name="author" content="Staff Reporter">
    <link rel="canonical" href="https://daily.example/doha">
    <style>p { color: red }</style>
    <script>var s = "<p>not text</p>";</script>
    </head><body>
    <nav><p>Home</p><ul><li>World</li></ul></nav>
    <header><p>Subscribe now</p></header>
    <article>
    <h1>Talks resume in Doha</h1>
    <p>Negotiators met on Sunday &mdash; caf&eacute; talk, <b>officials</b> said.
    <p>A second, unclosed paragraph<br>with a break.
    <!-- <p>a commented-out paragraph</p> -->
    <h2>What next</h2>
    <ul><li>More talks</li><li>Aid convoys</li></ul>
    <figure><figcaption>A photo caption</figcaption></figure>
    <aside><p>Related: other story</p></aside>
    <p hidden>Hidden text</p>
    </article>
    <footer><p>Copyright</p></footer>
    </body></html>
    """

    @Test("a saved news page: metadata, article paragraphs, no chrome")
    func newsPage() throws {
        let result = try reader.read(source(Self.page, path: "saved/doha.html"))
        #expect(result.problems.isEmpty)
        let article = try #require(result.articles.first)
        #expect(article.id == "saved/doha.html")
        #expect(article.title == "Talks resume in Doha")
        #expect(article.published == PublishedDate(date: CalendarDate(year: 2025, month: 7, day: 5)!, origin: .metadata))
        #expect(article.source == "The Daily")
        #expect(article.author == "Staff Reporter")
        #expect(article.url == "https://daily.example/doha")
        #expect(shape(article) == [
            "0 title L4: Talks resume in Doha",
            "1 paragraph L17: Negotiators met on Sunday — café talk, officials said.",
            "2 paragraph L18: A second, unclosed paragraph with a break.",
            "3 heading L20: What next",
            "4 bullet L21: More talks",
            "5 bullet L21: Aid convoys",
        ])
    }

    @Test("JSON-LD and <time> supply the date when no meta does; <title> is the fallback title")
    func jsonLDAndTime() throws {
        let ld = """
        <html><head><title>Budget passed</title>
        <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "WebPage"},
          {"@type": "NewsArticle", "datePublished": "2024-06-12T09:00:00Z", "author": [{"@type": "Person", "name": "A. Writer"}],
           "publisher": {"name": "Wire"}}]}</script></head>
        <body><p>The assembly voted.</p><time datetime="2020-01-01">old</time></body></html>
        """
        let article = try #require(try reader.read(source(ld, path: "b.htm")).articles.first)
        #expect(article.title == "Budget passed")
        #expect(article.published?.date.description == "2024-06-12")
        #expect(article.author == "A. Writer")
        #expect(article.source == "Wire")

        let time = "<html><body><article><h1>Heading One</h1><time datetime=\"2023-03-04\">4 March</time><p>Body text.</p></article></body></html>"
        let timed = try #require(try reader.read(source(time, path: "t.html")).articles.first)
        #expect(timed.title == "Heading One")
        #expect(timed.published?.date.description == "2023-03-04")
        #expect(timed.passages.map(\.text) == ["Heading One", "Body text."])
    }

    @Test("a broken page still yields its text")
    func brokenPage() throws {
        let broken = "<html><head><title>Broken</ti<body><div><p>First <b>bold <i>nested</b> text<p>Second</div></span></table><p>Third &bogus; &amp; end"
        let article = try #require(try reader.read(source(broken, path: "x.html")).articles.first)
        #expect(!article.title.isEmpty)
        #expect(article.passages.contains { $0.text.contains("Third &bogus; & end") })
    }

    @Test("a page without <p> falls back to block text; declared Latin-1 is honoured")
    func fallbacks() throws {
        let divs = "<html><body><div>First block of text</div><div>Second <span>block</span></div></body></html>"
        let article = try #require(try reader.read(source(divs, path: "d.html")).articles.first)
        #expect(article.passages.map(\.text) == ["First block of text", "Second block"])

        let latin = Array("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><title>Caf".utf8)
            + [0xE9] + Array("</title></head><body><p>Cr".utf8) + [0xE8] + Array("me br".utf8) + [0xFB] + Array("l".utf8) + [0xE9, 0x65]
            + Array("</p></body></html>".utf8)
        let read = try reader.read(source(bytes: latin, path: "l.html"))
        #expect(read.problems.isEmpty)
        #expect(read.articles.first?.passages.map(\.text) == ["Café", "Crème brûlée"])
    }

    @Test("invalid UTF-8 in a page is replaced and warned")
    func invalidUTF8() throws {
        let bytes = Array("<html><body><p>Bad ".utf8) + [0xFF] + Array(" byte</p></body></html>".utf8)
        let result = try reader.read(source(bytes: bytes, path: "u.html"))
        #expect(result.articles.first?.title == "Bad \u{FFFD} byte")
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.severity == .warning)
    }

    @Test("a page with no text at all is empty")
    func noText() {
        #expect(readError(reader, source("<html><head><script>x()</script></head><body><nav>Menu</nav></body></html>", path: "n.html"))
                == .empty(path: "n.html"))
    }
}
