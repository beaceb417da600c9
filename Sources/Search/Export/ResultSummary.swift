/// The wording of a result summary that every format shares: what the total counts
/// (passages, or articles with `--rank articles`) and the `--plain` hint to use `--any`.
/// One owner, so text, Markdown, JSON, `count` and the CLI's notes on standard error say
/// the same thing.
public enum ResultSummary {
    /// `40 passages`, or with `--rank articles` `12 articles (40 passages)`.
    public static func total(_ results: SearchResults) -> String {
        let passages = "\(results.total) passage\(results.total == 1 ? "" : "s")"
        guard let articles = results.articleTotal else { return passages }
        return "\(articles) article\(articles == 1 ? "" : "s") (\(passages))"
    }

    /// What the facets count, said where they are shown with `--rank articles`.
    public static let facetsCountPassages = "facets count passages"

    /// With `--plain` and no match for all the words: says how many passages have some of
    /// them and how to see them (`--any`); nil otherwise.
    public static func anyWordHint(_ anyWordTotal: Int?) -> String? {
        guard let count = anyWordTotal else { return nil }
        return "No passage has all the words; \(count) passage\(count == 1 ? " has" : "s have") some of them: add --any to rank those."
    }

    /// The line every format with room for a summary shows first for an answer that left out
    /// shards (`PartialAnswer`), so it cannot be missed; nil for a whole answer. Formats without
    /// a summary (CSV, TSV) leave it to the front end (standard error, a distinct exit status).
    public static func partialNote(_ partial: PartialAnswer?) -> String? {
        partial.map { "PARTIAL ANSWER: " + $0.description }
    }
}
