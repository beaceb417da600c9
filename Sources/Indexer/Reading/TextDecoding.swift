import Foundation

/// Turns a file's bytes into text the readers can split, and refuses what is not text.
///
/// Every reader goes through here first, so the rules for bad input are the same for every
/// format: gzip is unwrapped (`.sgm.gz`, and any other `*.gz`), a file with no text is
/// `IndexerError.empty`, UTF-16 and UTF-32 with a byte-order mark are converted to UTF-8,
/// a file that looks like binary data is `IndexerError.binary`, and
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
        if let marked = MarkedEncoding(bom: data) { data = marked.utf8(data) }
        try checkIsText(data, path: file.path)
        return data
    }

    /// A Unicode encoding other than UTF-8 that a file declares with its byte-order mark
    /// (Windows' "Unicode" text is UTF-16 LE with a BOM). Such files are read by converting
    /// them to UTF-8 first, so every reader gets the same bytes as from a UTF-8 file.
    enum MarkedEncoding: String {
        case utf32LittleEndian = "UTF-32LE", utf32BigEndian = "UTF-32BE"
        case utf16LittleEndian = "UTF-16LE", utf16BigEndian = "UTF-16BE"

        /// The encoding `head` declares, nil for none (UTF-32 LE's mark starts like UTF-16 LE's,
        /// so it is tried first).
        init?(bom head: Data) {
            let bytes = Array(head.prefix(4))
            if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { self = .utf32LittleEndian }
            else if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { self = .utf32BigEndian }
            else if bytes.starts(with: [0xFF, 0xFE]) { self = .utf16LittleEndian }
            else if bytes.starts(with: [0xFE, 0xFF]) { self = .utf16BigEndian }
            else { return nil }
        }

        private var unitSize: Int { self == .utf32LittleEndian || self == .utf32BigEndian ? 4 : 2 }
        private var isLittleEndian: Bool { self == .utf32LittleEndian || self == .utf16LittleEndian }

        /// The text after the mark as UTF-8 (no BOM). Unpaired surrogates, values beyond
        /// Unicode and a truncated last unit become U+FFFD, as invalid UTF-8 does.
        func utf8(_ data: Data) -> Data {
            let bytes = [UInt8](data.dropFirst(unitSize))
            let whole = bytes.count / unitSize
            var units: [UInt32] = []
            units.reserveCapacity(whole)
            for index in 0..<whole {
                var value: UInt32 = 0
                for offset in 0..<unitSize {
                    let byte = UInt32(bytes[index * unitSize + (isLittleEndian ? unitSize - 1 - offset : offset)])
                    value = value << 8 | byte
                }
                units.append(value)
            }
            var text = unitSize == 4
                ? String(decoding: units, as: UTF32.self)
                : String(decoding: units.map { UInt16(truncatingIfNeeded: $0) }, as: UTF16.self)
            if bytes.count % unitSize != 0 { text.append("\u{FFFD}") }
            return Data(text.utf8)
        }
    }

    /// The UTF-16 or UTF-32 byte order whose shape `head` has without a byte-order mark:
    /// ASCII text in UTF-16 LE is every other byte NUL, at odd offsets. Nil when NULs are
    /// not laid out that way (binary data).
    static func unmarkedUnicode(_ head: Data) -> String? {
        let bytes = Array(head.prefix(sniffLength))
        guard bytes.count >= 8 else { return nil }
        for (size, names) in [(4, ["UTF-32BE", "UTF-32LE"]), (2, ["UTF-16BE", "UTF-16LE"])] {
            let units = bytes.count / size
            // Big-endian ASCII: every byte but the last of a unit is NUL; little-endian: all but the first.
            let bigEndian = (0..<units).filter { unit in (0..<size - 1).allSatisfy { bytes[unit * size + $0] == 0 } }.count
            let littleEndian = (0..<units).filter { unit in (1..<size).allSatisfy { bytes[unit * size + $0] == 0 } }.count
            if bigEndian * 10 >= units * 9 { return names[0] }
            if littleEndian * 10 >= units * 9 { return names[1] }
        }
        return nil
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
    /// A NUL never occurs in UTF-8 or Latin-1 text; UTF-16 and UTF-32 with a byte-order mark
    /// were converted to UTF-8 before (`MarkedEncoding`), and without one they are named
    /// (`.unmarkedUnicode`) rather than called binary. Form feed, tab, CR and LF are text;
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
        if MarkedEncoding(bom: head) != nil { return }
        var control = 0
        for byte in head {
            if byte == 0 {
                if let encoding = unmarkedUnicode(head) { throw .unmarkedUnicode(path: path, encoding: encoding) }
                throw .binary(path: path)
            }
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
