import Foundation

/// What every front end shares about the system's files: the reason to show for a failed
/// file operation, in the system's own words ("Is a directory", "Permission denied") where
/// Foundation's error wraps them, and a read of standard input that cannot crash.
public enum SystemIO {
    /// The readable reason of `error`: a POSIX error's `strerror`, also when Foundation holds
    /// it as the underlying error of its own; else Foundation's description.
    public static func reason(of error: any Error) -> String {
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSCocoaErrorDomain && ns.code == NSFileReadNoPermissionError { return "permission denied" }
        return ns.localizedDescription
    }

    /// Standard input to its end. Foundation's throwing read, not `readDataToEndOfFile()`,
    /// which ends in `try!`: a failed read (standard input is a directory, an I/O error) is
    /// then a message, not a crash.
    /// - Throws: the read's error (give it to `reason(of:)` for the message).
    public static func readStandardInput() throws -> Data {
        try FileHandle.standardInput.readToEnd() ?? Data()
    }
}
