import Foundation
internal import CZlib

/// Gunzips `.gz` inputs in memory with zlib.
///
/// Foundation on Linux has no gzip support, and zlib is already on every machine that has
/// libxapian (which links it), so a `.systemLibrary` over zlib costs nothing extra.
public enum Gzip {
    /// The largest decompressed size accepted: far above any news archive (Reuters-21578's
    /// biggest file is 1.4 MB), low enough that a gzip bomb is refused, not swapped in.
    public static let maximumDecompressedSize = 2 * 1024 * 1024 * 1024

    /// Whether `data` starts with the gzip magic bytes `1f 8b`.
    public static func isGzip(_ data: Data) -> Bool {
        data.count >= 2 && data[data.startIndex] == 0x1F && data[data.startIndex + 1] == 0x8B
    }

    /// Decompresses a gzip stream, including several concatenated members (`cat a.gz b.gz`).
    ///
    /// Throws `.malformed` for a corrupt or truncated stream, naming `path`.
    public static func decompress(_ data: Data, path: String) throws(IndexerError) -> Data {
        var output = Data()
        var failure: String?
        data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            var stream = z_stream()
            // 15 + 32: the largest window, and detect the gzip (or zlib) header automatically.
            guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                failure = "cannot start gzip decompression"
                return
            }
            defer { inflateEnd(&stream) }
            let base = input.bindMemory(to: Bytef.self).baseAddress
            stream.next_in = UnsafeMutablePointer(mutating: base)
            stream.avail_in = uInt(input.count)
            let chunkSize = 256 * 1024
            var chunk = [UInt8](repeating: 0, count: chunkSize)
            while true {
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { buffer -> (Int32, Int) in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(chunkSize)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    return (status, chunkSize - Int(stream.avail_out))
                }
                output.append(contentsOf: chunk[0..<produced])
                if output.count > maximumDecompressedSize {
                    failure = "decompresses to more than \(maximumDecompressedSize / 1_048_576) MB; refused"
                    return
                }
                switch status {
                case Z_STREAM_END:
                    // Another member may follow; anything that is not a gzip header is ignored,
                    // as gzip(1) ignores trailing garbage with a warning.
                    if stream.avail_in >= 2, let next = stream.next_in, next[0] == 0x1F, next[1] == 0x8B {
                        inflateReset(&stream)
                        continue
                    }
                    return
                case Z_OK:
                    continue
                case Z_BUF_ERROR where stream.avail_in == 0:
                    failure = "gzip data is truncated"
                    return
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                    failure = "gzip data is corrupt (\(message))"
                    return
                }
            }
        }
        if let failure { throw .malformed(path: path, line: nil, reason: failure) }
        return output
    }
}
