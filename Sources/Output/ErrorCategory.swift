/// What kind of failure an error is: what a front end needs to choose an exit code or a
/// status without knowing the store's or the indexer's error cases (the CLI imports no
/// `XapianStore`). Each error type says its own category (`CategorisedError`), so the rule
/// for each error has one owner: `XapianError`, `SearchError` and `IndexerError`.
public enum ErrorCategory: Sendable, Equatable {
    /// No index at the path, an index of another schema, or a missing input.
    case noInput
    /// The query or a filter cannot be run as given.
    case badQuery
    /// Another process holds the index's write lock.
    case locked
    /// This user may not write there, or the file system is read-only.
    case noPermission
    /// Reading or writing failed (a damaged index, a full disk, an unwritable output).
    case ioError
    /// The run was stopped (Ctrl-C) after committing what it had done.
    case interrupted
    /// A bug or an error nobody expected.
    case internalError

    /// The category of `error`: its own (`CategorisedError`), or `.internalError`.
    public init(_ error: any Error) {
        self = (error as? any CategorisedError)?.category ?? .internalError
    }
}

/// An error that knows what kind of failure it is.
public protocol CategorisedError: Error {
    /// What kind of failure this is.
    var category: ErrorCategory { get }
}
