import Foundation
import Testing
import TestSupport

/// What the binary prints, character for character, for a two-file run: `index` (its report on
/// standard error, and `--json` on standard output), then `stats`, `actors` and `search` on
/// the index it wrote. The writers' layouts are pinned on the fixture index in
/// `SearchTests/ExactTextOutputTests` and `IndexerTests/IndexSummaryOutputTests`; this checks
/// that the commands print them, and nothing else, on the streams the README says. Only the
/// temporary folder, the seconds, the size on disk, the commit time and the Xapian version are
/// blanked (`FixtureOutput`).
@Suite struct ExactOutputCLITests {
    /// A story and an empty file: one article indexed, one file skipped (exit status 1).
    private func corpus() throws -> TemporaryDirectory {
        let dir = TemporaryDirectory("exact-cli")
        try dir.write("news/a.txt", "Talks resume\n\nThe ceasefire held overnight.\n")
        try dir.write("news/empty.txt", "")
        return dir
    }

    private func normalised(_ text: String, in dir: TemporaryDirectory) -> String {
        FixtureOutput.normalised(text, [
            .path(dir.url.path, as: "<dir>"), .seconds, .jsonSeconds,
            .init(#"(size on disk +).*$"#, "$1<size>"), .init(#"(last indexed +).*$"#, "$1<time>"),
            .init(#"Xapian [0-9.]+"#, "Xapian <version>"),
        ])
    }

    @Test func indexReportsOnStandardErrorThenStatsActorsAndSearchPrintTheirWriters() throws {
        let dir = try corpus()
        let index = ["--index", dir.path("idx")]
        let indexed = try EndToEndTests.dossier(["index", dir.path("news")] + index)
        #expect(indexed.status == 1)
        #expect(indexed.stdout == "")
        #expect(normalised(indexed.stderr, in: dir) == """
            skipped: <dir>/news/empty.txt: no text in the file; skipped
            2 files, 1 article indexed, 2 passages, 0 unchanged, 1 skipped in <s>s
            index <dir>/idx: 2 passages

            """)

        let stats = try EndToEndTests.dossier(["stats"] + index)
        #expect(stats.status == 0)
        #expect(normalised(stats.stdout, in: dir) == """
            index           <dir>/idx
            files           1
            articles        1
            passages        2
            actors          0
            published       no dated passages
            mentioned years none
            size on disk    <size>
            last indexed    <time>
            schema          version 4, Xapian <version>

            """)

        let actors = try EndToEndTests.dossier(["actors"] + index)
        #expect(actors.status == 0)
        #expect(actors.stdout == "no actors in the index\n")

        // IneB2 (c = 0.75), the default: the paragraph is 11 terms long (a word and its stem for
        // each word but the stop word "the", plus the title's 4 prefixed terms), the title
        // passage 8, so tfn = log2(1 + 0.75 × 9.5 / 11) = 0.7205, ne = 2 (1 - e^-0.5) = 0.787
        // and the weight is (F + 1) / (n (tfn + 1)) × tfn × log2((N + 1) / (ne + 0.5))
        // = 2 / 1.7205 × 0.7205 × log2(3 / 1.287) = 1.0226.
        let search = try EndToEndTests.dossier(["search", "ceasefire"] + index)
        #expect(search.status == 0)
        #expect(normalised(search.stdout, in: dir) == """
            1 passage for: ceasefire, counted exactly

            **1. Talks resume**
               undated · <dir>/news/a.txt ¶1 · score 1.02
               The **ceasefire** held overnight.


            """)
    }

    @Test func indexJSONIsTheOnlyThingOnStandardOutput() throws {
        let dir = try corpus()
        let indexed = try EndToEndTests.dossier(["index", dir.path("news"), "--index", dir.path("idx"), "--json"])
        #expect(indexed.status == 1)
        #expect(indexed.stderr == "")
        #expect(normalised(indexed.stdout, in: dir) == """
            {
              "articles" : 1,
              "files" : 2,
              "format_version" : 1,
              "index" : "<dir>/idx",
              "index_passages" : 2,
              "interrupted" : false,
              "passages" : 2,
              "removed_articles" : 0,
              "retagged_files" : 0,
              "seconds" : <s>,
              "skipped" : [
                {
                  "file" : "<dir>/news/empty.txt",
                  "message" : "no text in the file; skipped"
                }
              ],
              "unchanged_files" : 0,
              "warnings" : [

              ]
            }

            """)
    }
}
