import Foundation
import Testing
import TestSupport
@testable import Indexer

@Suite("TextDecoding")
struct TextDecodingTests {
    @Test("valid UTF-8 decodes without problems; a BOM is dropped")
    func validUTF8() throws {
        let decoded = try TextDecoding.utf8(source(bytes: [0xEF, 0xBB, 0xBF] + Array("Café\n".utf8), path: "a.txt"))
        #expect(decoded.text == "Café\n")
        #expect(decoded.problems.isEmpty)
    }

    @Test("invalid UTF-8 is replaced by U+FFFD and warned once, with the first bad line")
    func invalidUTF8() throws {
        let bytes = Array("line one\nline two ".utf8) + [0xFF, 0x41] + Array("\nthree ".utf8) + [0xC3] + Array("\n".utf8)
        let decoded = try TextDecoding.utf8(source(bytes: bytes, path: "bad.txt"))
        #expect(decoded.text == "line one\nline two \u{FFFD}A\nthree \u{FFFD}\n")
        #expect(decoded.problems.count == 1)
        let problem = try #require(decoded.problems.first)
        #expect(problem.severity == .warning)
        #expect(problem.line == 2)
        #expect(problem.description.hasPrefix("bad.txt:2: invalid UTF-8 (2 bad byte sequences) replaced by U+FFFD"))
    }

    @Test("Latin-1 maps every byte to the same code point")
    func latin1() {
        #expect(TextDecoding.latin1String([0x43, 0x61, 0x66, 0xE9, 0x20, 0xA3, 0xFF]) == "Café £ÿ")
    }

    @Test("a NUL byte in the first 8 KiB means binary")
    func nulIsBinary() {
        #expect(throws: IndexerError.binary(path: "x.txt")) {
            try TextDecoding.utf8(source(bytes: Array("text".utf8) + [0] + Array("more".utf8), path: "x.txt"))
        }
    }

    @Test("many control bytes mean binary; a few do not")
    func controlBytes() throws {
        var bytes = [UInt8](repeating: 0x41, count: 100)
        for i in stride(from: 0, to: 100, by: 5) { bytes[i] = 0x01 }   // 20%
        #expect(throws: IndexerError.binary(path: "x.txt")) { try TextDecoding.utf8(source(bytes: bytes, path: "x.txt")) }
        bytes = [UInt8](repeating: 0x41, count: 100)
        bytes[3] = 0x1B                                                  // 1%: an escape in text
        #expect(try TextDecoding.utf8(source(bytes: bytes, path: "x.txt")).text.count == 100)
    }

    @Test("no bytes, or only whitespace, is empty")
    func empty() {
        #expect(throws: IndexerError.empty(path: "e.txt")) { try TextDecoding.utf8(source(bytes: [], path: "e.txt")) }
        #expect(throws: IndexerError.empty(path: "e.txt")) { try TextDecoding.utf8(source(" \n\t\r\n ", path: "e.txt")) }
    }

    @Test("gzip is unwrapped by content; a corrupt stream is malformed")
    func gzip() throws {
        let data = try Data(contentsOf: FixtureFiles.url("hello.txt.gz"))
        #expect(Gzip.isGzip(data))
        let decoded = try TextDecoding.utf8(SourceFile(path: "hello.txt.gz", identity: "hello.txt.gz", data: data))
        #expect(decoded.text == "Hello from a gzipped file\n\nA paragraph.\n")
        // Two members concatenated, as `cat a.gz b.gz` makes.
        #expect(try Gzip.decompress(data + data, path: "x") == Data((decoded.text + decoded.text).utf8))
        let truncated = data.prefix(data.count - 12)
        #expect(throws: IndexerError.malformed(path: "t.gz", line: nil, reason: "gzip data is truncated")) {
            try Gzip.decompress(Data(truncated), path: "t.gz")
        }
        var corrupt = data
        corrupt[12] ^= 0xFF
        corrupt[13] ^= 0xFF
        #expect(throws: IndexerError.self) { try Gzip.decompress(corrupt, path: "c.gz") }
    }

    @Test("metadata dates at their own precision")
    func metadataDates() {
        #expect(MetadataDate.parse("2025-07-05")?.description == "2025-07-05")
        #expect(MetadataDate.parse("2025-07-05T18:21:54+05:30")?.description == "2025-07-05")
        #expect(MetadataDate.parse("2025-07-05T23:59:00Z")?.description == "2025-07-05")
        #expect(MetadataDate.parse("2025-07-05 18:21")?.description == "2025-07-05")
        #expect(MetadataDate.parse("2025-07")?.precision == .month)
        #expect(MetadataDate.parse(" 2025 ")?.precision == .year)
        #expect(MetadataDate.parse("2025-13-01") == nil)
        #expect(MetadataDate.parse("July 5, 2025") == nil)
        #expect(MetadataDate.parse("2025-07-05Tnonsense") == nil)
    }

    /// Text with a character outside the BMP (a surrogate pair in UTF-16) and non-ASCII ones.
    static let wideSample = "Café talks — 𝄞 in Doha\n\nA second paragraph.\n"

    static func encoded(_ text: String, _ encoding: String) -> [UInt8] {
        let little = encoding.hasSuffix("LE")
        if encoding.hasPrefix("UTF-32") {
            let mark: [UInt8] = little ? [0xFF, 0xFE, 0, 0] : [0, 0, 0xFE, 0xFF]
            return mark + text.unicodeScalars.flatMap { scalar -> [UInt8] in
                let v = scalar.value
                let be: [UInt8] = [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
                return little ? be.reversed() : be
            }
        }
        let mark: [UInt8] = little ? [0xFF, 0xFE] : [0xFE, 0xFF]
        return mark + text.utf16.flatMap { unit -> [UInt8] in
            little ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        }
    }

    @Test("UTF-16 and UTF-32 with a byte-order mark are read as text", arguments: ["UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"])
    func markedUnicode(encoding: String) throws {
        let decoded = try TextDecoding.utf8(source(bytes: Self.encoded(Self.wideSample, encoding), path: "w.txt"))
        #expect(decoded.text == Self.wideSample)
        #expect(decoded.problems.isEmpty)
    }

    @Test("UTF-16 or UTF-32 without a byte-order mark is named, not called binary", arguments: ["UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"])
    func unmarkedUnicode(encoding: String) {
        let bytes = Array(Self.encoded("Plain ASCII text, long enough to tell.\n", encoding).dropFirst(encoding.hasPrefix("UTF-32") ? 4 : 2))
        #expect(throws: IndexerError.unmarkedUnicode(path: "w.txt", encoding: encoding)) {
            try TextDecoding.utf8(source(bytes: bytes, path: "w.txt"))
        }
        let message = IndexerError.unmarkedUnicode(path: "w.txt", encoding: encoding).description
        #expect(message.contains("without a byte-order mark") && message.contains("iconv -f \(encoding)"))
    }

    @Test("a truncated last UTF-16 unit becomes U+FFFD")
    func truncatedUnit() throws {
        let bytes = Self.encoded("Hi there\n", "UTF-16LE") + [0x41]
        #expect(try TextDecoding.utf8(source(bytes: bytes, path: "w.txt")).text == "Hi there\n\u{FFFD}")
    }
}
