import Foundation

/// A buffered UTF-8 text destination: standard output, a file, or any consumer of chunks (an
/// HTTP response, `dossier serve`).
///
/// Writes are buffered in chunks of `chunkSize` bytes (64 KiB by default) so that exporting
/// 100,000 hits costs a few hundred system calls, not one per line; a streaming consumer gets
/// one chunk at a time, so memory stays at about one chunk however long the export.
public final class OutputSink {
    private let deliver: (Data) throws -> Void
    private let finish: () throws -> Void
    private var buffer = Data()
    private let chunkSize: Int

    /// Writes to standard output.
    public static func standardOutput() -> OutputSink {
        OutputSink(chunkSize: 64 * 1024, deliver: { try FileHandle.standardOutput.write(contentsOf: $0) }, finish: {})
    }

    /// Creates (or truncates) the file at `path` and writes to it.
    /// - Throws: when the file cannot be created.
    public static func file(_ path: String) throws -> OutputSink {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        return OutputSink(chunkSize: 64 * 1024, deliver: { try handle.write(contentsOf: $0) }, finish: { try handle.close() })
    }

    /// Hands each chunk of about `chunkSize` bytes to `deliver` (which may block, to slow the
    /// writer down to its consumer, or throw, to stop it), then calls `finish` on `close()`.
    public init(chunkSize: Int = 64 * 1024, deliver: @escaping (Data) throws -> Void, finish: @escaping () throws -> Void = {}) {
        self.chunkSize = max(1, chunkSize)
        self.deliver = deliver
        self.finish = finish
    }

    /// Appends text.
    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= chunkSize { try flush() }
    }

    /// Writes out what is buffered.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try deliver(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and finishes (closes a file).
    public func close() throws {
        try flush()
        try finish()
    }
}

/// Collects everything written to an `OutputSink` in memory: for a response that is built
/// whole (a page of hits, counts) before it is sent.
public final class CollectedOutput {
    /// What was written and flushed.
    public private(set) var data = Data()
    /// The sink that appends here.
    public lazy var sink = OutputSink(deliver: { [unowned self] in self.data.append($0) })

    /// Creates an empty collection.
    public init() {}
}
