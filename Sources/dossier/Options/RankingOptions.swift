import ArgumentParser
import Search

/// `--rank`, the weighting and the ranking parameters, shared by `search` and `batch`. The
/// defaults are `RankingParameters.standard` (chosen by measurement, Docs/ranking.md).
struct RankingOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Rank passages, or articles by the evidence of all their matching passages (one hit per article).",
        valueName: "passages|articles"))
    var rank: RankUnit = .passages

    @Option(help: ArgumentHelp(
        "How passages are weighted: IneB2 (divergence from randomness, --dfr-c) or BM25 (--bm25-k1, --bm25-b).",
        valueName: Weighting.allCases.map(\.rawValue).joined(separator: "|")))
    var weighting: Weighting = RankingParameters.standard.weighting

    @Option(name: .customLong("dfr-c"), help: ArgumentHelp(
        "IneB2 length normalisation c (more than 0; larger penalises long passages less; default \(RankingParameters.standard.c)).",
        valueName: "x"))
    var c: Double?

    @Option(name: .customLong("bm25-k1"), help: ArgumentHelp(
        "--weighting bm25: term-frequency saturation k1 (0 or more; default \(RankingParameters.standard.k1)).", valueName: "x"))
    var k1: Double?

    @Option(name: .customLong("bm25-b"), help: ArgumentHelp(
        "--weighting bm25: length normalisation b (0 to 1; default \(RankingParameters.standard.b)).", valueName: "x"))
    var b: Double?

    @Option(name: .customLong("other-passages"), help: ArgumentHelp(
        "--rank articles: the share of each matching passage after the best that adds to an article's score.",
        valueName: "x"))
    var otherPassages = RankingParameters.standard.otherPassages

    @Option(name: .customLong("title-weight"), help: ArgumentHelp(
        "--rank articles: the extra share of the title's own weight in an article's score.", valueName: "x"))
    var titleWeight = RankingParameters.standard.title

    func validate() throws {
        // A parameter of another weighting would be ignored: say so rather than rank without it.
        if weighting != .bm25, k1 != nil || b != nil {
            throw ValidationError("--bm25-k1 and --bm25-b apply to --weighting bm25 (this search weighs with \(weighting.rawValue))")
        }
        if weighting == .bm25, c != nil { throw ValidationError("--dfr-c applies to --weighting ineb2, not bm25") }
        if let k1, !(k1 >= 0) { throw ValidationError("--bm25-k1 must be 0 or more") }
        if let b, !(0...1).contains(b) { throw ValidationError("--bm25-b must be between 0 and 1") }
        if let c, !(c > 0) || !c.isFinite { throw ValidationError("--dfr-c must be more than 0") }
        if !(otherPassages >= 0) { throw ValidationError("--other-passages must be 0 or more") }
        if !(titleWeight >= 0) { throw ValidationError("--title-weight must be 0 or more") }
    }

    /// The parameters as given.
    var parameters: RankingParameters {
        let standard = RankingParameters.standard
        return RankingParameters(
            weighting: weighting, k1: k1 ?? standard.k1, b: b ?? standard.b, c: c ?? standard.c,
            otherPassages: otherPassages, title: titleWeight)
    }
}
