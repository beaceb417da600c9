import ArgumentParser
import Search

/// `--allow-partial`, shared by the commands that answer from an index (`search`, `count`,
/// `batch`, `actors`): the one place the CLI opens a search engine.
struct PartialOptions: ParsableArguments {
    @Flag(help: ArgumentHelp(
        "When shards of a sharded index do not answer (down, timed out), answer from the others, marked partial "
            + "in the output and on standard error, with exit status 3, instead of failing (exit 74)."))
    var allowPartial = false

    /// The engine for the index at `location`; a failure is reported and mapped to its exit code.
    func openEngine(_ location: String) throws -> SearchEngine {
        do { return try SearchEngine(indexPath: location, allowPartial: allowPartial) } catch { throw Diagnostics.fail(error) }
    }
}
