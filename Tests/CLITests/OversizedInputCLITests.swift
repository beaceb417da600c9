import Foundation
import Testing
import TestSupport

/// `dossier index` on inputs far larger than any article (issue #10, item 7): a text file that
/// is one long line is split into passages with a warning naming its line, and a JSON-lines
/// record, or a whole HTML, text or Markdown file (inflated, for a `.gz`), over
/// `--max-record-size` is reported with its file (and line) and the option, and not counted.
@Suite(.serialized) struct OversizedInputCLITests {
    @Test func aOneLineTextFileIsSplitIntoPassagesWithAWarning() throws {
        let dir = TemporaryDirectory()
        // 320 KB on one line: more than one tagging window (256 KiB) and twenty passages.
        let sentence = "OPEC ministers met in Vienna on Monday to discuss output quotas. "
        let body = String(repeating: sentence, count: 320_000 / sentence.utf8.count)
        let file = try dir.write("dump.txt", "A dump\n" + body + "\n")
        let run = try EndToEndTests.dossier(["index", file, "--index", dir.path("idx"), "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let pieces = (body.utf8.count + 16 * 1024 - 1) / (16 * 1024)
        #expect((summary["passages"] as? Int ?? 0) >= 1 + pieces)
        let warnings = try #require(summary["warnings"] as? [[String: Any]])
        #expect(warnings.contains {
            $0["line"] as? Int == 2 && ($0["message"] as? String)?.hasPrefix("1 paragraph is longer than a passage may be (16384 bytes); split into") == true
        })
        // Every piece is searchable, the last included, and tagged.
        let count = try EndToEndTests.dossier(["count", "actor:OPEC", "--index", dir.path("idx")])
        #expect(count.status == 0)
        #expect(Int(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ").first ?? "") ?? 0 >= pieces)
    }

    @Test func aJSONRecordOverTheLimitIsReportedAndNotCountedUntilTheLimitIsRaised() throws {
        let dir = TemporaryDirectory()
        let big = String(repeating: "Talks resumed in Doha. ", count: 4_000)  // 92 KB
        let file = try dir.write("feed.jsonl", """
            {"id":"a","title":"Small","text":"A short record."}
            {"id":"b","title":"Big","text":"\(big)"}

            """)
        let refused = try EndToEndTests.dossier(["index", file, "--index", dir.path("idx"), "--max-record-size", "64K"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains(
            "\(file):2: record is \(big.utf8.count + 34) bytes, longer than a record may be (65536 bytes); "
                + "not indexed: raise the limit with `dossier index --max-record-size`"))
        #expect(refused.stderr.contains("1 article indexed, 2 passages"))

        let raised = try EndToEndTests.dossier(["index", file, "--index", dir.path("idx2"), "--max-record-size", "1M"])
        #expect(raised.status == 0, "\(raised.stderr)")
        #expect(raised.stderr.contains("2 articles indexed"))

        let bad = try EndToEndTests.dossier(["index", file, "--index", dir.path("idx"), "--max-record-size", "lots"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--max-record-size lots"))
    }

    @Test func wholeDocumentsOverTheLimitAreReportedAndNotCountedUntilTheLimitIsRaised() throws {
        let dir = TemporaryDirectory()
        let body = String(repeating: "Talks resumed in Doha on Monday. ", count: 3_000)  // 99 KB
        let folder = dir.path("in")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let page = "<html><head><title>Big page</title></head><body><p>\(body)</p></body></html>"
        let files: [(name: String, bytes: Data)] = [
            ("small.txt", Data("Small\n\nA short article about Doha.\n".utf8)),
            ("big.txt", Data("Big\n\n\(body)\n".utf8)),
            ("big.md", Data("# Big\n\n\(body)\n".utf8)),
            ("big.html", Data(page.utf8)),
            // About 1 KB compressed: only what it inflates to is over the limit.
            ("small-when-zipped.html.gz", try Gzipped.compress(Data(page.utf8))),
        ]
        for file in files { try file.bytes.write(to: URL(fileURLWithPath: folder + "/" + file.name)) }
        #expect(files[4].bytes.count < 64 * 1024)

        let refused = try EndToEndTests.dossier(["index", folder, "--index", dir.path("idx"), "--max-record-size", "64K"])
        #expect(refused.status == 1)
        let rule = ", longer than a record may be (65536 bytes); not indexed: raise the limit with `dossier index --max-record-size`"
        for file in files.dropFirst(1).prefix(3) {
            #expect(refused.stderr.contains("\(file.name): the document is \(file.bytes.count) bytes" + rule), "\(refused.stderr)")
        }
        #expect(refused.stderr.contains("small-when-zipped.html.gz: the document inflates to more than 65536 bytes" + rule))
        #expect(refused.stderr.contains("1 article indexed"))
        let count = try EndToEndTests.dossier(["count", "Doha", "--index", dir.path("idx")])
        #expect(count.stdout.hasPrefix("1 "), "\(count.stdout)")

        let raised = try EndToEndTests.dossier(["index", folder, "--index", dir.path("idx"), "--max-record-size", "1M"])
        #expect(raised.status == 0, "\(raised.stderr)")
        #expect(raised.stderr.contains("4 articles indexed"), "\(raised.stderr)")
        let indexed = try EndToEndTests.dossier(["count", "Doha", "--index", dir.path("idx")]).stdout
        #expect(!indexed.hasPrefix("1 "), "\(indexed)")
        // Once indexed, an unchanged file is not refused by a lower limit: it is kept as it is.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: folder + "/big.txt")
        let again = try EndToEndTests.dossier(["index", folder, "--index", dir.path("idx"), "--max-record-size", "64K"])
        #expect(again.stderr.contains("big.txt: the document is") == false, "\(again.stderr)")
        let total = try EndToEndTests.dossier(["count", "Doha", "--index", dir.path("idx")])
        #expect(total.stdout == indexed)
    }

    @Test func anSGMLStoryOverTheLimitIsReportedAtItsLineAndTheOthersIndexed() throws {
        let dir = TemporaryDirectory()
        let body = String(repeating: "Talks resumed in Doha on Monday. ", count: 3_000)  // 99 KB
        func story(_ id: Int, _ text: String) -> String {
            """
            <REUTERS TOPICS="NO" NEWID="\(id)">
            <DATE>26-FEB-1987 15:01:01.79</DATE>
            <TEXT>
            <TITLE>STORY \(id)</TITLE>
            <BODY>\(text)
            </BODY></TEXT>
            </REUTERS>

            """
        }
        let file = try dir.write("reut2-900.sgm", story(1, "Oil prices rose in Doha.") + story(2, body) + story(3, "Doha talks ended."))
        let refused = try EndToEndTests.dossier(["index", file, "--index", dir.path("idx"), "--max-record-size", "64K"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\(file):8: the story is "), "\(refused.stderr)")
        #expect(refused.stderr.contains("bytes, longer than a record may be (65536 bytes); not indexed"))
        #expect(refused.stderr.contains("2 articles indexed"), "\(refused.stderr)")

        let raised = try EndToEndTests.dossier(["index", file, "--index", dir.path("idx2"), "--max-record-size", "1M"])
        #expect(raised.status == 0, "\(raised.stderr)")
        #expect(raised.stderr.contains("3 articles indexed"), "\(raised.stderr)")
    }
}
