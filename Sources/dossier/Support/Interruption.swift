import Foundation
import Synchronization

/// Turns Ctrl-C into a polite request to stop: the indexer finishes the current file,
/// commits, and exits 130. A second Ctrl-C exits at once (the index stays at its last commit).
enum Interruption {
    private static let requested = Atomic<Bool>(false)
    nonisolated(unsafe) private static var source: (any DispatchSourceSignal)?

    /// Starts watching SIGINT.
    static func install() {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            if requested.exchange(true, ordering: .relaxed) {
                FileHandle.standardError.write(Data("\ninterrupted again; stopping now (the index stays at its last commit)\n".utf8))
                exit(130)
            }
            FileHandle.standardError.write(Data("\ninterrupted; committing what is done (Ctrl-C again to stop at once)\n".utf8))
        }
        source.resume()
        Self.source = source
    }

    /// True once Ctrl-C was pressed.
    static var wasRequested: Bool { requested.load(ordering: .relaxed) }
}
