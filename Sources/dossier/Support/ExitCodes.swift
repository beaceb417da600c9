import ArgumentParser

/// The exit codes of `dossier`, defined once and documented in `dossier --help`.
enum ExitCodes {
    /// Some inputs were skipped; everything else succeeded.
    static let partial = ExitCode(1)
    /// The answer leaves out shards that did not answer (`--allow-partial`); it is marked so.
    static let partialAnswer = ExitCode(3)
    /// A malformed query or filter (EX_DATAERR).
    static let badQuery = ExitCode(65)
    /// A missing index or input (EX_NOINPUT).
    static let noInput = ExitCode(66)
    /// An internal error (EX_SOFTWARE).
    static let internalError = ExitCode(70)
    /// The output cannot be created (EX_CANTCREAT).
    static let cannotCreate = ExitCode(73)
    /// An I/O error (EX_IOERR).
    static let ioError = ExitCode(74)
    /// The index is locked by another writer (EX_TEMPFAIL).
    static let locked = ExitCode(75)
    /// The index may not be written by this user, or its file system is read-only (EX_NOPERM).
    static let noPermission = ExitCode(77)
    /// Interrupted by SIGINT.
    static let interrupted = ExitCode(130)
}
