import Foundation
import NewsModel
import TestSupport
import Testing
@testable import Indexer

/// The done-criterion: Reuters-21578 read straight from its 22 `.sgm.gz` files, as the
/// user downloaded them. Reads `Paths.corpora` (research data, never copied into the repo).
@Suite("Reuters-21578 corpus")
struct ReutersCorpusTests {
    static let folder = Paths.corpora.appendingPathComponent("reuters21578")
    static let files: [URL] = (0...21).map { folder.appendingPathComponent(String(format: "reut2-%03d.sgm.gz", $0)) }
    static var present: Bool { files.allSatisfy { FileManager.default.fileExists(atPath: $0.path) } }
    static let absent = Comment(rawValue: "Reuters-21578 not found at \(folder.path); set DOSSIER_CORPORA to the folder holding reuters21578/")

    static func read(_ url: URL) throws -> ReadResult {
        let data = try Data(contentsOf: url)
        return try ReutersSGMLArticleReader().read(
            SourceFile(path: url.lastPathComponent, identity: "reuters21578/" + url.lastPathComponent, data: data))
    }

    @Test("all 22 files: the 19,043 stories with a <BODY> have body passages and are dated 1987",
          .enabled(if: present, absent))
    func wholeCorpus() throws {
        var articles = 0, storiesWithBody = 0, bodiesRead = 0, dated1987 = 0
        var ids = Set<String>()
        var problems: [ReadProblem] = []
        for url in Self.files {
            let result = try Self.read(url)
            problems += result.problems
            // Which stories have a <BODY>, counted independently of the reader from the raw text.
            let raw = TextDecoding.latin1String(try Gzip.decompress(try Data(contentsOf: url), path: url.path))
            let stories = raw.components(separatedBy: "</REUTERS>").dropLast()
            let byPosition = Dictionary(uniqueKeysWithValues: result.articles.map { ($0.file, $0) })
            for (offset, story) in stories.enumerated() where story.contains("<BODY>") {
                storiesWithBody += 1
                guard let article = byPosition["\(url.lastPathComponent)#\(offset + 1)"] else { continue }
                if article.passages.count > 1, article.passages.dropFirst().allSatisfy({ !$0.text.isEmpty }) {
                    bodiesRead += 1
                }
            }
            for article in result.articles {
                articles += 1
                ids.insert(article.id)
                if article.published?.date.year == 1987, article.published?.origin == .metadata { dated1987 += 1 }
                #expect(article.passages.enumerated().allSatisfy { $0.offset == $0.element.number })
                #expect(article.passages.first?.kind == .title)
                #expect(article.source == "reuters")
            }
        }
        #expect(storiesWithBody == 19_043)
        #expect(bodiesRead == 19_043)
        // 21,578 stories; one (NEWID 12793) is an empty UNPROC stub and is reported as skipped.
        #expect(articles == 21_577)
        #expect(ids.count == 21_577)
        #expect(dated1987 == 21_577)
        #expect(problems.map(\.description) == ["reut2-012.sgm.gz:25983: story NEWID 12793 has no title and no text; skipped"])
    }

    @Test("known stories, exactly", .enabled(if: present, absent))
    func knownStories() throws {
        let result = try Self.read(Self.files[0])
        let cocoa = try #require(result.articles.first)
        #expect(cocoa.id == "reuters21578/reut2-000.sgm.gz#1")
        #expect(cocoa.file == "reut2-000.sgm.gz#1")
        #expect(cocoa.title == "BAHIA COCOA REVIEW")
        #expect(cocoa.published == PublishedDate(date: CalendarDate(year: 1987, month: 2, day: 26)!, origin: .metadata))
        #expect(cocoa.passages[0] == Passage(number: 0, kind: .title, text: "BAHIA COCOA REVIEW", line: 15))
        #expect(cocoa.passages[1] == Passage(
            number: 1, kind: .paragraph,
            text: "Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought since early January and improving prospects for the coming temporao, although normal humidity levels have not been restored, Comissaria Smith said in its weekly review.",
            line: 16))
        #expect(cocoa.passages[2] == Passage(
            number: 2, kind: .paragraph, text: "The dry period means the temporao will be late this year.", line: 21))
        #expect(cocoa.passages.last?.text == "Final figures for the period to February 28 are expected to be published by the Brazilian Cocoa Trade Commission after carnival which ends midday on February 27.")
        #expect(cocoa.passages.count == 18)
        #expect(!cocoa.passages.contains { $0.text.contains("SALVADOR") || $0.text.contains("Reuter") })

        let oil = result.articles[1]
        #expect(oil.id == "reuters21578/reut2-000.sgm.gz#2")
        #expect(oil.title == "STANDARD OIL <SRD> TO FORM FINANCIAL UNIT")
        #expect(oil.passages.map(\.text) == [
            "STANDARD OIL <SRD> TO FORM FINANCIAL UNIT",
            "Standard Oil Co and BP North America Inc said they plan to form a venture to manage the money market borrowing and investment activities of both companies.",
            "BP North America is a subsidiary of British Petroleum Co Plc <BP>, which also owns a 55 pct interest in Standard Oil.",
            "The venture will be called BP/Standard Financial Trading and will be operated by Standard Oil under the oversight of a joint management committee.",
        ])

        let bank = try #require(result.articles.first { $0.title == "TALKING POINT/BANKAMERICA <BAC> EQUITY OFFER" })
        #expect(bank.author == "Janie Gabbett")

        // A TYPE="BRIEF" story: headline only, kept as a title-only article.
        let brief = try #require(result.articles.first { $0.title.hasPrefix("ASSETS OF MONEY MARKET MUTUAL FUNDS ROSE") })
        #expect(brief.passages.count == 1)
        // A TYPE="UNPROC" story: first line as title, the table rows as paragraphs.
        let unproc = try #require(result.articles.first { $0.title == "FEDERAL RESERVE WEEKLY REPORT 1 - FEB 26" })
        #expect(unproc.passages[1].text == "Two weeks ended Feb 25 daily avgs-mlns" || unproc.passages[1].text.hasPrefix("Two weeks ended Feb 25"))
    }
}
