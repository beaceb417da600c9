import ArgumentParser
import Search

/// `--rank` and the ranking parameters, shared by `search` and `batch`. The parameters'
/// defaults are `RankingParameters.standard` (chosen by measurement, Docs/ranking.md).
struct RankingOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Rank passages, or articles by the evidence of all their matching passages (one hit per article).",
        valueName: "passages|articles"))
    var rank: RankUnit = .passages

    @Option(name: .customLong("bm25-k1"), help: ArgumentHelp(
        "BM25 term-frequency saturation k1 (0 or more).", valueName: "x"))
    var k1 = RankingParameters.standard.k1

    @Option(name: .customLong("bm25-b"), help: ArgumentHelp("BM25 length normalisation b (0 to 1).", valueName: "x"))
    var b = RankingParameters.standard.b

    @Option(name: .customLong("other-passages"), help: ArgumentHelp(
        "--rank articles: the share of each matching passage after the best that adds to an article's score.",
        valueName: "x"))
    var otherPassages = RankingParameters.standard.otherPassages

    @Option(name: .customLong("title-weight"), help: ArgumentHelp(
        "--rank articles: the extra share of the title's own weight in an article's score.", valueName: "x"))
    var titleWeight = RankingParameters.standard.title

    func validate() throws {
        if !(k1 >= 0) { throw ValidationError("--bm25-k1 must be 0 or more") }
        if !(0...1).contains(b) { throw ValidationError("--bm25-b must be between 0 and 1") }
        if !(otherPassages >= 0) { throw ValidationError("--other-passages must be 0 or more") }
        if !(titleWeight >= 0) { throw ValidationError("--title-weight must be 0 or more") }
    }

    /// The parameters as given.
    var parameters: RankingParameters {
        RankingParameters(k1: k1, b: b, otherPassages: otherPassages, title: titleWeight)
    }
}
