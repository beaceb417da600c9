import ArgumentParser
import Foundation
import Search

extension DossierCommand {
    /// `dossier search [QUERY]`: ranked passages, facets and exports.
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search",
            abstract: "Search passages; filter, count and export the hits.",
            discussion: """
                QUERY LANGUAGE (default: all words must appear)
                  extradition rana            both words (stemmed: extradite, extradited...)
                  "Mumbai attack"             the exact phrase
                  extradition OR deportation  either word;  AND, NOT, NEAR and ( ) too
                  -deport  +court             exclude / require a word
                  extradit*                   words starting with extradit
                  title:ceasefire             a word of the article title
                  actor:"Tahawwur Rana"       an actor (name, alias, or surname);  type:person
                  source:dawn                 an article source
                  published:2025-01..2025-03  publication dates (year, month or day at each end)
                  mentioned:2008..2008        passages mentioning a date in the range
                With no query, every passage matches (useful with filters and facets).
                Actor aliases and names are synonyms, with their case: LeT also finds passages \
                naming Lashkar-e-Taiba (the word "let" is not expanded). A word the index does \
                not know gets a "Did you mean". Ranges take a year, a month or a day at either \
                end; a date matches when it lies wholly inside.

                FACETS are counted exactly over every match (before --per-article), and each \
                count equals the total of the same search filtered by that value \
                (--actor VALUE, --source VALUE, --from/--to VALUE...).

                EXAMPLES
                  dossier search extradition
                  dossier search '"Mumbai attack"' --format json
                  dossier search extradition --format csv --limit all -o hits.csv
                  dossier search ceasefire --facet actor --facet published-month
                  dossier search --any 'who was extradited for the Mumbai attacks'
                  dossier search --plain --any --rank articles 'WHO WAS EXTRADITED FOR THE ATTACKS?'

                RANKING: passages by IneB2 (default; --weighting bm25 for BM25), or --rank articles: one hit per article, \
                scored by its best passage plus a share of its other matching passages and of \
                its title (Docs/ranking.md); --offset and --limit then count articles, and the \
                facets still count passages. --plain reads a pasted question as words only.

                OUTPUT: text (bold highlights on a terminal), json, jsonl, csv (RFC 4180, \
                spreadsheet-safe), tsv, markdown. Fields and versioning: Docs/output-schema.md.
                """)

        @OptionGroup var location: IndexLocationOptions

        @OptionGroup var partial: PartialOptions

        @Argument(help: ArgumentHelp("The query (words are joined with spaces).", valueName: "query"))
        var query: [String] = []

        @OptionGroup(title: "Filters") var filters: FilterOptions

        @Flag(help: "Match passages with any of the words (OR); those matching more words rank first.")
        var any = false

        @Flag(help: "Take the query as words only: no operators, phrases or field prefixes, case-folded (a pasted question).")
        var plain = false

        @OptionGroup(title: "Ranking") var ranking: RankingOptions

        @Option(help: "Result order.")
        var sort: SearchRequest.Order = .relevance

        @Option(parsing: .unconditional, help: ArgumentHelp(
            "Keep the N best passages of each article (Xapian collapse); with --rank articles, show N per article (default 1).",
            valueName: "n"))
        var perArticle: Int?

        @Option(parsing: .unconditional, help: ArgumentHelp("Show N neighbouring paragraphs on each side of a hit.", valueName: "n"))
        var context = 0

        @Option(help: ArgumentHelp("Count matches by this facet (repeatable): \(FacetKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "facet"))
        var facet: [FacetKind] = []

        @Option(parsing: .unconditional, help: ArgumentHelp("Values shown per facet.", valueName: "n"))
        var facetLimit = 10

        @Option(parsing: .unconditional, help: ArgumentHelp("Hits to return: a number, or 'all'.", valueName: "n|all"))
        var limit: Limit = .count(10)

        @Option(parsing: .unconditional, help: ArgumentHelp("Hits to skip.", valueName: "n"))
        var offset = 0

        @Option(parsing: .unconditional, help: ArgumentHelp("Snippet length in bytes.", valueName: "n"))
        var snippetLength = 240

        @OptionGroup(title: "Output") var output: OutputOptions

        func validate() throws { try FilterOptions.validate(try request) }

        /// The request these options describe.
        var request: SearchRequest {
            get throws {
                var request = SearchRequest(
                    query: query.joined(separator: " "), matchAny: any, order: sort, perArticle: perArticle,
                    offset: offset, limit: limit.value, facets: facet, facetLimit: facetLimit,
                    snippetLength: snippetLength, context: context)
                try filters.apply(to: &request)
                request.plain = plain
                request.rank = ranking.rank
                request.ranking = ranking.parameters
                return request
            }
        }

        func run() throws {
            try ResultPrinter(location: location.path, outputPath: output.output, partial: partial).search(try request, output: output)
        }
    }
}
