import Foundation

/// Turns a file's bytes into text the readers can split, and refuses what is not text.
///
/// Every reader goes through here first, so the rules for bad input are the same for every
/// format: gzip is unwrapped (`.sgm.gz`, and any other `*.gz`), a file with no text is
/// `IndexerError.empty`, a file that looks like binary data is `IndexerError.binary`, and
/// invalid UTF-8 is replaced by U+FFFD and reported once per file as a warning with the
/// line of the first bad byte, so nothing readable is lost for one bad byte.
public enum TextDecoding {
    /// How many leading bytes the binary check looks at, as `file(1)` and git do.
    public static let sniffLength = 8 * 1024

    /// Decoded text plus the warnings decoding produced.
    public struct Decoded: Sendable, Equatable {
        /// The text, with invalid sequences replaced by U+FFFD and a UTF-8 BOM removed.
        public var text: String
        /// Warnings, such as invalid UTF-8 that was replaced.
        public var problems: [ReadProblem]
    }

    /// Gunzips if needed, then checks that the bytes are non-empty text.
    ///
    /// Throws `.empty` for no bytes or only whitespace, `.binary` for binary-looking data and
    /// `.malformed` for a corrupt gzip stream.
    public static func textBytes(of file: SourceFile) throws(IndexerError) -> Data {
        var data = file.data
        if Gzip.isGzip(data) {
            data = try Gzip.decompress(data, path: file.path)
        }
        try checkIsText(data, path: file.path)
        return data
    }

    /// Decodes `file` as UTF-8 (after `textBytes(of:)`), replacing invalid sequences.
    public static func utf8(_ file: SourceFile) throws(IndexerError) -> Decoded {
        let data = try textBytes(of: file)
        return decodeUTF8(data, path: file.path)
    }

    /// Decodes bytes already known to be text as UTF-8, reporting invalid sequences once.
    public static func decodeUTF8(_ data: Data, path: String) -> Decoded {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        // The fast path: valid files (nearly all) are decoded without a second scan.
        if let text = String(validating: bytes, as: UTF8.self) {
            return Decoded(text: text, problems: [])
        }
        let (count, line) = firstInvalidUTF8(bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        let problem = ReadProblem(
            file: path, line: line,
            message: "invalid UTF-8 (\(count) bad byte sequence\(count == 1 ? "" : "s")) replaced by U+FFFD; "
                + "if the file is Latin-1 or Windows-1252, convert it with iconv",
            severity: .warning)
        return Decoded(text: text, problems: [problem])
    }

    /// Decodes `file` as ISO 8859-1 (Latin-1), which cannot fail: every byte is a character.
    public static func latin1(_ file: SourceFile) throws(IndexerError) -> String {
        let data = try textBytes(of: file)
        return latin1String(data)
    }

    /// Decodes ISO 8859-1 bytes. Latin-1 bytes are the first 256 Unicode scalars, so each
    /// byte at or above 0x80 becomes a two-byte UTF-8 sequence; the rest are copied.
    public static func latin1String<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        if let fast = bytes.withContiguousStorageIfAvailable({ latin1String(UnsafeRawBufferPointer($0)) }) {
            return fast
        }
        return Array(bytes).withUnsafeBytes { latin1String($0) }
    }

    /// Decodes ISO 8859-1 bytes in place; ASCII (most of any English corpus) is one copy.
    public static func latin1String(_ bytes: UnsafeRawBufferPointer) -> String {
        var ascii = true
        for byte in bytes where byte >= 0x80 {
            ascii = false
            break
        }
        if ascii { return String(decoding: bytes, as: UTF8.self) }
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.count + bytes.count / 16)
        for byte in bytes {
            if byte < 0x80 {
                utf8.append(byte)
            } else {
                utf8.append(0xC0 | (byte >> 6))
                utf8.append(0x80 | (byte & 0x3F))
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Throws `.empty` for whitespace-only data and `.binary` when the first
    /// `sniffLength` bytes hold a NUL byte or more than 10% other control bytes.
    ///
    /// A NUL never occurs in UTF-8 or Latin-1 text (UTF-16 files are reported as binary,
    /// which the message's advice to convert covers). Form feed, tab, CR and LF are text;
    /// ESC is counted as control because terminal captures are not articles either.
    public static func checkIsText(_ data: Data, path: String) throws(IndexerError) {
        try checkNotBinary(data.prefix(sniffLength), path: path)
        let isBlank = data.withUnsafeBytes { raw in
            raw.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x0C }
        }
        if isBlank { throw .empty(path: path) }
    }

    /// Throws `.binary` when `head`, a file's first `sniffLength` bytes (or all of a shorter
    /// file), holds a NUL byte or more than 10% other control bytes: the half of `checkIsText`
    /// that a file read in chunks can check before its first line.
    public static func checkNotBinary(_ head: Data, path: String) throws(IndexerError) {
        var control = 0
        for byte in head {
            if byte == 0 { throw .binary(path: path) }
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C { control += 1 }
        }
        if control * 10 > head.count { throw .binary(path: path) }
    }

    /// The number of invalid UTF-8 sequences and the 1-based line of the first one.
    private static func firstInvalidUTF8(_ bytes: Data.SubSequence) -> (count: Int, line: Int?) {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var line = 1
        var firstLine: Int?
        var count = 0
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1 && encoded.first == 0x0A { line += 1 }
            case .error:
                count += 1
                if firstLine == nil { firstLine = line }
            case .emptyInput:
                break loop
            }
        }
        return (count, firstLine)
    }
}
