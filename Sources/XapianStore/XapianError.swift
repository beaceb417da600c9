/// An error raised by Xapian (or by the shim around it), carried into Swift as a value.
///
/// Every C++ exception is caught in `CXapianShim` and classified by its Xapian class family;
/// `code` is that family, `xapianType` the concrete class (`DatabaseLockError`), `message`
/// Xapian's own words, and `operation` what Dossier was doing.
public struct XapianError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The family of a Xapian error, which says what the caller can do about it.
    public enum Code: Int32, Sendable, Equatable {
        /// Something unclassified (a `std::exception`, an unknown throw).
        case other = 1
        /// `DatabaseNotFoundError`, or `DatabaseOpeningError`: there is no index at the path.
        case databaseNotFound = 2
        /// `DatabaseLockError`: another process is writing the index.
        case databaseLocked = 3
        /// `DatabaseCorruptError`: the index is damaged.
        case databaseCorrupt = 4
        /// `DatabaseModifiedError`: a reader's revision was discarded; reopen and retry.
        case databaseModified = 5
        /// `DatabaseVersionError`: the index was written by an incompatible Xapian.
        case databaseVersion = 6
        /// Any other `DatabaseError` (I/O failure, closed database).
        case database = 7
        /// `QueryParserError`: the query text is malformed.
        case queryParse = 8
        /// `InvalidArgumentError`, `InvalidOperationError`, `UnimplementedError`.
        case invalidArgument = 9
        /// `RangeError`, `DocNotFoundError`: a position or id that does not exist.
        case notFound = 10
        /// `std::bad_alloc`.
        case outOfMemory = 11
        /// `WildcardError`: a wildcard expands to too many terms.
        case wildcard = 12
    }

    /// The error's family.
    public var code: Code
    /// Xapian's class name (`DatabaseLockError`), or `std::exception` and the like.
    public var xapianType: String
    /// Xapian's message.
    public var message: String
    /// What Dossier was doing, e.g. `opening index at /tmp/x`.
    public var operation: String

    /// Creates an error value.
    public init(code: Code, xapianType: String, message: String, operation: String) {
        self.code = code
        self.xapianType = xapianType
        self.message = message
        self.operation = operation
    }

    /// One line: what failed, in Xapian's words, and while doing what.
    public var description: String {
        switch code {
        case .databaseNotFound:
            return "no index found (\(operation)): \(message); create one with `dossier index PATH --index DIR`"
        case .databaseLocked:
            return "the index is being written by another process (\(operation)); wait for it to finish and try again"
        case .databaseCorrupt:
            return "the index is damaged (\(operation)): \(message); rebuild it with `dossier index --rebuild`"
        default:
            return "\(operation): \(xapianType): \(message)"
        }
    }
}

/// Lets callers match an error by family: `catch XapianError.Code.databaseLocked { ... }`.
public func ~= (code: XapianError.Code, error: any Error) -> Bool {
    (error as? XapianError)?.code == code
}
