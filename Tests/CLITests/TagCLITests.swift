import Foundation
import Testing
import TestSupport

/// `dossier tag`: passages, actors with their mentions, and dates, without an index.
@Suite struct TagCLITests {
    @Test func printsEachPassageWithActorsMentionsAndDates() throws {
        let dir = TemporaryDirectory()
        let file = try dir.write("brief.txt", """
            Talks in Geneva

            Prime Minister Shehbaz Sharif met Antonio Guterres in Geneva on March 3, 2025. Sharif said Pakistan would attend.
            """)
        let run = try EndToEndTests.dossier(["tag", file])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(lines.count == 2)
        let paragraph = try #require(lines.last ?? nil)
        let actors = try #require(paragraph["actors"] as? [[String: Any]])
        let sharif = try #require(actors.first { $0["name"] as? String == "Shehbaz Sharif" })
        // Both forms the passage uses, each once: what a reader would highlight.
        #expect(sharif["mentions"] as? [String] == ["Prime Minister Shehbaz Sharif", "Sharif"])
        #expect(actors.contains { $0["name"] as? String == "Pakistan" && $0["type"] as? String == "country" })
        let dates = try #require(paragraph["dates"] as? [[String: Any]])
        #expect(dates.contains { $0["value"] as? String == "2025-03-03" })
        #expect(!FileManager.default.fileExists(atPath: dir.path(".dossier")))
    }

    @Test func aMissingFileIsReportedAndMakesTheStatusPartial() throws {
        let run = try EndToEndTests.dossier(["tag", "/nonexistent/brief.txt"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("/nonexistent/brief.txt"))
    }
}
