import Foundation
import Testing
import TestSupport
@testable import Indexer

/// The closing report of `dossier index` (`IndexSummaryWriter`), character for character, in
/// text and JSON, for a small run with a skipped file, a skipped record and a warning, and for
/// the run after it. Only the seconds and the temporary folder are blanked (`FixtureOutput`).
@Suite struct IndexSummaryOutputTests {
    /// Two runs over the same three small files: what the first wrote, and that the second
    /// found them unchanged.
    static let runs = Result { () throws -> (TemporaryDirectory, IndexSummary, IndexSummary) in
        let dir = TemporaryDirectory("summary")
        try dir.write("news/a.txt", "Talks resume\n\nThe ceasefire held overnight.\n\nDelegates met in Geneva.\n")
        try dir.write("news/empty.txt", "")
        try dir.write("news/b.jsonl", [
            #"{"id": "b1", "title": "Rain in Sindh", "text": "Rain fell for days."}"#,
            #"{"title": "No body"}"#,
            #"{"id": "b1", "title": "Rain again", "text": "More rain."}"#,
        ].joined(separator: "\n") + "\n")
        let options = IndexingOptions(indexPath: dir.path("idx"))
        let first = try IndexingRun(options: options).run(paths: [dir.path("news")])
        let second = try IndexingRun(options: options).run(paths: [dir.path("news")])
        return (dir, first, second)
    }

    private func text(_ summary: IndexSummary, quiet: Bool = false) throws -> String {
        let dir = try Self.runs.get().0
        let lines = IndexSummaryWriter.lines(summary, indexPath: dir.path("idx"), quiet: quiet)
        return FixtureOutput.normalised(lines.joined(separator: "\n"), [.path(dir.url.path, as: "<dir>"), .seconds])
    }

    private func json(_ summary: IndexSummary) throws -> String {
        let dir = try Self.runs.get().0
        return FixtureOutput.normalised(
            try IndexSummaryWriter.json(summary, indexPath: dir.path("idx")), [.path(dir.url.path, as: "<dir>"), .jsonSeconds])
    }

    @Test func theTextReportListsWhatWasSkippedThenTheTotals() throws {
        let (_, first, second) = try Self.runs.get()
        #expect(try text(first) == """
            skipped: <dir>/news/b.jsonl:2: no `text`; line skipped
            skipped: <dir>/news/empty.txt: no text in the file; skipped
            warning: <dir>/news/b.jsonl:3: id `b1` already used on line 1; this record is indexed as `news/b.jsonl:3`
            3 files, 3 articles indexed, 7 passages, 0 unchanged, 2 skipped in <s>s
            index <dir>/idx: 7 passages
            """)
        #expect(try text(first, quiet: true) == """
            skipped: <dir>/news/b.jsonl:2: no `text`; line skipped
            skipped: <dir>/news/empty.txt: no text in the file; skipped
            """)
        #expect(try text(second) == """
            skipped: <dir>/news/empty.txt: no text in the file; skipped
            3 files, 0 articles indexed, 0 passages, 2 unchanged, 1 skipped in <s>s
            index <dir>/idx: 7 passages
            """)
    }

    @Test func theJSONReportHasEveryKey() throws {
        let (_, first, _) = try Self.runs.get()
        #expect(try json(first) == """
            {
              "articles" : 3,
              "files" : 3,
              "format_version" : 1,
              "index" : "<dir>/idx",
              "index_passages" : 7,
              "interrupted" : false,
              "passages" : 7,
              "removed_articles" : 0,
              "retagged_files" : 0,
              "seconds" : <s>,
              "skipped" : [
                {
                  "file" : "<dir>/news/b.jsonl",
                  "line" : 2,
                  "message" : "no `text`; line skipped"
                },
                {
                  "file" : "<dir>/news/empty.txt",
                  "message" : "no text in the file; skipped"
                }
              ],
              "unchanged_files" : 0,
              "warnings" : [
                {
                  "file" : "<dir>/news/b.jsonl",
                  "line" : 3,
                  "message" : "id `b1` already used on line 1; this record is indexed as `news/b.jsonl:3`"
                }
              ]
            }

            """)
    }
}
