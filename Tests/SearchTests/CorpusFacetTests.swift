import Output
import Tagger
import CSV
import Foundation
import Indexer
import NewsModel
import TestSupport
import Testing
@testable import Search

/// The done-criterion on real wire copy: on a Reuters-21578 subset, every actor facet count
/// equals the total of the same query filtered by that actor, and a full CSV export has every
/// hit. Actors come from a small keyword tagger defined here, so the test does not depend on
/// the news tagger's output; `U.S.` is an alias, exercising alias resolution on real text.
@Suite("Facets and export on a real corpus (Reuters-21578)")
struct CorpusFacetTests {
    static let files = ["reut2-000.sgm.gz"].map {
        Paths.corpora.appendingPathComponent("reuters21578").appendingPathComponent($0)
    }
    static var present: Bool { files.allSatisfy { FileManager.default.fileExists(atPath: $0.path) } }
    static let absent = Comment(rawValue: "Reuters-21578 not found under \(Paths.corpora.path)/reuters21578; set DOSSIER_CORPORA to the folder holding reuters21578/")

    /// Tags a fixed list of names wherever their text appears (word-bounded).
    struct KeywordTagger: ArticleTagger {
        var fingerprint: String { "test-keyword" }
        static let names: [(text: String, actor: ActorTag)] = [
            ("U.S.", ActorTag(name: "United States", type: .country)),
            ("United States", ActorTag(name: "United States", type: .country)),
            ("Japan", ActorTag(name: "Japan", type: .country)),
            ("OPEC", ActorTag(name: "OPEC", type: .organization)),
            ("Reagan", ActorTag(name: "Ronald Reagan", type: .person)),
            ("Baker", ActorTag(name: "James Baker", type: .person)),
            ("New York", ActorTag(name: "New York", type: .location)),
            ("Federal Reserve", ActorTag(name: "Federal Reserve", type: .organization)),
            ("Brazil", ActorTag(name: "Brazil", type: .country)),
            ("Saudi Arabia", ActorTag(name: "Saudi Arabia", type: .country)),
        ]

        func tag(_ article: Article) -> TaggedArticle {
            var aliases: [ActorTag: Set<String>] = [:]
            let passages = article.passages.map { passage -> TaggedPassage in
                var actors: [ActorTag] = []
                for (text, actor) in Self.names where Self.contains(passage.text, word: text) && !actors.contains(actor) {
                    actors.append(actor)
                    if text != actor.name { aliases[actor, default: []].insert(text) }
                }
                return TaggedPassage(passage: passage, actors: actors)
            }
            return TaggedArticle(article: article, passages: passages, aliases: aliases)
        }

        static func contains(_ text: String, word: String) -> Bool {
            var search = text[...]
            while let range = search.range(of: word) {
                let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
                let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
                if !(before?.isLetter ?? false) && !(after?.isLetter ?? false) { return true }
                search = text[range.upperBound...]
            }
            return false
        }
    }

    static let index = Result { () throws -> (TemporaryDirectory, String) in
        let dir = TemporaryDirectory("reuters-index")
        let path = dir.path("idx")
        let summary = try IndexingRun(options: IndexingOptions(indexPath: path, tagger: KeywordTagger()))
            .run(paths: files.map(\.path))
        // reut2-000.sgm holds 1,000 stories: fewer means the reader lost some, and every test
        // below would then check a smaller corpus than it says.
        guard summary.articles > 900 else { throw CorpusTooSmall(articles: summary.articles) }
        return (dir, path)
    }

    @Test("every actor facet count equals the total filtered by that actor", .enabled(if: present, absent),
          arguments: ["", "oil", "trade OR tariffs", "prices NOT oil"])
    func actorFacetsEqualFilteredTotals(query: String) throws {
        let engine = try SearchEngine(indexPath: try Self.index.get().1)
        let results = try engine.search(SearchRequest(
            query: query, limit: 0, facets: [.actor, .type, .publishedMonth], facetLimit: nil))
        #expect(results.total > 0 && results.totalIsExact && results.facetsAreExact)
        let actors = try #require(results.facets.first { $0.kind == .actor })
        if query.isEmpty { #expect(actors.values.count == 9) }
        for facet in results.facets {
            for value in facet.values {
                let filtered = try engine.search(FacetTests.filtered(SearchRequest(query: query), facet.kind, value)).total
                #expect(filtered == value.count, "\(query) \(facet.kind.rawValue)=\(value.value)")
            }
        }
        // By id too: the JSON's `id` works as --actor.
        for value in actors.values {
            #expect(try engine.search(SearchRequest(query: query, actors: ["=" + value.id!], limit: 0)).total == value.count)
        }
    }

    @Test("--limit all --format csv exports every hit, and the exported actors add up to the facet",
          .enabled(if: present, absent))
    func fullCSVExport() throws {
        let (dir, path) = try Self.index.get()
        let request = SearchRequest(query: "oil OR prices", limit: nil, facets: [.actor], facetLimit: nil)
        let out = dir.path("oil.csv")
        let sink = try OutputSink.file(out)
        let options = ExportOptions(
            fields: ExportField.defaults, request: request, indexPath: path, generator: "t", generatedAt: "n", styled: false)
        let (results, written) = try SearchEngine(indexPath: path, pageSize: 100)
            .export(request, to: OutputFormat.csv.makeWriter(sink: sink, options: options))
        try sink.close()
        #expect(results.total > 300)  // several pages
        #expect(written == results.total)
        let reader = try CSVReader(string: try String(contentsOfFile: out, encoding: .utf8), hasHeaderRow: true)
        let actorsColumn = ExportField.defaults.firstIndex(of: .actors)!
        var rows = 0
        var counted: [String: Int] = [:]
        while let row = reader.next() {
            rows += 1
            let cell = row[actorsColumn]
            for name in Set(cell.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }) {
                counted[String(name[..<name.range(of: " (")!.lowerBound]), default: 0] += 1
            }
        }
        #expect(rows == results.total)
        let facet = Dictionary(uniqueKeysWithValues: results.facets[0].values.map { ($0.value, $0.count) })
        #expect(counted == facet)
    }

    /// The corpus indexed fewer stories than it holds.
    struct CorpusTooSmall: Error, CustomStringConvertible {
        let articles: Int
        var description: String { "reut2-000.sgm.gz indexed as \(articles) articles, expected more than 900" }
    }

    static let newsTagged = Result { () throws -> (TemporaryDirectory, String) in
        let dir = TemporaryDirectory("reuters-news-index")
        let path = dir.path("idx")
        _ = try IndexingRun(options: IndexingOptions(indexPath: path, tagger: NewsTagger(gazetteer: try Gazetteer.bundled(), labeller: try LearnedLabeller.shipped)))
            .run(paths: files.map(\.path))
        return (dir, path)
    }

    @Test("with the news tagger: every actor facet count equals the total filtered by that actor",
          .enabled(if: present, absent))
    func newsTaggerFacetsEqualFilteredTotals() throws {
        let engine = try SearchEngine(indexPath: try Self.newsTagged.get().1)
        let request = SearchRequest(query: "oil", limit: 0, facets: [.actor, .person, .organization, .country], facetLimit: nil)
        let results = try engine.search(request)
        let actors = try #require(results.facets.first { $0.kind == .actor })
        #expect(actors.values.count > 20)
        for facet in results.facets {
            for value in facet.values {
                #expect(try engine.search(FacetTests.filtered(request, facet.kind, value)).total == value.count,
                        "oil \(facet.kind.rawValue)=\(value.value)")
            }
        }
    }

    @Test("an alias typed in the query finds the spelled-out name", .enabled(if: present, absent))
    func aliasAsSynonym() throws {
        let engine = try SearchEngine(indexPath: try Self.index.get().1)
        let spelledOut = try engine.search(SearchRequest(query: "\"United States\"", limit: 0)).total
        let viaAlias = try engine.search(SearchRequest(query: "U.S.", limit: 0)).total
        let tagged = try engine.search(SearchRequest(actors: ["United States"], limit: 0)).total
        #expect(spelledOut > 0)
        #expect(viaAlias >= tagged)
        #expect(viaAlias >= spelledOut)
    }
}
