import ArgumentParser
import Foundation
import Output
import Search

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

    /// After an answer is written: when it left out shards (`--allow-partial`), says so on
    /// standard error, which every format has (CSV and TSV have no room for it in-band, and a
    /// line there would break their parsing), and ends with `ExitCodes.partialAnswer`.
    static func finish(partial: PartialAnswer?) throws {
        guard let partial else { return }
        say("dossier: warning: partial answer: \(partial.description)")
        throw ExitCodes.partialAnswer
    }

    /// The documented exit code for an error: the library says what kind of failure it is
    /// (`ErrorCategory`), the CLI only which number each kind gets.
    static func exitCode(for error: any Error) -> ExitCode {
        exitCode(for: ErrorCategory(error))
    }

    /// The exit code of each category (`dossier --help` documents them).
    static func exitCode(for category: ErrorCategory) -> ExitCode {
        switch category {
        case .noInput: return ExitCodes.noInput
        case .badQuery: return ExitCodes.badQuery
        case .locked: return ExitCodes.locked
        case .noPermission: return ExitCodes.noPermission
        case .ioError: return ExitCodes.ioError
        case .interrupted: return ExitCodes.interrupted
        case .internalError: return ExitCodes.internalError
        }
    }
}
