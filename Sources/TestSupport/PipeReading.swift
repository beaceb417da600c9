import Foundation

/// Reads a child process's pipe to its end, for tests that run the `dossier` binary or a
/// system tool.
///
/// Why not `FileHandle.readDataToEndOfFile()`: Foundation ends it with `try!`, so a read
/// interrupted by a signal (EINTR: the test process receives SIGCHLD while children are
/// killed, as the crash-safety tests do) is a fatal error that takes the whole test process
/// down. Here an interrupted read is simply retried.
public enum PipeReading {
    /// Every byte until end of file on `handle`.
    public static func readAll(_ handle: FileHandle) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let fd = handle.fileDescriptor
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 { data.append(contentsOf: buffer[0..<count]); continue }
            if count < 0 && errno == EINTR { continue }
            return data
        }
    }

    /// Both pipes read at once (standard error on another thread), so that a child writing
    /// much to one while the other is read cannot block on a full pipe.
    public static func readBoth(_ out: FileHandle, _ err: FileHandle) -> (stdout: Data, stderr: Data) {
        // The other thread's result, handed over once the semaphore is signalled.
        final class Box: @unchecked Sendable { var data = Data() }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let reader = Thread {
            box.data = readAll(err)
            done.signal()
        }
        reader.start()
        let stdout = readAll(out)
        done.wait()
        return (stdout, box.data)
    }
}
