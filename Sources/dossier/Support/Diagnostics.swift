import ArgumentParser
import Foundation
import Indexer
import Search
import XapianStore

/// Everything the CLI prints to standard error, and the mapping from errors to exit codes.
enum Diagnostics {
    /// True when `handle` is a terminal (colour and progress bars only then).
    static func isTerminal(_ handle: FileHandle) -> Bool { isatty(handle.fileDescriptor) != 0 }

    /// Styling is on for a terminal unless NO_COLOR is set (https://no-color.org).
    static func stylesStandardOutput() -> Bool {
        isTerminal(.standardOutput) && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    /// Prints one line to standard error, control characters escaped (they may come from a
    /// query or a file name).
    static func say(_ line: String) {
        FileHandle.standardError.write(Data((line.escapingControlCharacters(keepingNewlines: true) + "\n").utf8))
    }

    /// Prints `dossier: error: ...` and returns the exit code for `error`.
    static func fail(_ error: any Error) -> ExitCode {
        say("dossier: error: \(error)")
        return exitCode(for: error)
    }

    /// The documented exit code for an error.
    static func exitCode(for error: any Error) -> ExitCode {
        switch error {
        case let error as SearchError:
            switch error {
            case .indexNotFound, .incompatibleIndex: return ExitCodes.noInput
            case .invalidQuery, .onlyStopWords, .invalidFilter, .unknownActor: return ExitCodes.badQuery
            case let .store(inner): return exitCode(for: inner)
            case .output: return ExitCodes.ioError
            }
        case let error as IndexerError:
            switch error {
            case let .store(inner): return exitCode(for: inner)
            case .unreadable, .incompatibleIndex: return ExitCodes.noInput
            case .interrupted: return ExitCodes.interrupted
            default: return ExitCodes.ioError
            }
        case let error as XapianError:
            switch error.code {
            case .databaseLocked: return ExitCodes.locked
            case .databaseNotFound: return ExitCodes.noInput
            case .queryParse, .wildcard: return ExitCodes.badQuery
            case .database, .databaseCorrupt, .databaseVersion, .databaseModified: return ExitCodes.ioError
            default: return ExitCodes.internalError
            }
        default:
            return ExitCodes.internalError
        }
    }
}
