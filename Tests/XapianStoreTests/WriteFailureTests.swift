import Foundation
import Testing
import TestSupport
@testable import XapianStore

/// A write the operating system refuses is reported with its real cause (issue #10, item 6):
/// permission denied or a read-only file system is not "another process", and a full disk is
/// not a bare "Error writing block 2560".
@Suite struct WriteFailureTests {
    /// Xapian errors carrying an errno, raised inside the shim, are classified by that cause.
    @Test(arguments: [
        ("DatabaseError/ENOSPC", XapianError.Code.diskFull, "No space left on device" as String?),
        ("DatabaseCreateError/EACCES", .permissionDenied, "Permission denied"),
        ("DatabaseCreateError/EROFS", .permissionDenied, "Read-only file system"),
        ("DatabaseError", .database, nil),
        ("DatabaseCreateError", .database, nil),
    ])
    func theOperatingSystemsCauseDecides(xapianClass: String, expected: XapianError.Code, cause: String?) {
        do {
            try raiseInShimForTesting(xapianClass)
            Issue.record("no error raised for \(xapianClass)")
        } catch {
            #expect(error.code == expected)
            #expect(error.systemError == cause)
            if let cause { #expect(error.description.contains(cause)) }
        }
    }

    /// Xapian puts the cause of a lock file it could not create in the message only.
    @Test(arguments: [
        ("Unable to get write lock on /x: Couldn't open lockfile: Permission denied", XapianError.Code.permissionDenied),
        ("Unable to get write lock on /x: Couldn't open lockfile: Read-only file system", .permissionDenied),
        ("Unable to get write lock on /x: Couldn't open lockfile: No space left on device", .diskFull),
        ("Unable to get write lock on /x: already locked", .databaseLocked),
        ("Unable to get write lock on /x: locking probably not supported by this FS", .database),
    ])
    func aLockErrorIsAnotherProcessOnlyWhenAlreadyLocked(message: String, expected: XapianError.Code) {
        let error = XapianError.classifying(
            family: .databaseLocked, xapianType: "DatabaseLockError", message: message, systemError: nil, operation: "opening")
        #expect(error.code == expected)
        #expect(error.description.contains("another process") == (expected == .databaseLocked))
    }

    /// A commit that fails on a full disk nests the cause in its message.
    @Test func aNestedCauseCounts() {
        let message = "Modifications failed (DatabaseError: Error writing block 3 (No space left on device)), "
            + "and couldn't open at the old revision: Error writing to file"
        let error = XapianError.classifying(
            family: .database, xapianType: "DatabaseError", message: message, systemError: nil, operation: "committing")
        #expect(error.code == .diskFull)
    }

    @Test func aReadOnlyFileSystemIsReportedAsSuch() throws {
        guard let mount = ScratchMount(size: 4 << 20) else {
            try Test.cancel("skipped the read-only mount check: this process may not mount a tmpfs (needs root or CAP_SYS_ADMIN)")
        }
        _ = try WritableDatabase(path: mount.path("idx"))
        try #require(mount.makeReadOnly())
        for path in [mount.path("idx"), mount.path("new")] {
            #expect {
                _ = try WritableDatabase(path: path)
            } throws: { error in
                let error = error as? XapianError
                return error?.code == .permissionDenied && error?.description.contains("Read-only file system") == true
            }
        }
    }

    @Test func aFullDiskSaysTheDiskIsFull() throws {
        guard let mount = ScratchMount(size: 1 << 20) else {
            try Test.cancel("skipped the full-disk check: this process may not mount a tmpfs (needs root or CAP_SYS_ADMIN)")
        }
        let writer = try WritableDatabase(path: mount.path("idx"))
        var failure: XapianError?
        do {
            for number in 0..<4_000 {
                let document = try Document()
                // Random text: Xapian compresses document data, so repeated text would fit.
                try document.setData((0..<30).map { _ in UUID().uuidString }.joined())
                try writer.replace(uniqueTerm: "Q\(number)", with: document)
                if number % 500 == 499 { try writer.commit() }
            }
            try writer.commit()
        } catch {
            failure = error
        }
        let error = try #require(failure, "1 MB held 4,000 documents of 1 KB of random text")
        #expect(error.code == .diskFull)
        #expect(error.description.hasPrefix("the disk is full"))
        #expect(error.description.contains("No space left on device"))
    }
}
