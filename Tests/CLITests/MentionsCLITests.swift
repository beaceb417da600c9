import Foundation
import Testing
import TestSupport

/// Issue 12, item 4: each actor of a stored passage lists the surface forms the passage names
/// it by, in every output of the index (JSON and JSON Lines with the actors, `--fields
/// mentions` in the delimited formats, the terminal's "as …"), as `dossier tag` does.
@Suite struct MentionsCLITests {
    @Test func searchOutputsCarryEachActorsSurfaceForms() throws {
        let dir = TemporaryDirectory()
        let file = try dir.write("brief.txt", """
            Talks in Geneva

            Prime Minister Shehbaz Sharif met Antonio Guterres in Geneva. Sharif said Islamabad would attend.
            """)
        let index = dir.path("index")
        let indexed = try EndToEndTests.dossier(["index", file, "--index", index])
        #expect(indexed.status == 0, "\(indexed.stderr)")

        let jsonl = try EndToEndTests.dossier(["search", "Guterres", "--index", index, "--format", "jsonl"])
        #expect(jsonl.status == 0, "\(jsonl.stderr)")
        let hit = try #require(try JSONSerialization.jsonObject(with: Data(jsonl.stdout.utf8)) as? [String: Any])
        let actors = try #require(hit["actors"] as? [[String: Any]])
        let sharif = try #require(actors.first { $0["name"] as? String == "Shehbaz Sharif" }, "\(actors)")
        #expect(sharif["mentions"] as? [String] == ["Prime Minister Shehbaz Sharif", "Sharif"])
        let pakistan = try #require(actors.first { $0["name"] as? String == "Pakistan" }, "\(actors)")
        #expect(pakistan["mentions"] as? [String] == ["Islamabad"])

        let csv = try EndToEndTests.dossier(["search", "Guterres", "--index", index, "--format", "csv", "--fields", "passage_id,mentions"])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout.contains("Shehbaz Sharif: Prime Minister Shehbaz Sharif | Sharif"), "\(csv.stdout)")
        #expect(csv.stdout.contains("Pakistan: Islamabad"), "\(csv.stdout)")

        let text = try EndToEndTests.dossier(["search", "Guterres", "--index", index])
        #expect(text.stdout.contains("Pakistan (country, as \u{201C}Islamabad\u{201D})"), "\(text.stdout)")
    }
}
