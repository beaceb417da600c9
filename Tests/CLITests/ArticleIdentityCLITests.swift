import Foundation
import Testing
import TestSupport

/// Two JSON-lines feeds that both number their records 1...100 (issue #10, item 2): the
/// summary, the index and a search by id all agree, through the binary.
@Suite(.serialized) struct ArticleIdentityCLITests {
    @Test func twoFeedsWithTheSameIdsKeepEveryPassageAndCountOnlyWhatIsStored() throws {
        let dir = TemporaryDirectory()
        for name in ["a", "b"] {
            let lines = (1...100).map { #"{"id": \#($0), "title": "Feed \#(name) story \#($0)", "text": "Paragraph \#($0) of feed \#(name)."}"# }
            try dir.write("feeds/\(name).jsonl", lines.joined(separator: "\n") + "\n")
        }
        let index = dir.path("idx")
        let indexed = try EndToEndTests.dossier(["index", dir.path("feeds"), "--index", index])
        #expect(indexed.status == 0, "\(indexed.stderr)")
        #expect(indexed.stderr.contains("200 articles indexed, 400 passages"), "\(indexed.stderr)")
        #expect(indexed.stderr.contains("index \(index): 400 passages"), "\(indexed.stderr)")

        let count = try EndToEndTests.dossier(["count", "story", "--index", index])
        #expect(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("200"), "\(count.stdout)")

        // One record of each feed, by its documented id: `<file identity>#<record id>`.
        let byID = try EndToEndTests.dossier([
            "search", #"article:"feeds/b.jsonl#17""#, "--index", index, "--format", "jsonl", "--fields", "passage_id,article_id,title",
        ])
        #expect(byID.status == 0, "\(byID.stderr)")
        #expect(byID.stdout.split(separator: "\n").sorted() == [
            #"{"article_id":"feeds/b.jsonl#17","passage_id":"feeds/b.jsonl#17#0","title":"Feed b story 17"}"#,
            #"{"article_id":"feeds/b.jsonl#17","passage_id":"feeds/b.jsonl#17#1","title":"Feed b story 17"}"#,
        ])
    }
}
