import Foundation
import NewsModel
import Testing
import TestSupport
@testable import Indexer

@Suite("ReutersSGMLArticleReader")
struct ReutersSGMLArticleReaderTests {
    let reader = ReutersSGMLArticleReader()

    /// A hand-written file in the corpus's layout (not copied from it), with one story of
    /// each kind: a full story, a headline-only BRIEF, an UNPROC table, an empty stub.
    static let sample: [UInt8] = Array("""
    <!DOCTYPE lewis SYSTEM "lewis.dtd">
    <REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="1" NEWID="101">
    <DATE> 3-MAR-1987 09:15:02.11</DATE>
    <TOPICS><D>coffee</D></TOPICS>
    <UNKNOWN>&#5;&#5;&#5;C T
    &#22;&#22;&#1;f0704&#31;reute</UNKNOWN>
    <TEXT>&#2;
    <TITLE>COFFEE &lt;ICO> TALKS &amp; QUOTAS</TITLE>
    <AUTHOR>    By Jane Roe, Reuters</AUTHOR>
    <DATELINE>    LONDON, March 3 - </DATELINE><BODY>Producers met in London on
    Tuesday to discuss export quotas.
        Delegates said no agreement was
    expected before Friday, a S
    """.utf8) + [0xE3] + Array("""
    o Paulo trader said.

        Prices fell 2 pct.
     Reuter
    &#3;</BODY></TEXT>
    </REUTERS>
    <REUTERS TOPICS="NO" NEWID="102">
    <DATE>3-MAR-1987 09:20:00.00</DATE>
    <TEXT TYPE="BRIEF">&#2;
    ******<TITLE>GOLD PRICE FIXED AT 400 DLRS
    </TITLE>Blah blah blah.
    &#3;

    </TEXT>
    </REUTERS>
    <REUTERS TOPICS="NO" NEWID="103">
    <DATE>3-MAR-1987 09:25:00.00</DATE>
    <TEXT TYPE="UNPROC">&#2;
    WEEKLY RESERVES REPORT
     Net free reserves....644 vs....1,337
     Bank borrowings......680 vs......425
    &#3;
    </TEXT>
    </REUTERS>
    <REUTERS TOPICS="NO" NEWID="104">
    <DATE>3-MAR-1987 09:30:00.00</DATE>
    <TEXT TYPE="UNPROC">&#2;
    &#3;
    </TEXT>
    </REUTERS>
    """.utf8)

    @Test("every story kind, exactly")
    func sample() throws {
        let result = try reader.read(source(bytes: Self.sample, path: "reut2-999.sgm"))
        #expect(result.articles.map(\.id) == ["reut2-999.sgm#101", "reut2-999.sgm#102", "reut2-999.sgm#103"])
        #expect(result.articles.map(\.file) == ["reut2-999.sgm#1", "reut2-999.sgm#2", "reut2-999.sgm#3"])
        #expect(result.problems.map(\.description) == ["reut2-999.sgm:37: story NEWID 104 has no title and no text; skipped"])

        let full = result.articles[0]
        #expect(full.title == "COFFEE <ICO> TALKS & QUOTAS")
        #expect(full.author == "Jane Roe")
        #expect(full.source == "reuters")
        #expect(full.published == PublishedDate(date: CalendarDate(year: 1987, month: 3, day: 3)!, origin: .metadata))
        #expect(shape(full) == [
            "0 title L8: COFFEE <ICO> TALKS & QUOTAS",
            "1 paragraph L10: Producers met in London on Tuesday to discuss export quotas.",
            "2 paragraph L12: Delegates said no agreement was expected before Friday, a São Paulo trader said.",
            "3 paragraph L15: Prices fell 2 pct.",
        ])
        #expect(shape(result.articles[1]) == ["0 title L22: GOLD PRICE FIXED AT 400 DLRS"])
        #expect(shape(result.articles[2]) == [
            "0 title L31: WEEKLY RESERVES REPORT",
            "1 paragraph L32: Net free reserves....644 vs....1,337",
            "2 paragraph L33: Bank borrowings......680 vs......425",
        ])
    }

    @Test("a story longer than the record limit is reported at its line and skipped; the others are read")
    func storyOverTheLimit() throws {
        // The first story runs from its <REUTERS to its </REUTERS>; the others are far shorter.
        let bytes = Self.sample
        func offset(of tag: String, from start: Int = 0) -> Int {
            let pattern = Array(tag.utf8)
            return (start...(bytes.count - pattern.count)).first { Array(bytes[$0..<($0 + pattern.count)]) == pattern }!
        }
        let first = offset(of: "<REUTERS")
        let length = offset(of: "</REUTERS>") - first
        let result = try reader.read(source(bytes: bytes, path: "reut2-999.sgm"), maximumRecordBytes: length - 1)
        #expect(result.articles.map(\.id) == ["reut2-999.sgm#102", "reut2-999.sgm#103"])
        // Positions still count every story, so the kept ones keep their file positions.
        #expect(result.articles.map(\.file) == ["reut2-999.sgm#2", "reut2-999.sgm#3"])
        #expect(result.problems.map(\.description) == [
            "reut2-999.sgm:2: the story is \(length) bytes, longer than a record may be (\(length - 1) bytes); "
                + "not indexed: raise the limit with `dossier index --max-record-size`",
            "reut2-999.sgm:37: story NEWID 104 has no title and no text; skipped",
        ])
        #expect(result.problems.first?.severity == .skipped)
        // At its exact length the story is read.
        let within = try reader.read(source(bytes: bytes, path: "reut2-999.sgm"), maximumRecordBytes: length)
        #expect(within.articles.count == 3)
    }

    @Test("gzipped input reads the same")
    func gzipped() throws {
        // Compressed by the system's gzip, not by the code under test.
        let data = try Gzipped.compress(Data(Self.sample))
        let zipped = try reader.read(SourceFile(path: "reut2-999.sgm.gz", identity: "reut2-999.sgm.gz", data: data))
        let unzipped = try reader.read(source(bytes: Self.sample, path: "reut2-999.sgm.gz"))
        #expect(zipped == unzipped)
    }

    @Test("a file with no <REUTERS> is malformed; dates and bylines parse")
    func pieces() {
        #expect(readError(reader, source("just some text", path: "x.sgm"))
                == .malformed(path: "x.sgm", line: nil, reason: "no <REUTERS> story found; is this a Reuters-21578 SGML file?"))
        #expect(ReutersSGMLArticleReader.date(" 26-FEB-1987 15:01:01.79")?.description == "1987-02-26")
        #expect(ReutersSGMLArticleReader.date("31-FEB-1987 00:00:00.00") == nil)
        #expect(ReutersSGMLArticleReader.author("    by Janie Gabbett, Reuters") == "Janie Gabbett")
        #expect(CharacterEntities.decode("a &lt;b&gt; &amp; &#65;&#x42; &#3;&unknown; & done") == "a <b> & AB &unknown; & done")
    }

    /// Broken tags (issue #10, item 7): each story keeps its own title and text, no markup
    /// leaks into either, and each break is a warning at its line.
    @Test("broken tags are warned at their line and never leak into titles or text")
    func brokenTags() throws {
        let text = """
        <REUTERS NEWID="1">
        <DATE> 3-MAR-1987 09:15:02.11</DATE>
        <TEXT>
        <TITLE>OIL PRICES RISE
        <DATELINE>    LONDON, March 3 - </DATELINE><BODY>Crude oil rose
        on Tuesday.
         Reuter
        &#3;</BODY></TEXT>
        </REUTERS>
        <REUTERS NEWID="2">
        <TEXT>
        <TITLE>GOLD STEADY</TITLE>
        <BODY>Gold was steady in quiet trade.
        </TEXT>
        <REUTERS NEWID="3">
        <TEXT>
        <TITLE>COPPER FALLS</TITLE>
        <BODY>Copper fell.
         Reuter
        &#3;</BOD
        </TEXT>
        </REUTERS>
        <REUTERS NEWID="4">
        <TEXT TYPE="UNPROC">
        TIN TABLE <D>tin</D>
         Stocks....100
        </TEXT>
        </REUTERS>
        """
        let result = try reader.read(source(text, path: "broken.sgm"))
        #expect(result.articles.map(\.title) == ["OIL PRICES RISE", "GOLD STEADY", "COPPER FALLS", "TIN TABLE tin"])
        #expect(result.articles.map { $0.passages.dropFirst().map(\.text) } == [
            ["Crude oil rose on Tuesday."], ["Gold was steady in quiet trade."], ["Copper fell."], ["Stocks....100"],
        ])
        for article in result.articles {
            for passage in article.passages {
                #expect(!passage.text.contains("<") && !passage.text.contains(">"), "\(article.id): \(passage.text)")
            }
        }
        #expect(result.problems.map(\.description) == [
            "broken.sgm:4: <TITLE> has no </TITLE>; its text ends where the next tag starts",
            "broken.sgm:10: <REUTERS> has no </REUTERS>; the story ends where the next one starts",
            "broken.sgm:13: <BODY> has no </BODY>; its text ends where the next tag starts",
            "broken.sgm:18: <BODY> has no </BODY>; its text ends where the next tag starts",
            "broken.sgm:25: markup inside a <TEXT> without <TITLE> or <BODY>; the tags are left out",
        ])
        #expect(result.problems.allSatisfy { $0.severity == .warning })
    }
}
