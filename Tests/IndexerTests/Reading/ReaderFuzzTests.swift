import Foundation
import Testing
@testable import Indexer

/// Random and mutated input through every reader: nothing crashes, every failure is a typed
/// `IndexerError` (the readers' typed `throws(IndexerError)` makes that a compile-time
/// fact; the test makes the "no crash, no hang" part a run-time one) and every article
/// keeps the model's invariants. Seeded, so a failure replays; a couple of seconds.
@Suite("Reader fuzzing")
struct ReaderFuzzTests {
    /// SplitMix64: small, fast, and the same sequence on every platform.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let seeds: [(String, [UInt8])] = [
        ("x.txt", Array("Title line\n\nA paragraph\nwrapped.\n\n- bullet\nShort Heading\n\nBody text here.\n".utf8)),
        ("x.md", Array("---\ntitle: \"T\"\ndate: 2025-01-02\nactors: [A, 'B']\n---\n# H\n\nText [link](u) **b**\n\n- item\n1. one\n```\ncode\n```\n<!-- c -->\n".utf8)),
        ("x.html", Array(HTMLArticleReaderTests.page.utf8)),
        ("x.jsonl", Array("{\"id\": 1, \"title\": \"T\", \"published\": \"2025-07\", \"text\": \"a\\n\\nb\"}\n{\"text\": \"c\"}\n".utf8)),
        ("x.sgm", ReutersSGMLArticleReaderTests.sample),
    ]

    /// Interesting bytes to splice in: markup, entities, line ends, invalid UTF-8, NUL.
    static let tokens: [[UInt8]] = ["<", ">", "&", "&#", ";", "\"", "\n", "\r\n", "---\n", "# ", "- ", "[", "](", "```",
                                    "<p>", "</p>", "<REUTERS", "</REUTERS>", "<BODY>", "<TITLE>", "{", "}", "\\u", "<!--",
                                    "&#3;", "&#x1F600;", "&#99999999;", "    "].map { Array($0.utf8) }
        + [[0xFF], [0xC3], [0xE2, 0x82], [0x00], [0x1F, 0x8B]]

    static func mutate(_ input: [UInt8], _ rng: inout SeededGenerator) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...8, using: &rng) {
            let at = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &rng)
            switch Int.random(in: 0..<5, using: &rng) {
            case 0 where !bytes.isEmpty && at < bytes.count: bytes[at] = UInt8.random(in: 0...255, using: &rng)
            case 1: bytes.insert(contentsOf: tokens.randomElement(using: &rng)!, at: at)
            case 2 where !bytes.isEmpty: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...40, using: &rng)))
            case 3 where !bytes.isEmpty:   // duplicate a slice
                let end = min(bytes.count, at + Int.random(in: 1...200, using: &rng))
                if at < end { bytes.insert(contentsOf: bytes[at..<end], at: at) }
            default: bytes = Array(bytes.prefix(at))   // truncate
            }
        }
        return bytes
    }

    static func check(_ reader: any ArticleReader, _ bytes: [UInt8], path: String) {
        do {
            let result = try reader.read(source(bytes: bytes, path: path))
            for article in result.articles {
                #expect(!article.passages.isEmpty, "\(path): \(bytes)")
                #expect(article.passages.enumerated().allSatisfy { $0.offset == $0.element.number }, "\(path): \(bytes)")
                #expect(article.passages.allSatisfy { !$0.text.isEmpty && $0.line >= 1 }, "\(path): \(bytes)")
            }
        } catch {
            // Typed: `error` is an IndexerError; the reader chose to refuse the file.
            _ = error.description
        }
    }

    @Test("mutated valid inputs", arguments: 0..<5)
    func mutated(_ index: Int) {
        let (path, seed) = Self.seeds[index]
        let reader = InputFormat(path: path)!.reader
        var rng = SeededGenerator(state: 0xD055_1E00 + UInt64(index))
        for _ in 0..<300 { Self.check(reader, Self.mutate(seed, &rng), path: path) }
    }

    @Test("random bytes and random tokens", arguments: 0..<5)
    func random(_ index: Int) {
        let path = Self.seeds[index].0
        let reader = InputFormat(path: path)!.reader
        var rng = SeededGenerator(state: 0xF022 + UInt64(index))
        for round in 0..<300 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...60, using: &rng) {
                if round % 2 == 0 { bytes.append(UInt8.random(in: 0...255, using: &rng)) }
                else { bytes += Self.tokens.randomElement(using: &rng)! + Array("word ".utf8) }
            }
            Self.check(reader, bytes, path: path)
        }
    }
}
