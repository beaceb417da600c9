import Foundation

/// Turns file bytes into text, refusing binary data and reporting invalid UTF-8.
enum TextDecoding {
    /// Decoded text and any warnings about it.
    struct Decoded {
        var text: String
        var problems: [ReadProblem]
    }

    /// Decodes UTF-8 (a leading byte-order mark is dropped). Invalid sequences become U+FFFD
    /// and a warning names the file and the first bad line; nothing is dropped.
    /// - Throws: `.empty` for a file with no text, `.binary` for one that looks binary.
    static func decodeUTF8(_ file: SourceFile) throws(IndexerError) -> Decoded {
        let data = file.data
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw .empty(path: file.path)
        }
        if looksBinary(data) { throw .binary(path: file.path) }
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) {
            return Decoded(text: text, problems: [])
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let badLine = text.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("\u{FFFD}") }.map { $0 + 1 }
        return Decoded(text: text, problems: [ReadProblem(
            file: file.path, line: badLine,
            message: "invalid UTF-8 replaced by U+FFFD (save the file as UTF-8 to keep every character)",
            severity: .warning)])
    }

    /// True when the first 8 KiB hold a NUL byte or mostly control bytes.
    static func looksBinary(_ data: Data) -> Bool {
        let sample = data.prefix(8192)
        if sample.contains(0) { return true }
        let control = sample.filter { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D && $0 != 0x0C }.count
        return control * 10 > sample.count
    }
}
