import Foundation

/// Gzip-compresses test inputs with the system's `gzip` (on every Debian machine), so tests of
/// `.gz` reading use real gzip streams, not ones written by the code under test.
public enum Gzipped {
    /// `data` as one gzip member (`gzip -c -n`).
    public static func compress(_ data: Data) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-c", "-n"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // Write on another thread: gzip's output pipe can fill before its input is all written.
        let writer = Thread {
            input.fileHandleForWriting.write(data)
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let compressed = PipeReading.readAll(output.fileHandleForReading)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "gzip exited with \(process.terminationStatus)"])
        }
        return compressed
    }
}
