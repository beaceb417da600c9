import Testing
import TestSupport
@testable import Search

/// Random and mutated queries: every one either runs or fails with a typed, user-facing error.
@Suite struct QueryFuzzTests {
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
    }

    static let pieces = [
        "extradition", "Rana", "\"", "(", ")", "AND", "OR", "NOT", "NEAR", "NEAR/3", "-", "+", "*", "title:",
        "actor:", "type:", "source:", "published:", "mentioned:", "..", "2025", "2025-13", "2025-02-30", ":", "~",
        "é", "\u{0}", "\u{FFFD}", "🙂", "  ", "kind:", "article:", "XOR", "ADJ", "'", "\\", "%", "&&", "||",
    ]

    @Test func randomAndMutatedQueriesNeverCrash() throws {
        let engine = try SearchEngine(indexPath: try BasicSearchTests.shared.get().path)
        var rng = SeededGenerator(state: 0x5EED)
        let seeds = ["\"Mumbai attack\" OR extradition", "title:extradition -Rana", "published:2025-01..2025-12 talks", "deport* NEAR Pakistan"]
        var queries: [String] = []
        for _ in 0..<600 {
            let count = Int.random(in: 1...8, using: &rng)
            queries.append((0..<count).map { _ in Self.pieces.randomElement(using: &rng)! }.joined(separator: Bool.random(using: &rng) ? " " : ""))
        }
        for seed in seeds {
            for _ in 0..<100 {
                var chars = Array(seed)
                let position = Int.random(in: 0..<chars.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: chars.remove(at: position)
                case 1: chars.insert(Self.pieces.randomElement(using: &rng)!.first ?? "x", at: position)
                default: chars.swapAt(position, Int.random(in: 0..<chars.count, using: &rng))
                }
                queries.append(String(chars))
            }
        }
        var failures = 0
        for query in queries {
            do {
                _ = try engine.search(SearchRequest(query: query, limit: 3))
            } catch {
                failures += 1
                switch error {
                case .invalidQuery(let quoted, let message):
                    #expect(!message.isEmpty)
                    #expect(quoted == query.trimmingCharacters(in: .whitespacesAndNewlines))
                case .invalidFilter, .unknownActor: break
                case .onlyStopWords(let quoted, let words):
                    #expect(quoted == query.trimmingCharacters(in: .whitespacesAndNewlines) && !words.isEmpty)
                default: Issue.record("untyped failure for \(query.debugDescription): \(error)")
                }
            }
        }
        #expect(failures > 0, "the fuzzer should reach the error paths")
        #expect(failures < queries.count, "and the success paths")
    }
}
