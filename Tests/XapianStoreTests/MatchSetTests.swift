import Foundation
import Testing
import TestSupport
@testable import XapianStore

/// `MatchSet`, one page of matches: exact totals whatever the page, pages that concatenate to
/// the whole ranking, and each match's id, weight, data and values.
@Suite struct MatchSetTests {
    /// Twelve documents of 13 words: `n1` ... `n12`, the term `even` on every second one,
    /// `n<k>` saying "word" k times and "pad" for the rest, so that with equal lengths the
    /// ranking for "word" is known: more repetitions first.
    static let index = Result { () throws -> HandBuiltIndex in
        try HandBuiltIndex((1...12).map { k in
            let words = Array(repeating: "word", count: k) + Array(repeating: "pad", count: 13 - k - (k % 2 == 0 ? 1 : 0)) + (k % 2 == 0 ? ["even"] : [])
            return .init(id: "n\(k)", text: words.joined(separator: " "), values: [.paragraph: String(format: "%06d", k)])
        })
    }

    private func page(_ term: String, first: Int, maximum: Int, checkAtLeast: Int = 12) throws -> MatchSet {
        let enquire = try Enquire(database: try Database(path: try Self.index.get().path), query: try Query.term(term))
        return try enquire.matchSet(first: first, maximum: maximum, checkAtLeast: checkAtLeast)
    }

    @Test func totalsAreExactWhateverThePage() throws {
        for (first, maximum) in [(0, 0), (0, 3), (10, 5), (20, 5)] {
            let words = try page("word", first: first, maximum: maximum)
            #expect(words.totals == (12, 12, 12), "\(first) \(maximum)")
            #expect(words.count == max(0, min(maximum, 12 - first)), "\(first) \(maximum)")
        }
        let even = try page("even", first: 0, maximum: 100)
        #expect(even.totals == (6, 6, 6))
        #expect(try HandBuiltIndex.ids(even).sorted() == ["n10", "n12", "n2", "n4", "n6", "n8"])
        #expect(try page("absent", first: 0, maximum: 10).totals == (0, 0, 0))
    }

    @Test func pagesConcatenateToTheWholeRanking() throws {
        let whole = try HandBuiltIndex.ids(try page("word", first: 0, maximum: 12))
        #expect(whole == (1...12).reversed().map { "n\($0)" })
        var paged: [String] = []
        for first in stride(from: 0, to: 12, by: 5) { paged += try HandBuiltIndex.ids(try page("word", first: first, maximum: 5)) }
        #expect(paged == whole)
    }

    @Test func eachMatchHasItsDocumentIdWeightAndValues() throws {
        let words = try page("word", first: 2, maximum: 3)
        // n10 was the tenth document written: Xapian numbers documents from 1 in order of writing.
        let third = try words.item(0)
        #expect(third.docid == 10 && third.data == "n10")
        #expect(try words.weight(0).docid == 10)
        #expect(abs(try words.weight(0).weight - third.weight) < 1e-12)
        #expect(try words.value(0, slot: .paragraph) == "000010")
        #expect(try words.value(0, slot: .source) == "")
        let weights = try (0..<words.count).map { try words.weight($0).weight }
        #expect(weights == weights.sorted(by: >) && Set(weights).count == 3)
    }
}
