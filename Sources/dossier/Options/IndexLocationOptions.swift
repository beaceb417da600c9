import ArgumentParser
import Foundation

/// `--index DIR`, shared by every subcommand.
struct IndexLocationOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("The index directory (default: $DOSSIER_INDEX, else ./dossier-index).", valueName: "dir"))
    var index: String?

    /// The index path to use.
    var path: String {
        if let index, !index.isEmpty { return index }
        if let env = ProcessInfo.processInfo.environment["DOSSIER_INDEX"], !env.isEmpty { return env }
        return "dossier-index"
    }
}
