import ArgumentParser

/// The `dossier` command: index news articles as passages and search them.
@main
struct DossierCommand: AsyncParsableCommand {
    static let version = "0.1.0"
    /// The program and version recorded as `generator` in structured output (CLI and server).
    static let generator = "dossier \(version)"

    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Passage-level full-text search for news: who acts, when, and where it is said.",
        discussion: """
            Dossier splits articles into passages (paragraphs), tags each with its actors and \
            dates, and searches them with BM25 ranking, exact facets and full exports.

              dossier index seeds/ --index news.idx
              dossier search extradition --index news.idx
              dossier search '"Mumbai attack"' --index news.idx --format csv --limit all -o hits.csv
              dossier count extradition --by actor --by published-month --format csv --index news.idx

            The index defaults to $DOSSIER_INDEX, else ./dossier-index.

            EXIT CODES
              0   success
              1   finished, but some inputs were skipped (index) — the summary says which
              3   a partial answer: with --allow-partial, shards that did not answer were left
                  out; the output is marked so (and standard error says which)
              64  usage error: an unknown option or a bad value
              65  the query or a filter is malformed
              66  no index at the path (or an older schema), or an input path does not exist
              70  internal error (please report it)
              73  the output file cannot be created
              74  reading or writing failed (I/O), the disk full included, or a shard does not
                  answer (without --allow-partial): the message says which
              75  the index is being written by another process: try again later
              77  this user may not write the index (permissions, a read-only file system)
              130 interrupted (Ctrl-C) after committing what was done
            """,
        version: version,
        subcommands: [Index.self, Search.self, Count.self, Batch.self, Actors.self, Stats.self, Shards.self, Compact.self, Serve.self, Tag.self]
    )
}
