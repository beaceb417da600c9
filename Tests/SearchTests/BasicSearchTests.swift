import Foundation
import Testing
import TestSupport
@testable import Search
import Indexer

/// Basic search on the seed articles: indexing, spelling, stemming, phrases, title:, boolean
/// operators and wildcards, totals, paging, date filters and order, --per-article, context,
/// errors and re-indexing.
@Suite struct BasicSearchTests {
    static let shared = Result { try SeedIndex() }

    private func engine() throws -> SearchEngine { try SearchEngine(indexPath: try Self.shared.get().path) }

    private func articles(_ query: String) throws -> Set<String> {
        let results = try engine().search(SearchRequest(query: query, limit: nil))
        return Set(results.hits.map { String($0.record.articleID.dropFirst("seeds/".count).prefix(3)) })
    }

    @Test func indexingTheSeedsGivesEveryPassage() throws {
        let summary = try Self.shared.get().summary
        #expect(summary.files == 5)
        #expect(summary.articles == 5)
        #expect(summary.passages == 75)
        #expect(summary.indexPassages == 75)
        #expect(summary.skipped.isEmpty)
    }

    @Test func theIndexingPipelineFillsTheSpellingDictionary() throws {
        // SeedIndex runs the real two-thread pipeline: documents are built on the reading
        // thread and the writer counts their words into the dictionary at each commit.
        #expect(try engine().search(SearchRequest(query: "extradtion")).suggestion == "extradition")
        #expect(try engine().search(SearchRequest(query: "Pakistn India")).suggestion == "pakistan India")
        #expect(try engine().search(SearchRequest(query: "extradition")).suggestion == nil)
    }

    @Test func wordsTheIndexHoldsAreNeverCorrected() throws {
        // Xapian's own suggestion for each of these is a close, more frequent word ("attack"
        // -> "attacks", "accept" -> "accepted"); the index holds them, so nothing is suggested.
        for query in ["attack", "accept", "Afghanistan's", "attack OR accept", "(attack)"] {
            #expect(try engine().search(SearchRequest(query: query)).suggestion == nil, "\(query)")
        }
        // In a query mixing both, only the unknown word is corrected.
        #expect(try engine().search(SearchRequest(query: "attack extradtion")).suggestion == "attack extradition")
    }

    @Test func extraditionIsInArticles000To003Only() throws {
        // 004 speaks of deportation, never of extradition.
        #expect(try articles("extradition") == ["000", "001", "002", "003"])
    }

    @Test func stemmingFindsOtherFormsOfTheWord() throws {
        // "extradited" appears only in 002 ¶5; "extraditing" only in 000 ¶1.
        let hits = try engine().search(SearchRequest(query: "extradite", limit: nil)).hits.map(\.record.passageID)
        #expect(hits.contains("seeds/002_ac8e7da8cf1e7b68.txt#5"))
        #expect(hits.contains("seeds/000_42a8fda8fa49b027.txt#1"))
    }

    @Test func aPhraseMatchesOnlyTheExactPhrase() throws {
        let phrase = try engine().search(SearchRequest(query: "\"Mumbai attack\"", limit: nil)).hits
        #expect(phrase.map(\.record.passageID) == ["seeds/001_f3c88dd9614d55cf.txt#1"])
        #expect(phrase.first?.snippet.marked(open: "[", close: "]").contains("[Mumbai attack]") == true)
        // Without quotes the words may be apart: "Mumbai terror attack", "Mumbai attacks".
        #expect(try engine().search(SearchRequest(query: "Mumbai attack", limit: nil)).total > phrase.count)
    }

    @Test func titleSearchesOnlyTitles() throws {
        let results = try engine().search(SearchRequest(query: "title:noncompliance", limit: nil))
        #expect(Set(results.hits.map(\.record.articleID)) == ["seeds/000_42a8fda8fa49b027.txt"])
        #expect(results.total == 6)  // every passage of the article whose title has the word
        #expect(try engine().search(SearchRequest(query: "title:mujahid", limit: nil)).total == 0)
    }

    @Test func booleanOperatorsAndWildcards() throws {
        #expect(try articles("extradition OR deportation") == ["000", "001", "002", "003", "004"])
        #expect(try articles("extradition -Rana") == ["000", "001", "002", "003"])
        #expect(try articles("extradition NOT Rana").count == 4)
        #expect(try articles("deport*") == ["002", "003", "004"])
    }

    @Test func emptyQueryMatchesEveryPassageAndTotalsAreExact() throws {
        let results = try engine().search(SearchRequest(query: "", limit: 5))
        #expect(results.total == 75)
        #expect(results.totalIsExact)
        #expect(results.hits.count == 5)
        #expect(results.hits.map(\.rank) == [1, 2, 3, 4, 5])
    }

    @Test func pagesConcatenateToTheWholeList() throws {
        let all = try engine().search(SearchRequest(query: "pakistan", limit: nil)).hits.map(\.record.passageID)
        var paged: [String] = []
        for offset in stride(from: 0, to: all.count, by: 7) {
            paged += try engine().search(SearchRequest(query: "pakistan", offset: offset, limit: 7)).hits.map(\.record.passageID)
        }
        #expect(paged == all)
        #expect(all.count > 20)
    }

    @Test func publishedDateFilterAndNewestSort() throws {
        let july = try engine().search(SearchRequest(query: "", publishedFrom: "2025-07", publishedTo: "2025-07", limit: nil))
        #expect(july.total == 6)
        #expect(Set(july.hits.map(\.record.published)) == ["2025-07-05"])
        let newest = try engine().search(SearchRequest(query: "pakistan", order: .newest, limit: 1))
        #expect(newest.hits.first?.record.published == "2025-11-02")
    }

    @Test func perArticleKeepsTheBestPassagesOfEachArticle() throws {
        // "pakistan" is in 000, 001, 002 and 004; 003 only says "Pakistani", a different stem.
        let results = try engine().search(SearchRequest(query: "pakistan", perArticle: 1, limit: nil))
        #expect(results.hits.count == 4)
        #expect(Set(results.hits.map { String($0.record.articleID.dropFirst(6).prefix(3)) }) == ["000", "001", "002", "004"])
        let two = try engine().search(SearchRequest(query: "pakistan", perArticle: 2, limit: nil))
        #expect(two.hits.count == 8)
    }

    @Test func contextAddsNeighbouringParagraphs() throws {
        let hit = try #require(try engine().search(SearchRequest(query: "\"Mumbai attack\"", limit: 1, context: 1)).hits.first)
        #expect(hit.context.map(\.paragraph) == [0, 2])
    }

    @Test func malformedQueriesAreReportedWithTheQuery() throws {
        #expect(throws: SearchError.self) { try engine().search(SearchRequest(query: "extradition AND")) }
        #expect {
            try engine().search(SearchRequest(query: "extradition AND"))
        } throws: { "\($0)".contains("extradition AND") }
        // Xapian's parser closes an unclosed parenthesis itself: the query is the bracketed word.
        #expect(try engine().search(SearchRequest(query: "(extradition", limit: nil)).hits.map(\.record.passageID)
            == engine().search(SearchRequest(query: "extradition", limit: nil)).hits.map(\.record.passageID))
        #expect(throws: SearchError.invalidFilter(option: "--from/--to", value: "soon..", message: "published range: 'soon' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")) {
            try engine().search(SearchRequest(query: "", publishedFrom: "soon"))
        }
    }

    @Test func aMissingIndexIsIndexNotFound() {
        #expect(throws: SearchError.indexNotFound(path: "/nonexistent/dossier")) {
            _ = try SearchEngine(indexPath: "/nonexistent/dossier")
        }
    }

    @Test func reindexingTheSameFilesChangesNothing() throws {
        let dir = TemporaryDirectory()
        let options = IndexingOptions(indexPath: dir.path("idx"))
        let first = try IndexingRun(options: options).run(paths: [Paths.seeds.path])
        let second = try IndexingRun(options: options).run(paths: [Paths.seeds.path])
        #expect(first.passages == 75)
        #expect(second.unchangedFiles == 5)
        #expect(second.passages == 0)
        #expect(second.indexPassages == 75)
    }

    @Test func aChangedFileReplacesItsPassages() throws {
        let dir = TemporaryDirectory()
        let file = try dir.write("news/a.txt", "A title\n\nFirst paragraph about ceasefire talks.\n\nSecond paragraph.\n")
        let options = IndexingOptions(indexPath: dir.path("idx"))
        _ = try IndexingRun(options: options).run(paths: [dir.path("news")])
        try "A title\n\nOnly paragraph now, about elections.\n".write(toFile: file, atomically: true, encoding: .utf8)
        let second = try IndexingRun(options: options).run(paths: [dir.path("news")])
        #expect(second.indexPassages == 2)
        let engine = try SearchEngine(indexPath: dir.path("idx"))
        #expect(try engine.search(SearchRequest(query: "ceasefire")).total == 0)
        #expect(try engine.search(SearchRequest(query: "elections")).total == 1)
    }
}
