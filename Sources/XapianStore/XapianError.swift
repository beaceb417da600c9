#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Output

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
        /// Any `DatabaseError` caused by the operating system refusing the write: permission
        /// denied (`EACCES`, `EPERM`) or a read-only file system (`EROFS`). Set by
        /// `classifying`, never by the shim.
        case permissionDenied = 13
        /// Any `DatabaseError` caused by a full disk or an exhausted quota (`ENOSPC`,
        /// `EDQUOT`). Set by `classifying`, never by the shim.
        case diskFull = 14
        /// A match ran past the deadline `Enquire.setTimeLimit` set and was stopped.
        case timedOut = 15
        /// `NetworkError` or `NetworkTimeoutError`: a remote shard (`xapian-tcpsrv`) could not be
        /// reached, closed the connection, or did not answer in time.
        case network = 16
    }

    /// The error's family.
    public var code: Code
    /// Xapian's class name (`DatabaseLockError`), or `std::exception` and the like.
    public var xapianType: String
    /// Xapian's message.
    public var message: String
    /// What Dossier was doing, e.g. `opening index at /tmp/x`.
    public var operation: String
    /// The operating system's words for the cause (`No space left on device`), when Xapian
    /// recorded one.
    public var systemError: String?

    /// Creates an error value.
    public init(code: Code, xapianType: String, message: String, operation: String, systemError: String? = nil) {
        self.code = code
        self.xapianType = xapianType
        self.message = message
        self.operation = operation
        self.systemError = systemError
    }

    /// The error for a failure the shim reported in Xapian class `family`, refined by its
    /// operating-system cause: the one place that decides what a failed write means.
    ///
    /// Why: Xapian reports a full disk as a bare `DatabaseError` ("Error writing block 2560",
    /// the cause only in its errno), a directory the user may not create as a
    /// `DatabaseCreateError` (an opening error, like a missing index), and a lock file it may
    /// not create as a `DatabaseLockError` ("Couldn't open lockfile: Permission denied", the
    /// cause only in the text), the class a second writer gets; a commit that fails on a full
    /// disk nests the cause in its message ("Modifications failed (DatabaseError: Error writing
    /// block 3 (No space left on device)), ..."). So the cause is taken from the errno text, or
    /// from the message (after a colon at its end, or in parentheses), compared with this
    /// system's own `strerror` texts; and a lock error is "another process" only when Xapian
    /// says the index is "already locked".
    public static func classifying(
        family: Code, xapianType: String, message: String, systemError: String?, operation: String
    ) -> XapianError {
        var code = family
        if [.database, .databaseNotFound, .databaseLocked, .databaseCorrupt, .other].contains(family) {
            if let cause = causes.first(where: { cause in
                systemError == cause.text || message.hasSuffix(": " + cause.text) || message.contains("(\(cause.text))")
            }) {
                code = cause.code
            } else if family == .databaseLocked && !message.hasSuffix("already locked") {
                code = .database
            }
        }
        return XapianError(code: code, xapianType: xapianType, message: message, operation: operation,
                           systemError: systemError)
    }

    /// The operating-system errors that give a failed write its meaning, in this system's words.
    private static let causes: [(text: String, code: Code)] = [
        (EACCES, Code.permissionDenied), (EPERM, .permissionDenied), (EROFS, .permissionDenied),
        (ENOSPC, .diskFull), (EDQUOT, .diskFull),
    ].map { (String(cString: strerror($0.0)), $0.1) }

    /// Xapian's message with the operating system's words, when they are not already in it.
    private var fullMessage: String {
        guard let systemError, !message.hasSuffix(systemError) else { return message }
        return "\(message): \(systemError)"
    }

    /// One line: what failed, in Xapian's words, and while doing what.
    public var description: String {
        switch code {
        case .databaseNotFound:
            return "no index found (\(operation)): \(message); create one with `dossier index PATH --index DIR`"
        case .databaseLocked:
            return "the index is being written by another process (\(operation)); wait for it to finish and try again"
        case .databaseCorrupt:
            return "the index is damaged (\(operation)): \(fullMessage); rebuild it with `dossier index --rebuild`"
        case .permissionDenied:
            return "cannot write the index (\(operation)): \(fullMessage); this user may not write there: "
                + "change the directory's owner or permissions, or choose another with --index DIR"
        case .diskFull:
            return "the disk is full (\(operation)): \(fullMessage); free some space (or choose an index on "
                + "another disk with --index DIR) and run the same command again: what was committed is kept "
                + "and the rest is redone"
        default:
            return "\(operation): \(xapianType): \(fullMessage)"
        }
    }
}

/// Lets callers match an error by family: `catch XapianError.Code.databaseLocked { ... }`.
public func ~= (code: XapianError.Code, error: any Error) -> Bool {
    (error as? XapianError)?.code == code
}

extension XapianError: CategorisedError {
    /// What kind of failure this is, so front ends choose exit codes and statuses without
    /// knowing the store's error codes.
    public var category: ErrorCategory {
        switch code {
        case .databaseLocked: return .locked
        case .permissionDenied: return .noPermission
        case .diskFull: return .ioError
        case .databaseNotFound: return .noInput
        case .queryParse, .wildcard: return .badQuery
        case .database, .databaseCorrupt, .databaseVersion, .databaseModified, .network: return .ioError
        default: return .internalError
        }
    }
}
