import Foundation
import Output
internal import CZlib

/// Gunzips `.gz` inputs with zlib, whole (`decompress`) or a buffer at a time (`Inflater`).
///
/// Foundation on Linux has no gzip support, and zlib is already on every machine that has
/// libxapian (which links it), so a `.systemLibrary` over zlib costs nothing extra.
public enum Gzip {
    /// The largest decompressed size accepted where no smaller limit is given: far above any
    /// news archive (Reuters-21578's biggest file is 1.4 MB), low enough that a gzip bomb is
    /// refused, not swapped in.
    public static let maximumDecompressedSize = 2 * 1024 * 1024 * 1024

    /// Whether `data` starts with the gzip magic bytes `1f 8b`.
    public static func isGzip(_ data: Data) -> Bool {
        data.count >= 2 && data[data.startIndex] == 0x1F && data[data.startIndex + 1] == 0x8B
    }

    /// Decompresses a gzip stream, including several concatenated members (`cat a.gz b.gz`).
    ///
    /// Throws `.malformed` for a corrupt or truncated stream, or one that decompresses to more
    /// than `maximumDecompressedSize`, naming `path`.
    public static func decompress(_ data: Data, path: String) throws(IndexerError) -> Data {
        guard let whole = try decompress(data, path: path, maximumBytes: maximumDecompressedSize) else {
            throw .malformed(path: path, line: nil, reason: "decompresses to more than \(maximumDecompressedSize / 1_048_576) MB; refused")
        }
        return whole
    }

    /// Decompresses a gzip stream as `decompress(_:path:)` does, but stops as soon as the
    /// output passes `maximumBytes` and returns nil, so a caller with a smaller limit (one
    /// document, `IndexingOptions.maximumRecordBytes`) never holds more than that limit.
    public static func decompress(_ data: Data, path: String, maximumBytes: Int) throws(IndexerError) -> Data? {
        var output = Data()
        var offset = data.startIndex
        let inflater = Inflater(path: path) { buffer in
            let count = min(buffer.count, data.endIndex - offset)
            data.copyBytes(to: buffer.bindMemory(to: UInt8.self), from: offset..<(offset + count))
            offset += count
            return count
        }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 16)
        defer { chunk.deallocate() }
        while true {
            let produced = try inflater.inflate(into: chunk)
            if produced == 0 { return output }
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[..<produced]))
            if output.count > maximumBytes { return nil }
        }
    }

    /// Inflates a gzip stream (several concatenated members included) a buffer at a time,
    /// pulling compressed bytes from `input` as it needs them: what the streaming JSON-lines
    /// path reads `.jsonl.gz` through, so such a file is indexed in the same bounded memory as
    /// a plain one.
    public final class Inflater {
        private var stream = z_stream()
        private let path: String
        private let input: (UnsafeMutableRawBufferPointer) throws -> Int
        private var compressed: UnsafeMutableRawBufferPointer
        private var inputEnded = false
        private var finished = false

        /// Creates an inflater reading compressed bytes from `input`, which fills the buffer it
        /// is given and returns how many bytes it wrote (0 at the end). `path` names the file
        /// in errors.
        public init(path: String, input: @escaping (UnsafeMutableRawBufferPointer) throws -> Int) {
            self.path = path
            self.input = input
            compressed = .allocate(byteCount: 256 * 1024, alignment: 16)
            // 15 + 32: the largest window, and detect the gzip (or zlib) header automatically.
            if inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) != Z_OK { finished = true }
        }

        deinit {
            inflateEnd(&stream)
            compressed.deallocate()
        }

        /// Fills `output` with the next decompressed bytes and returns how many (0 only at the
        /// end of the stream).
        ///
        /// Throws `.malformed` naming the file for corrupt or truncated data, and `.unreadable`
        /// when `input` fails.
        public func inflate(into output: UnsafeMutableRawBufferPointer) throws(IndexerError) -> Int {
            guard output.count > 0 else { return 0 }
            while !finished {
                if stream.avail_in == 0 && !inputEnded { try refill() }
                stream.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(output.count)
                let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                let produced = output.count - Int(stream.avail_out)
                switch status {
                case Z_STREAM_END:
                    // Another member may follow; anything that is not a gzip header is ignored,
                    // as gzip(1) ignores trailing garbage with a warning.
                    if stream.avail_in < 2 && !inputEnded { try refill() }
                    if stream.avail_in >= 2, let next = stream.next_in, next[0] == 0x1F, next[1] == 0x8B {
                        inflateReset(&stream)
                    } else {
                        finished = true
                    }
                case Z_OK:
                    break
                case Z_BUF_ERROR where stream.avail_in == 0 && inputEnded:
                    throw .malformed(path: path, line: nil, reason: "gzip data is truncated")
                case Z_BUF_ERROR:
                    break  // no progress possible until more input is read
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                    throw .malformed(path: path, line: nil, reason: "gzip data is corrupt (\(message))")
                }
                if produced > 0 { return produced }
            }
            return 0
        }

        /// Reads the next compressed bytes, keeping any that zlib has not consumed yet.
        private func refill() throws(IndexerError) {
            let kept = Int(stream.avail_in)
            if kept > 0, let next = stream.next_in {
                memmove(compressed.baseAddress!, next, kept)
            }
            let count: Int
            do {
                count = try input(UnsafeMutableRawBufferPointer(rebasing: compressed[kept...]))
            } catch {
                throw .unreadable(path: path, reason: SystemIO.reason(of: error))
            }
            if count == 0 { inputEnded = true }
            stream.next_in = compressed.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.avail_in = uInt(kept + count)
        }
    }
}
