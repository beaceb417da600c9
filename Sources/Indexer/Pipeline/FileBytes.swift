import Foundation
import XapianStore

/// A file's bytes as the streaming path reads them (`FileReadingStage.forEachChunk`): its own
/// bytes, or what they inflate to when it is gzip-compressed (`.jsonl.gz`), a buffer at a
/// time, so neither is ever held whole.
///
/// The file's raw bytes are hashed as they are read (`hash`), so its fingerprint is the
/// `IndexSchema.stableHash` of the file as stored, whichever way it was read.
final class FileBytes {
    /// The open file and the hash of what has been read of it.
    private final class RawFile {
        let descriptor: Int32
        var hasher = StableHasher()

        init(path: String) throws {
            descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        }

        deinit { close(descriptor) }

        func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            guard buffer.count > 0 else { return 0 }
            while true {
                let count = Glibc.read(descriptor, buffer.baseAddress!, buffer.count)
                if count < 0 && errno == EINTR { continue }
                if count < 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                hasher.update(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
                return count
            }
        }
    }

    private let raw: RawFile
    private let inflater: Gzip.Inflater?

    /// Opens `path`; with `gunzip`, reading yields the decompressed bytes.
    /// - Throws: the system's error when the file cannot be opened.
    init(path: String, gunzip: Bool) throws {
        let raw = try RawFile(path: path)
        self.raw = raw
        inflater = gunzip ? Gzip.Inflater(path: path, input: raw.read(into:)) : nil
    }

    /// Fills `buffer` with the next bytes and returns how many (0 only at the end).
    /// - Throws: the system's read error, or `IndexerError.malformed` for corrupt gzip data.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if let inflater { return try inflater.inflate(into: buffer) }
        return try raw.read(into: buffer)
    }

    /// The next `length` bytes (fewer at the end).
    func prefix(_ length: Int) throws -> Data {
        var bytes = Data(count: length)
        var filled = 0
        try bytes.withUnsafeMutableBytes { (buffer: UnsafeMutableRawBufferPointer) in
            while filled < buffer.count {
                let count = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
                if count == 0 { break }
                filled += count
            }
        }
        return bytes.prefix(filled)
    }

    /// The stable hash of the whole file: what is left of it after the last byte used
    /// (bytes after the end of a gzip stream) is read for the hash only.
    func finishHash() throws -> String {
        var scratch = [UInt8](repeating: 0, count: 64 * 1024)
        while try scratch.withUnsafeMutableBytes({ try raw.read(into: $0) }) > 0 {}
        return raw.hasher.hex
    }
}
