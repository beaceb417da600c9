import Foundation

/// A small tmpfs mounted for one test, to make the operating system refuse writes for real: a
/// full disk (`size` bytes) or a read-only file system (`makeReadOnly()`). Unmounted when
/// released.
///
/// Mounting needs root (or CAP_SYS_ADMIN); `init` returns nil where it is not allowed, and the
/// test then says it skipped that check.
public final class ScratchMount: @unchecked Sendable {
    /// The mount point.
    public let url: URL
    private let holder = TemporaryDirectory("dossier-mount")

    /// Mounts a tmpfs of `size` bytes, or returns nil when this process may not mount.
    public init?(size: Int) {
        url = holder.url.appendingPathComponent("mnt")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        guard Self.run("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", url.path]) else { return nil }
    }

    deinit { _ = Self.run("/usr/bin/umount", ["-l", url.path]) }

    /// A path inside the mount.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Remounts read-only: every write fails with EROFS, even for root.
    public func makeReadOnly() -> Bool { Self.run("/usr/bin/mount", ["-o", "remount,ro", url.path]) }

    /// Remounts read-write with a new size (to free space after a full disk).
    public func resize(to size: Int) -> Bool { Self.run("/usr/bin/mount", ["-o", "remount,rw,size=\(size)", url.path]) }

    /// Runs a command quietly; true when it exits 0.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: tool) else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
