import Foundation
import Output
import Testing

/// The one output vocabulary: which kind of result takes which format, the message for one
/// it does not take, and the one JSON style every document is written in.
@Suite struct OutputFormatTests {
    @Test func eachKindAcceptsItsSubsetAndRefusesTheRest() throws {
        let accepted: [ResultKind: Set<OutputFormat>] = [
            .hits: Set(OutputFormat.allCases), .actors: Set(OutputFormat.allCases),
            .counts: [.text, .json, .csv, .tsv], .batchRows: [.tsv, .csv, .jsonl],
            .statistics: [.text, .json], .indexSummary: [.text, .json], .shardList: [.text, .json],
        ]
        for kind in ResultKind.allCases {
            for format in OutputFormat.allCases {
                let expected = try #require(accepted[kind]).contains(format)
                #expect(((try? format.check(for: kind)) != nil) == expected, "\(format) for \(kind)")
            }
        }
    }

    @Test func defaultsAreTheFormatsTheCommandsHadBefore() {
        #expect(ResultKind.hits.defaultFormat == .text)
        #expect(ResultKind.counts.defaultFormat == .text)
        #expect(ResultKind.batchRows.defaultFormat == .tsv)
        #expect(ResultKind.statistics.defaultFormat == .text)
        #expect(ResultKind.indexSummary.defaultFormat == .text)
    }

    @Test func aRefusedFormatNamesTheOnesThatWork() {
        #expect(throws: OutputFormatError(format: .markdown, kind: .counts)) { try OutputFormat.markdown.check(for: .counts) }
        #expect(OutputFormatError(format: .markdown, kind: .counts).description
            == "--format markdown: counts are written as text, json, csv or tsv")
        #expect(OutputFormatError(format: .csv, kind: .statistics).description
            == "--format csv: statistics are written as text or json")
    }

    @Test func everyDocumentCarriesTheOneFormatVersionWithSortedKeys() {
        #expect(JSONStyle.document(["b": 1, "a": "x/y"]) == #"{"a":"x/y","b":1,"format_version":1}"# + "\n")
        #expect(JSONStyle.document(["a": 1], layout: .pretty).contains("\n"))
    }

    @Test func categoriesComeFromTheErrorItself() {
        struct Locked: CategorisedError { var category: ErrorCategory { .locked } }
        struct Unknown: Error {}
        #expect(ErrorCategory(Locked()) == .locked)
        #expect(ErrorCategory(Unknown()) == .internalError)
    }
}
