import Output
import Foundation
import Testing
import TestSupport
@testable import Search

/// The human-readable writers, character for character, on the hand-written fixture index
/// (`TestSupport/FixtureIndex.swift`): the hit list of `search` (summary line, facet panel,
/// hits with `**marked**` highlights, the paging line), `actors` and `stats`. Only what varies
/// between runs is blanked (`FixtureOutput`).
@Suite struct ExactTextOutputTests {
    private func engine() throws -> SearchEngine { try SearchEngine(indexPath: try FacetTests.fixture.get().path) }

    /// What `dossier search --weighting bm25 --other-passages 0.2` prints for `request` off a
    /// terminal (no styling), built as the CLI builds it (`ExportPlan`, then the format's
    /// writer). Those ranking parameters (the defaults before IneB2) because the scores below
    /// were written with them: these tests pin the layout, and the default ranking's scores
    /// are tested in `ArticleRankingTests`, `EnquireTests` and `ExactOutputCLITests`.
    private func search(_ request: SearchRequest, format: OutputFormat = .text) throws -> String {
        var request = request
        request.ranking = RankingParameters(weighting: .bm25, k1: 1.6, b: 0.75, c: 0.75, otherPassages: 0.2, title: 0.25)
        let plan = ExportPlan(request: request, format: format, fields: nil)
        let options = ExportOptions(
            fields: plan.fields, request: plan.request, indexPath: "fx", generator: "test", generatedAt: "now", styled: false)
        let engine = try engine()
        return try FixtureOutput.captured { sink in
            _ = try engine.export(plan.request, to: format.makeWriter(sink: sink, options: options))
        }
    }

    /// The order and the scores are BM25's (k1 1.6, b 0.75) on the fixture (ranking is tested in
    /// `ArticleRankingTests` and `XapianStoreTests/EnquireTests`); here they pin the layout.
    @Test func theHitListWithItsFacetPanelAndHighlights() throws {
        #expect(try search(SearchRequest(query: "extradition", facets: [.actor, .source])) == """
            5 passages for: extradition, counted exactly
            actor: Tahawwur Rana 3 · India 1 · Mumbai 1 · Pakistan 1
            source: dawn 3

            **1. Rana extradition hearing**
               2025-01-15 · fx/a1 ¶0 · title · score 1.00
               Rana **extradition** hearing
               actors: Tahawwur Rana (person)

            **2. Undated notes**
               undated · fx/a4 ¶2 · score 0.90
               An **extradition** treaty was signed long ago.

            **3. Undated notes**
               undated · fx/a4 ¶1 · score 0.84
               **Extradition** papers mention Tahawwur Rana and Rana's lawyer.
               actors: Tahawwur Rana (person)

            **4. Year-end review**
               2024-12-31 · fx/a5 ¶1 · score 0.76
               **Extradition** cases of 2008 and 2025 were reviewed, with India and Pakistan.
               actors: India (country), Pakistan (country)
               dates: 2008 → 2008, 2025 → 2025

            **5. Rana extradition hearing**
               2025-01-15 · fx/a1 ¶1 · score 0.75
               Tahawwur Rana, accused in the 26/11 Mumbai attacks, faces **extradition**.
               actors: Tahawwur Rana (person), Mumbai (location)
               dates: 26/11 → 2008-11-26


            """)
    }

    @Test func aPageSaysWhereTheNextStarts() throws {
        #expect(try search(SearchRequest(query: "extradition", limit: 2)) == """
            5 passages for: extradition, counted exactly

            **1. Rana extradition hearing**
               2025-01-15 · fx/a1 ¶0 · title · score 1.00
               Rana **extradition** hearing
               actors: Tahawwur Rana (person)

            **2. Undated notes**
               undated · fx/a4 ¶2 · score 0.90
               An **extradition** treaty was signed long ago.

            Showing 1–2 of 5. More: --offset 2, or --limit all.

            """)
        #expect(try search(SearchRequest(query: "extradition", offset: 7, limit: 2)) == """
            5 passages for: extradition, counted exactly

            --offset 7 is past the last of 5 hits; the last page starts at --offset 4.

            """)
    }

    @Test func everyPassageWithContextAndDates() throws {
        #expect(try search(SearchRequest(query: "", limit: 1, facets: [.publishedYear], context: 1)) == """
            17 passages (no query: every passage), counted exactly
            published-year: 2025 11 · 2024 3

            **1. Rana extradition hearing**
               2025-01-15 · fx/a1 ¶0 · title
               Rana extradition hearing
               ¶1 Tahawwur Rana, accused in the 26/11 Mumbai attacks, faces extradition.
               actors: Tahawwur Rana (person)

            Showing 1–1 of 17. More: --offset 1, or --limit all.

            """)
    }

    @Test func aMisspelledQuerySaysWhatItMeant() throws {
        #expect(try search(SearchRequest(query: "extradtion")) == """
            0 passages for: extradtion, counted exactly
            Did you mean: extradition


            """)
    }

    @Test func articlesWithTheirNextBestPassages() throws {
        var request = SearchRequest(query: "Pakistan", perArticle: 2, limit: 2, facets: [.type])
        request.rank = .articles
        #expect(try search(request) == """
            4 articles (5 passages) for: Pakistan, counted exactly
            (facets count passages)
            type: country 5 · organization 2 · person 2

            **1. India presses Pakistan on terror groups**
               2025-02 · fx/a2 ¶0 · title · score 1.10 · 2 matching passages
               India presses **Pakistan** on terror groups
               actors: India (country), Pakistan (country)
               ¶1 · score 0.64
               India said **Pakistan** must act against LeT and its chief Hafiz Saeed.

            **2. Rana extradition hearing**
               2025-01-15 · fx/a1 ¶3 · score 0.84 · 1 matching passage
               Officials said LeT operatives trained in **Pakistan**.
               actors: Lashkar-e-Taiba (organization), Pakistan (country)

            Showing 1–2 of 4 articles. More: --offset 2, or --limit all.

            """)
    }

    /// The other hit writers on the first two "Pakistan" hits: the Markdown table and the JSON
    /// document with its provenance, default fields.
    @Test func theHitListInMarkdownAndJSON() throws {
        let request = SearchRequest(query: "Pakistan", limit: 2, facets: [.type])
        #expect(try search(request, format: .markdown) == """
            ## Dossier search: `Pakistan`

            5 passages (counted exactly), index `fx`, now

            | rank | score | passage_id | article_id | file | paragraph | kind | title | published | source | actors | dates | text | snippet |
            | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
            | 1 | 0.8359 | fx/a1#3 | fx/a1 | fx/a1 | 3 | paragraph | Rana extradition hearing | 2025-01-15 | Dawn | Lashkar-e-Taiba (organization); Pakistan (country) |  | Officials said LeT operatives trained in Pakistan. | Officials said LeT operatives trained in **Pakistan**. |
            | 2 | 0.7803 | fx/a2#0 | fx/a2 | fx/a2 | 0 | title | India presses Pakistan on terror groups | 2025-02 | The Hindu | India (country); Pakistan (country) |  | India presses Pakistan on terror groups | India presses **Pakistan** on terror groups |


            """)
        #expect(try search(request, format: .json) == """
            {"format_version":1,"generator":"test","generated_at":"now","index":"fx","query":"Pakistan","request":{"filters":{},"limit":2,"match_any":false,"offset":0,"plain":false,"query":"Pakistan","rank":"passages","sort":"relevance"},"total":5,"total_exact":true,"facets_exact":true,"suggestion":null,"facets":{"type":[{"count":5,"value":"country"},{"count":2,"value":"organization"},{"count":2,"value":"person"}]},"rank":"passages","article_total":null,"facets_count":"passages","any_word_total":null,"hint":null,"partial":null,"hits":[
            {"actors":[{"name":"Lashkar-e-Taiba","type":"organization"},{"name":"Pakistan","type":"country"}],"article_id":"fx/a1","dates":[],"file":"fx/a1","kind":"paragraph","paragraph":3,"passage_id":"fx/a1#3","published":"2025-01-15","rank":1,"score":0.8359,"snippet":"Officials said LeT operatives trained in **Pakistan**.","source":"Dawn","text":"Officials said LeT operatives trained in Pakistan.","title":"Rana extradition hearing"},
            {"actors":[{"name":"India","type":"country"},{"name":"Pakistan","type":"country"}],"article_id":"fx/a2","dates":[],"file":"fx/a2","kind":"title","paragraph":0,"passage_id":"fx/a2#0","published":"2025-02","rank":2,"score":0.7803,"snippet":"India presses **Pakistan** on terror groups","source":"The Hindu","text":"India presses Pakistan on terror groups","title":"India presses Pakistan on terror groups"}
            ],"returned":2}

            """)
    }

    // MARK: - actors

    private func actors(ofType type: String? = nil, limit: Int? = nil, _ format: OutputFormat) throws -> String {
        let actors = try engine().actorDirectory().actors(ofType: type, limit: limit)
        return try FixtureOutput.captured { try ActorTable(actors: actors).write(format, to: $0) }
    }

    @Test func theActorListIsAlignedWithAliasesAndCounts() throws {
        #expect(try actors(.text) == """
            Pakistan          country          5
            India             country          3
            Lashkar-e-Taiba   organization     3  (also: Lashkar, LeT)
            Tahawwur Rana     person           3  (also: Rana)
            Delhi             location         2
            Hafiz Saeed       person           2  (also: Saeed)
            Mumbai            location         2
            Sikh separatists  group            1

            """)
        #expect(try actors(ofType: "person", .tsv) == """
            name\ttype\tpassages\taliases
            Tahawwur Rana\tperson\t3\tRana
            Hafiz Saeed\tperson\t2\tSaeed

            """)
        #expect(try actors(ofType: "country", limit: 1, .json) == """
            {"actors":[{"aliases":[],"id":"pakistan","name":"Pakistan","passages":5,"type":"country"}],"format_version":1,"partial":null}

            """)
    }

    // MARK: - stats

    private func statistics(_ format: OutputFormat) throws -> String {
        let stats = try engine().statistics()
        let text = try FixtureOutput.captured { try StatisticsWriter.write(stats, as: format, to: $0) }
        // The fixture's own folder, its size on disk, the Xapian library reading it and the time
        // of its commit vary.
        return FixtureOutput.normalised(text, [
            .path(try FacetTests.fixture.get().path),
            .init(#"(size on disk +).*$"#, "$1<size>"), .init(#""size_bytes" : [0-9]+"#, #""size_bytes" : <size>"#),
            .init(#"Xapian [0-9.]+"#, "Xapian <version>"), .init(#""xapian_version" : "[0-9.]+""#, #""xapian_version" : "<version>""#),
            .init(#"(last indexed +).*$"#, "$1<time>"), .init(#""last_indexed" : "[^"]*""#, #""last_indexed" : "<time>""#),
        ])
    }

    @Test func statisticsInTextAndJSON() throws {
        #expect(try statistics(.text) == """
            index           <index>
            files           0
            articles        5
            passages        17
            actors          8 (2 country, 1 group, 2 location, 1 organization, 2 person)
            published       2024-12-31 to 2025-02-01
            mentioned years 2008 to 2025
            size on disk    <size>
            last indexed    <time>
            schema          version 4, Xapian <version>

            """)
        #expect(try statistics(.json) == """
            {
              "actors" : 8,
              "actors_by_type" : {
                "country" : 2,
                "group" : 1,
                "location" : 2,
                "organization" : 1,
                "person" : 2
              },
              "articles" : 5,
              "files" : 0,
              "format_version" : 1,
              "index" : "<index>",
              "last_indexed" : "<time>",
              "mentioned_from_year" : 2008,
              "mentioned_to_year" : 2025,
              "passages" : 17,
              "published_from" : "2024-12-31",
              "published_to" : "2025-02-01",
              "schema_version" : "4",
              "size_bytes" : <size>,
              "xapian_version" : "<version>"
            }

            """)
    }
}
