import Foundation
import NewsModel
import TestSupport
import Testing
@testable import Indexer

/// The `.txt` reader on every seed article, with expectations counted by hand from the files.
@Suite struct TextArticleReaderTests {
    private func read(_ number: String) throws -> Article {
        let url = Paths.seed(number)
        let result = try TextArticleReader().read(SourceFile(
            path: url.path, identity: "seeds/" + url.lastPathComponent, data: try Data(contentsOf: url)))
        #expect(result.problems.isEmpty)
        return try #require(result.articles.first)
    }

    private func read(text: String) throws -> ReadResult {
        try TextArticleReader().read(SourceFile(path: "t.txt", identity: "t.txt", data: Data(text.utf8)))
    }

    @Test(arguments: [("000", 6), ("001", 24), ("002", 25), ("003", 10), ("004", 10)])
    func passageCountsOfEverySeed(number: String, count: Int) throws {
        let article = try read(number)
        #expect(article.passages.count == count)
        #expect(article.passages.map(\.number) == Array(0..<count))
        #expect(article.passages[0].kind == .title)
        #expect(article.passages[0].text == article.title)
    }

    @Test func seed000RepeatedTitleKeptOnceAndUpdatedOnIsThePublicationDate() throws {
        let article = try read("000")
        #expect(article.title == "Pakistan Open to Extradition Talks, Cites India’s ‘Noncompliance’ on Cross-Border Terrorism")
        #expect(article.passages.filter { $0.text == article.title }.count == 1)
        #expect(article.published == PublishedDate(date: CalendarDate(year: 2025, month: 7, day: 5)!, origin: .metadata))
        #expect(!article.passages.contains { $0.text.hasPrefix("Updated on") })
        #expect(article.passages[1].text.hasPrefix("Pakistan’s former Foreign Minister"))
        #expect(article.passages[1].line == 11)
        #expect(article.id == "seeds/000_42a8fda8fa49b027.txt")
    }

    @Test func seed001DropsTheInstagramEmbedAndFindsTheHeading() throws {
        let article = try read("001")
        #expect(!article.passages.contains { $0.text.contains("Instagram") })
        #expect(article.published == nil)
        let headings = article.passages.filter { $0.kind == .heading }.map(\.text)
        #expect(headings == ["Trump says US has approved extradition of suspect in 2008 Mumbai attacks"])
        #expect(article.passages.filter { $0.kind == .paragraph }.count == 22)
    }

    @Test func seed002BulletsHeadingAndTitleFromTheFirstLine() throws {
        let article = try read("002")
        #expect(article.title == "Islamabad says Kabul’s version of the talks is “false and misleading”.")
        #expect(article.passages.filter { $0.kind == .bullet }.map(\.text) == [
            "Pakistan urges action against terrorists taking refuge in Afghanistan",
            "Afghan Taliban claim extradition offer rejected by Islamabad.",
        ])
        #expect(article.passages.filter { $0.kind == .heading }.map(\.text) == ["Tensions between Islamabad and Kabul"])
        #expect(article.passages.last?.text == "The two sides would meet again in the next round scheduled for November 6.")
    }

    @Test func seed003HasNoDateMetadata() throws {
        let article = try read("003")
        #expect(article.published == nil)
        #expect(article.title.hasPrefix("New Delhi: India said on Friday (January 31)"))
        #expect(article.passages.filter { $0.kind == .heading }.map(\.text) == ["New Delhi, Washington discussing ‘early visit’ by Modi to US"])
    }

    @Test func seed004BylineAndDashDateAreMetadata() throws {
        let article = try read("004")
        #expect(article.author == "Web Desk")
        #expect(article.published?.date == CalendarDate(year: 2025, month: 11, day: 2))
        #expect(!article.passages.contains { $0.text.contains("Web Desk") || $0.text.contains("Nov 02, 2025") })
        #expect(article.passages[1].text.hasPrefix("ISLAMABAD: Pakistan has rejected"))
    }

    @Test func hardWrappedParagraphsAreJoinedAtIndentsAndBlankLines() throws {
        let text = """
            OIL PRICES RISE ON SUPPLY WORRIES
                Oil prices rose sharply on Monday as traders worried that supplies
            from the Gulf would be cut, analysts said in London and New York
            today.
                The rise followed reports of new attacks on tankers in the region,
            they said, adding that prices could climb further this week.

            Dealers said the market was nervous and thin ahead of the weekend
            holiday in several countries.
            """
        let article = try #require(try read(text: text).articles.first)
        #expect(article.passages.map(\.text) == [
            "OIL PRICES RISE ON SUPPLY WORRIES",
            "Oil prices rose sharply on Monday as traders worried that supplies from the Gulf would be cut, analysts said in London and New York today.",
            "The rise followed reports of new attacks on tankers in the region, they said, adding that prices could climb further this week.",
            "Dealers said the market was nervous and thin ahead of the weekend holiday in several countries.",
        ])
        #expect(article.passages.map(\.line) == [1, 2, 5, 8])
    }

    @Test func longUnwrappedLinesStayOneParagraphEach() throws {
        let lines = (1...3).map { "Paragraph \($0) " + String(repeating: "is long and ends properly ", count: 6) + "here." }
        let article = try #require(try read(text: "Title\n" + lines.joined(separator: "\n")).articles.first)
        #expect(article.passages.count == 4)
    }

    @Test func crlfAndByteOrderMarkAreHandled() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data("Title here\r\n\r\nFirst paragraph, which is a sentence.\r\n".utf8)
        let result = try TextArticleReader().read(SourceFile(path: "w.txt", identity: "w.txt", data: data))
        #expect(result.articles.first?.passages.map(\.text) == ["Title here", "First paragraph, which is a sentence."])
    }

    @Test func invalidUTF8IsReplacedAndWarnedWithTheLine() throws {
        let data = Data("Title\nGood line, fine.\nBad ".utf8) + Data([0xFF, 0xFE]) + Data(" bytes here.\n".utf8)
        let result = try TextArticleReader().read(SourceFile(path: "bad.txt", identity: "bad.txt", data: data))
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.line == 3)
        #expect(result.problems.first?.severity == .warning)
        #expect(result.problems.first?.description.hasPrefix("bad.txt:3: invalid UTF-8") == true)
        #expect(result.articles.first?.passages.last?.text == "Bad \u{FFFD}\u{FFFD} bytes here.")
    }

    @Test func emptyAndBinaryFilesAreRefusedWithTheReason() {
        #expect(throws: IndexerError.empty(path: "e.txt")) {
            _ = try TextArticleReader().read(SourceFile(path: "e.txt", identity: "e.txt", data: Data(" \n\n \t\n".utf8)))
        }
        #expect(throws: IndexerError.binary(path: "b.txt")) {
            _ = try TextArticleReader().read(SourceFile(path: "b.txt", identity: "b.txt", data: Data([0x7F, 0x45, 0x4C, 0x46, 0, 0, 1])))
        }
    }

    @Test(arguments: [
        ("Updated on 2025-07-05T18:21:54+05:30", MetadataLine.published(CalendarDate(year: 2025, month: 7, day: 5)!)),
        ("- Nov 02, 2025", .published(CalendarDate(year: 2025, month: 11, day: 2)!)),
        ("Published: Sunday, November 2, 2025 10:30", .published(CalendarDate(year: 2025, month: 11, day: 2)!)),
        ("2 November 2025", .published(CalendarDate(year: 2025, month: 11, day: 2)!)),
        ("- By Web Desk -", .byline("Web Desk")),
        ("By Jane Doe", .byline("Jane Doe")),
    ])
    func metadataLines(line: String, expected: MetadataLine) {
        #expect(MetadataLine.parse(line) == expected)
    }

    @Test(arguments: ["By then, the talks had collapsed.", "Updated talks begin on Monday.", "November 6 is the date.", "Nov 31, 2025"])
    func ordinaryLinesAreNotMetadata(line: String) {
        #expect(MetadataLine.parse(line) == nil)
    }
}
