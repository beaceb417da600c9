import ArgumentParser
import Foundation
import Search
import Output

extension DossierCommand {
    /// `dossier count [QUERY] [--by DIM [--by DIM]]`: exact numbers of matching passages.
    struct Count: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "count",
            abstract: "Count matching passages exactly, optionally by one or two dimensions.",
            discussion: """
                The query language and filters are those of `dossier search`. Every match is \
                examined, so every number is exact and equals what `dossier search` with the \
                same value as a filter returns.

                  dossier count extradition                 the number of passages
                  dossier count extradition --by actor      a table: actor, count
                  dossier count --by actor --by published-month --format csv
                                                            who appears when: actor x month

                With two --by, rows are the values of the first dimension and columns those of \
                the second; a cell counts the passages holding both. A passage with several \
                actors (or mentioned months) counts in each of their rows (or columns). Date \
                dimensions are listed in time order, others by descending count.

                DIMENSIONS: \(FacetKind.allCases.map(\.rawValue).joined(separator: ", "))
                FORMATS: text, json (with provenance), csv (RFC 4180, spreadsheet-safe), tsv. \
                See Docs/output-schema.md.
                """)

        @OptionGroup var location: IndexLocationOptions

        @OptionGroup var partial: PartialOptions

        @Argument(help: ArgumentHelp("The query (words are joined with spaces); none counts every passage.", valueName: "query"))
        var query: [String] = []

        @OptionGroup(title: "Filters") var filters: FilterOptions

        @Flag(help: "Match passages with any of the words (OR).")
        var any = false

        @Flag(help: "Take the query as words only (as search --plain).")
        var plain = false

        @Option(help: ArgumentHelp("Count passages, or articles (the number of matching articles; not with --by).", valueName: "passages|articles"))
        var rank: RankUnit = .passages

        @Option(help: ArgumentHelp(
            "Count by this dimension; give it twice for a matrix (rows, then columns).", valueName: "dimension"))
        var by: [FacetKind] = []

        @Option(parsing: .unconditional, help: ArgumentHelp("Keep the N most frequent values of each dimension, or 'all'.", valueName: "n|all"))
        var limit: Limit = .all

        @Option(help: ResultKind.counts.formatHelp)
        var format: OutputFormat = ResultKind.counts.defaultFormat

        @Option(name: [.short, .long], help: OutputOptions.outputFileHelp)
        var output: String?

        func validate() throws {
            try ResultKind.counts.validate(format)
            if rank == .articles && !by.isEmpty { throw ValidationError("--rank articles counts articles in all; --by counts passages: use one or the other") }
            if by.count > 2 { throw ValidationError("--by: give one dimension for a table or two for a matrix, not \(by.count)") }
            if case let .count(n) = limit, n < 1 { throw ValidationError("--limit must be a positive number or 'all', not \(n)") }
            try FilterOptions.validate(try request)
        }

        /// The request these options describe (no hits: only counts).
        var request: SearchRequest {
            get throws {
                var request = SearchRequest(query: query.joined(separator: " "), matchAny: any, limit: 0)
                try filters.apply(to: &request)
                request.plain = plain
                request.rank = rank
                return request
            }
        }

        func run() throws {
            try ResultPrinter(location: location.path, outputPath: output, partial: partial).count(try request, by: by, limit: limit.value, format: format)
        }
    }
}
