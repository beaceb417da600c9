import Foundation
import Indexer
import NewsModel
import TestSupport
import Testing
import XapianStore
@testable import Search
import Tagger

/// The query language and the filters on the hand-tagged fixture.
@Suite struct QueryLanguageTests {
    /// The fixture plus an untagged article that spells out Lashkar-e-Taiba.
    static let fixture = Result {
        try FixtureIndex(extra: [
            FixtureIndex.article("fx/a6", title: "Banned groups", published: CalendarDate(year: 2025, month: 6, day: 1)!,
                                 source: "Dawn", [("Lashkar-e-Taiba was banned long ago.", [], [])]),
        ])
    }

    private func engine() throws -> SearchEngine { try SearchEngine(indexPath: try Self.fixture.get().path) }

    private func ids(_ query: String, _ configure: (inout SearchRequest) -> Void = { _ in }) throws -> Set<String> {
        var request = SearchRequest(query: query, limit: nil)
        configure(&request)
        return Set(try engine().search(request).hits.map(\.record.passageID))
    }

    // MARK: - Aliases as synonyms

    @Test func anAcronymAlsoFindsTheSpelledOutName() throws {
        // "LeT" (exact case): the passages saying LeT, the ones tagged with the group, and the
        // untagged one spelling it out. The index folds case, so the word as typed also
        // matches "Let the talks resume" (fx/a2 ¶2), exactly as without synonyms: expansion
        // only adds passages.
        #expect(try ids("LeT") == ["fx/a1#2", "fx/a1#3", "fx/a2#1", "fx/a2#2", "fx/a6#1"])
        #expect(try ids("LeT operatives") == ["fx/a1#3"])
        #expect(try ids("-LeT Pakistan").isDisjoint(with: ["fx/a1#3", "fx/a2#1"]))
        #expect(try ids("(LeT OR Delhi) Pakistan") == ["fx/a1#3", "fx/a2#1"])
    }

    @Test func theEnglishWordIsNotExpanded() throws {
        // Lower case is the word "let": it matches the literal word wherever it is (LeT
        // included, since Xapian folds case), but not the spelled-out name.
        let plain = try ids("let")
        #expect(plain.contains("fx/a2#2"))
        #expect(!plain.contains("fx/a1#2"))
        #expect(!plain.contains("fx/a6#1"))
    }

    @Test func theNameAlsoFindsPassagesTaggedUnderAnAlias() throws {
        // a1 ¶3 says only "LeT" but is tagged Lashkar-e-Taiba.
        #expect(try ids("Lashkar-e-Taiba") == ["fx/a1#2", "fx/a1#3", "fx/a2#1", "fx/a6#1"])
        #expect(try ids("\"Tahawwur Rana\"") == ["fx/a1#1", "fx/a4#1"])  // quoted: the phrase only
        #expect(try ids("Tahawwur Rana").isSuperset(of: ["fx/a1#0", "fx/a1#1", "fx/a4#1"]))
    }

    @Test func rewritingLeavesQuotesFieldsAndOperatorsAlone() throws {
        let engine = try engine()
        let table = try AliasSynonyms(database: engine.database, actors: engine.actorLookup())
        var registered: [(key: String, entry: AliasSynonyms.Entry)] = []
        let rewrite = { (query: String) in try table.rewrite(query) { registered.append(($0, $1)) } }
        #expect(try rewrite("LeT attack") == "dossieralias:s0 attack")
        #expect(try rewrite("-LeT (Saeed OR x)") == "-dossieralias:s0 (dossieralias:s1 OR x)")
        #expect(try rewrite("Tahawwur Rana visit") == "dossieralias:s2 visit")
        #expect(try rewrite("\"LeT attack\" title:LeT LeT* let LET") == "\"LeT attack\" title:LeT LeT* let LET")
        #expect(try rewrite("LeT NEAR attack") == "LeT NEAR attack")
        #expect(try rewrite("nothing here") == "nothing here")
        // Each text is registered once, with the actor it names.
        #expect(registered.map(\.key) == ["s0", "s1", "s2"])
        #expect(registered.map(\.entry) == [
            .init(text: "LeT", name: "Lashkar-e-Taiba", id: "lashkar-e-taiba"),
            .init(text: "Saeed", name: "Hafiz Saeed", id: "hafiz-saeed"),
            .init(text: "Tahawwur Rana", name: "Tahawwur Rana", id: "tahawwur-rana"),
        ])
    }

    @Test func aliasHeavyRandomQueriesRunOrFailTyped() throws {
        // Queries full of aliases next to operators, quotes and brackets: each runs or fails
        // with an invalid-query error quoting the query as typed (never the rewritten text).
        let pieces = ["LeT", "-LeT", "+LeT", "(LeT", "LeT)", "Tahawwur", "Rana", "Lashkar-e-Taiba", "Saeed", "Hafiz",
                      "\"", "AND", "OR", "NOT", "NEAR", "NEAR/2", "title:", "actor:", "*", "(", ")", "let", "India", " "]
        var rng = QueryFuzzTests.SeededGenerator(state: 0xA11A5)
        let engine = try engine()
        var ran = 0
        for _ in 0..<400 {
            let query = (0..<Int.random(in: 1...6, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }
                .joined(separator: Bool.random(using: &rng) ? " " : "")
            do {
                _ = try engine.search(SearchRequest(query: query, limit: 2))
                ran += 1
            } catch {
                switch error {
                case let .invalidQuery(quoted, _):
                    #expect(quoted == query.trimmingCharacters(in: .whitespacesAndNewlines))
                case let .unknownActor(name, _, _):
                    // `actor:` glued to the next piece names no actor: said, with the name as typed.
                    #expect(query.contains("actor:\(name)") || query.contains("actor:\"\(name)"), "\(query): \(name)")
                case let .onlyStopWords(quoted, words):
                    // Pieces such as `NOT*` leave only a stop word: said, with the query as typed.
                    #expect(quoted == query.trimmingCharacters(in: .whitespacesAndNewlines) && !words.isEmpty)
                default:
                    Issue.record("\(query): \(error)")
                }
            }
        }
        #expect(ran > 100)
    }

    // MARK: - Spelling

    @Test func unknownWordsGetASuggestion() throws {
        let results = try engine().search(SearchRequest(query: "extradtion treaty"))
        #expect(results.suggestion == "extradition treaty")
        #expect(results.total == 0)
        #expect(try engine().search(SearchRequest(query: "extradition treaty")).suggestion == nil)
        // A suggestion is made for the query as typed, even when aliases were rewritten.
        #expect(try engine().search(SearchRequest(query: "LeT ceasfire")).suggestion == "LeT ceasefire")
    }

    @Test func batchRowsSkipTheSpellingDictionary() throws {
        // `summary` (dossier batch) shows no suggestion, so it does not look one up.
        let engine = try engine()
        #expect(try engine.search(SearchRequest(query: "extradtion")).suggestion == "extradition")
        #expect(try engine.summary(SearchRequest(query: "extradtion"), top: 1).results.suggestion == nil)
    }

    @Test func anIndexWithoutSpellingDataSuggestsNothing() throws {
        let plain = try FixtureIndex(spelling: false)
        #expect(try SearchEngine(indexPath: plain.path).search(SearchRequest(query: "extradtion")).suggestion == nil)
    }

    // MARK: - Operators

    @Test func phrasesNearBooleansWildcardsAndTitles() throws {
        #expect(try ids("\"extradition treaty\"") == ["fx/a4#2"])
        #expect(try ids("Rana NEAR/3 extradition") == ["fx/a1#0"])
        #expect(try ids("papers NEAR lawyer") == ["fx/a4#1"])
        #expect(try ids("ceasefire AND Mumbai") == ["fx/a3#2"])
        #expect(try ids("ceasefire NOT Mumbai") == ["fx/a2#2", "fx/a3#0"])
        #expect(try ids("ceasefire -Mumbai") == ["fx/a2#2", "fx/a3#0"])
        #expect(try ids("(talks OR treaty) -ceasefire") == ["fx/a4#2"])
        #expect(try ids("extradit*").count == 5)
        #expect(try ids("title:ceasefire") == ["fx/a3#0", "fx/a3#1", "fx/a3#2"])
    }

    @Test func anyRanksPassagesMatchingMoreWordsFirst() throws {
        let all = try engine().search(SearchRequest(query: "extradition treaty signed Delhi"))
        #expect(all.total == 0)
        let any = try engine().search(SearchRequest(query: "extradition treaty signed Delhi", matchAny: true, limit: nil))
        #expect(any.total == 7)
        #expect(any.hits.first?.record.passageID == "fx/a4#2")  // three of the four words
        #expect(any.hits.map(\.score) == any.hits.map(\.score).sorted(by: >))
    }

    @Test(arguments: ["extradition AND", "OR ceasefire", "published:2025-13..2026", "mentioned:2008..", "published:2026..2025"])
    func malformedQueriesGiveOneLineNamingTheQuery(query: String) throws {
        do {
            _ = try engine().search(SearchRequest(query: query))
            Issue.record("\(query) was accepted")
        } catch let error as SearchError {
            guard case .invalidQuery(let quoted, let message) = error else { Issue.record("\(error)"); return }
            #expect(quoted == query)
            #expect(!message.isEmpty)
            #expect(!error.description.contains("\n"))
            #expect(error.description.hasPrefix("invalid query \"\(query)\": "))
        }
    }

    // MARK: - Filters: options and fields give the same passages

    @Test(arguments: [
        // (query field, the same filter as options, expected passages)
        ("published:2025..2025", SearchRequest(publishedFrom: "2025", publishedTo: "2025"), 13),
        ("published:2025-01..2025-02", SearchRequest(publishedFrom: "2025-01", publishedTo: "2025-02"), 8),
        ("published:2025-01-15..2025-01-15", SearchRequest(publishedFrom: "2025-01-15", publishedTo: "2025-01-15"), 4),
        ("published:2024-12-31..2025-01", SearchRequest(publishedFrom: "2024-12-31", publishedTo: "2025-01"), 7),
        ("published:2025-02..", SearchRequest(publishedFrom: "2025-02"), 6),
        ("published:..2024", SearchRequest(publishedTo: "2024"), 3),
        ("published:20250101..20250131", SearchRequest(publishedFrom: "20250101", publishedTo: "20250131"), 4),
        ("mentioned:2008..2008", SearchRequest(mentionedFrom: "2008", mentionedTo: "2008"), 3),
        ("mentioned:2008-11..2008-11", SearchRequest(mentionedFrom: "2008-11", mentionedTo: "2008-11"), 2),
        ("mentioned:2008-11-26..2008-11-26", SearchRequest(mentionedFrom: "2008-11-26", mentionedTo: "2008-11-26"), 1),
        ("mentioned:2025-10-27..2025-10-27", SearchRequest(mentionedFrom: "2025-10-27", mentionedTo: "2025-10-27"), 1),
        ("mentioned:2023..2024-06", SearchRequest(mentionedFrom: "2023", mentionedTo: "2024-06"), 1),
        ("mentioned:2025-03..2025", SearchRequest(mentionedFrom: "2025-03", mentionedTo: "2025"), 2),
        ("actor:\"Tahawwur Rana\"", SearchRequest(actors: ["Tahawwur Rana"]), 3),
        ("actor:LeT", SearchRequest(actors: ["LeT"]), 3),
        ("actor:Saeed actor:Pakistan", SearchRequest(actors: ["Saeed", "Pakistan"]), 2),
        ("type:person", SearchRequest(actorTypes: [.person]), 5),
        ("type:group", SearchRequest(actorTypes: [.group]), 1),
        ("source:dawn", SearchRequest(sources: ["dawn"]), 9),
        ("source:\"The Hindu\"", SearchRequest(sources: ["The Hindu"]), 4),
        ("source:dawn source:reuters", SearchRequest(sources: ["Dawn", "Reuters"]), 12),
    ])
    func everyFilterFormAgreesWithItsQueryField(field: String, filters: SearchRequest, expected: Int) throws {
        let option = { (r: inout SearchRequest) in
            let query = r.query
            r = filters
            r.query = query
            r.limit = nil
        }
        let byField = try ids(field)
        let byOption = try ids("", option)
        #expect(byField.count == expected, "\(field)")
        #expect(byField == byOption, "\(field)")
        // Filters restrict a keyword query the same way.
        #expect(try ids("extradition \(field)") == ids("extradition", option))
    }

    @Test func filtersCombineAsXapianFiltersNotText() throws {
        // A source with query syntax in it is a value, not a query.
        #expect(try ids("", { $0.sources = ["dawn OR reuters"] }).isEmpty)
        #expect(try ids("", { $0.actorTypes = [.person]; $0.sources = ["Reuters"] }) == ["fx/a3#1"])
    }

    @Test func anUnknownActorOptionListsTheClosest() throws {
        #expect(throws: SearchError.unknownActor(name: "Tahawur Rana", candidates: [.init(name: "Tahawwur Rana", passages: 3)], ambiguous: false)) {
            try engine().search(SearchRequest(actors: ["Tahawur Rana"]))
        }
    }

    @Test func anIndexOfAnotherSchemaVersionIsRefusedWithAdvice() throws {
        let dir = TemporaryDirectory()
        do {
            let writer = try IndexWriter(path: dir.path("old"))
            try writer.write(FixtureIndex.article("x/1", title: "Old", published: nil, source: nil, [("Old text.", [], [])]))
            try writer.commit()
        }
        do {
            // An index written by an older dossier: only its schema key differs (the writer
            // refuses to write one, so the store writes it directly).
            let store = try WritableDatabase(path: dir.path("old"))
            try store.setMetadata(IndexSchema.MetadataKey.schema, "1")
            try store.commit()
        }
        #expect(throws: SearchError.incompatibleIndex(path: dir.path("old"), version: "1")) {
            _ = try SearchEngine(indexPath: dir.path("old"))
        }
        #expect(SearchError.incompatibleIndex(path: "p", version: "1").description.hasSuffix("rebuild it: `dossier index PATH... --rebuild --index p`"))
    }

    // MARK: - Grouping

    @Test func perArticleKeepsTheBestNOfEachArticle() throws {
        let one = try engine().search(SearchRequest(query: "", perArticle: 1, limit: nil))
        #expect(one.hits.count == 6)
        #expect(Set(one.hits.map(\.record.articleID)).count == 6)
        let two = try engine().search(SearchRequest(query: "Pakistan", perArticle: 2, limit: nil))
        let perArticle = Dictionary(grouping: two.hits, by: \.record.articleID).mapValues(\.count)
        #expect(perArticle.values.allSatisfy { $0 <= 2 })
        #expect(perArticle["fx/a2"] == 2)
        #expect(two.total == two.hits.count)
    }

    @Test func sortNewestAndOldest() throws {
        let newest = try engine().search(SearchRequest(query: "", order: .newest, limit: nil)).hits.compactMap(\.record.published)
        #expect(newest.first == "2025-06-01")
        let oldest = try engine().search(SearchRequest(query: "", order: .oldest, limit: nil)).hits.compactMap(\.record.published)
        #expect(oldest.first == "2024-12-31")
    }

    @Test func contextBringsTheNeighbours() throws {
        let hit = try #require(try engine().search(SearchRequest(query: "operatives", context: 2)).hits.first)
        #expect(hit.context.map(\.paragraph) == [1, 2])
    }
}
