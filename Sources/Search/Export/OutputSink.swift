import Foundation

/// A buffered UTF-8 text destination: standard output or a file.
///
/// Writes are buffered in 64 KiB chunks so that exporting 100,000 hits costs a few hundred
/// system calls, not one per line.
public final class OutputSink {
    private let handle: FileHandle
    private let closesHandle: Bool
    private var buffer = Data()
    private static let flushThreshold = 64 * 1024

    /// Writes to standard output.
    public static func standardOutput() -> OutputSink { OutputSink(handle: .standardOutput, closesHandle: false) }

    /// Creates (or truncates) the file at `path` and writes to it.
    /// - Throws: when the file cannot be created.
    public static func file(_ path: String) throws -> OutputSink {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        return OutputSink(handle: try FileHandle(forWritingTo: URL(fileURLWithPath: path)), closesHandle: true)
    }

    private init(handle: FileHandle, closesHandle: Bool) {
        self.handle = handle
        self.closesHandle = closesHandle
    }

    /// Appends text.
    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Writes out what is buffered.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and, for files, closes.
    public func close() throws {
        try flush()
        if closesHandle { try handle.close() }
    }
}
