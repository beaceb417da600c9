import Foundation

/// A unique temporary directory, removed when the value is released, or else when the test
/// process exits. Tests run in parallel, so every index lives in its own directory.
///
/// A suite's shared fixture (a `static let` index built once) is never released: Swift does
/// not tear down statics. Every directory is therefore also listed in `LiveDirectories.shared`,
/// which an `atexit` handler sweeps, so a test run leaves nothing behind in the temporary
/// folder (a whole-Reuters fixture is 600 MB).
public final class TemporaryDirectory: @unchecked Sendable {
    /// The directory.
    public let url: URL

    /// Creates an empty directory under the system's temporary folder.
    public init(_ label: String = "dossier") {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        LiveDirectories.shared.insert(url)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
        LiveDirectories.shared.remove(url)
    }

    /// A path inside the directory.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `contents` to `name` inside the directory and returns its path.
    @discardableResult
    public func write(_ name: String, _ contents: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: file)
        return file.path
    }

    /// Writes raw bytes to `name` inside the directory and returns its path.
    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
        return file.path
    }
}

/// The temporary directories that are still in use, removed together when the process exits.
public final class LiveDirectories: @unchecked Sendable {
    /// The process's list, swept by an `atexit` handler installed with its first directory.
    public static let shared = LiveDirectories(sweepingAtExit: true)

    private let lock = NSLock()
    private var urls = Set<URL>()
    private let sweepsAtExit: Bool
    private var handlerInstalled = false

    /// A list of its own (`sweepingAtExit: false`: one that only `removeAll()` empties).
    public init(sweepingAtExit: Bool = false) { sweepsAtExit = sweepingAtExit }

    /// Lists a directory.
    public func insert(_ url: URL) {
        lock.lock()
        defer { lock.unlock() }
        urls.insert(url)
        if sweepsAtExit && !handlerInstalled {
            handlerInstalled = true
            atexit { LiveDirectories.shared.removeAll() }
        }
    }

    /// Takes a directory off the list (it was removed by its owner).
    public func remove(_ url: URL) {
        lock.lock()
        defer { lock.unlock() }
        urls.remove(url)
    }

    /// Whether a directory is listed.
    public func contains(_ url: URL) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return urls.contains(url)
    }

    /// Removes every listed directory from disk and empties the list.
    public func removeAll() {
        lock.lock()
        let all = urls
        urls.removeAll()
        lock.unlock()
        for url in all { try? FileManager.default.removeItem(at: url) }
    }
}
