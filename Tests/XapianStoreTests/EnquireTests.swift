import Foundation
import Testing
import TestSupport
@testable import XapianStore

/// `Enquire`: BM25's and IneB2's parameters change the ranking as the formulas say, a value order sorts
/// (relevance breaking ties), and collapsing keeps at most N matches per value.
@Suite struct EnquireTests {
    /// "short" is one word; "long" says apple twice in eight words; four documents without
    /// apple keep its IDF positive. Average length 13 / 6.
    static let lengths: [HandBuiltIndex.Entry] = [
        .init(id: "short", text: "apple"),
        .init(id: "long", text: "apple apple banana banana banana banana banana banana"),
    ] + (1...4).map { .init(id: "other\($0)", text: "cherry") }

    private func ranked(_ index: HandBuiltIndex, _ query: Query, setUp: (Enquire) throws -> Void = { _ in }) throws -> [String] {
        let enquire = try Enquire(database: try Database(path: index.path), query: query)
        try setUp(enquire)
        return try HandBuiltIndex.ids(try enquire.matchSet(first: 0, maximum: 10, checkAtLeast: 10))
    }

    /// BM25's term weight is (k1 + 1) wdf / (k1 ((1 - b) + b len / avglen) + wdf), Xapian
    /// taking len / avglen as at least 0.5. With k1 = 1 and b = 0 (no length normalisation)
    /// short scores 2 / 2 = 1 and long 4 / 3 = 1.33; with b = 1 short scores 2 / 1.5 = 1.33
    /// and long 4 / (8 / 2.17 + 2) = 0.70. The order flips.
    @Test func lengthNormalisationDecidesBetweenAShortAndARepeatingDocument() throws {
        let index = try HandBuiltIndex(Self.lengths)
        let apple = try Query.term("apple")
        #expect(try ranked(index, apple) { try $0.setBM25(k1: 1, b: 0) } == ["long", "short"])
        #expect(try ranked(index, apple) { try $0.setBM25(k1: 1, b: 1) } == ["short", "long"])
        // k1 = 0 counts a term once: with b = 0 both weigh the same, and the earlier document wins the tie.
        let enquire = try Enquire(database: try Database(path: index.path), query: apple)
        try enquire.setBM25(k1: 0, b: 0)
        let page = try enquire.matchSet(first: 0, maximum: 10, checkAtLeast: 10)
        #expect(try HandBuiltIndex.ids(page) == ["short", "long"])
        #expect(abs(try page.weight(0).weight - page.weight(1).weight) < 1e-12)
    }

    /// IneB2 weighs a term (F + 1) / (n (tfn + 1)) × tfn × log2((N + 1) / (ne + 0.5)), with
    /// ne = N (1 - e^(-F/N)) and tfn = wdf × log2(1 + c × avglen / len) (normalisation 2).
    /// Apple: F = 3 occurrences in n = 2 of N = 6 documents, so (F + 1) / n = 2 and the last
    /// factor is log2(7 / (6 (1 - e^-0.5) + 0.5)) = 1.291. With c = 1 short has
    /// tfn = log2(1 + 13/6) = 1.663, long 2 log2(1 + 13/48) = 0.691: the shorter wins until c
    /// is about 22 (short's tfn log2(1 + 2.17c) against long's 2 log2(1 + 0.27c)); with c = 40
    /// the order flips.
    @Test func ineB2NormalisesLengthByC() throws {
        let index = try HandBuiltIndex(Self.lengths)
        let apple = try Query.term("apple")
        let enquire = try Enquire(database: try Database(path: index.path), query: apple)
        try enquire.setIneB2(c: 1)
        let page = try enquire.matchSet(first: 0, maximum: 10, checkAtLeast: 10)
        #expect(try HandBuiltIndex.ids(page) == ["short", "long"])
        let tfn = log2(1 + 13.0 / 6), informativeness = log2(7 / (6 * (1 - exp(-0.5)) + 0.5))
        #expect(abs(try page.weight(0).weight - 2 * tfn / (tfn + 1) * informativeness) < 1e-9)
        #expect(try ranked(index, apple) { try $0.setIneB2(c: 40) } == ["long", "short"])
    }

    /// A word said more often than there are documents (F = 6 > N = 4) still weighs more than
    /// 0, so every document holding it matches and is counted (IfB2, whose informativeness
    /// log2((N + 1) / (F + 0.5)) is then negative, made Xapian drop them all).
    @Test func ineB2FindsEveryDocumentOfAVeryCommonWord() throws {
        let index = try HandBuiltIndex([
            .init(id: "three", text: "said said said"), .init(id: "two", text: "said said"), .init(id: "one", text: "said"),
            .init(id: "none", text: "other"),
        ])
        let enquire = try Enquire(database: try Database(path: index.path), query: try Query.term("said"))
        try enquire.setIneB2(c: 0.75)
        let page = try enquire.matchSet(first: 0, maximum: 10, checkAtLeast: 10)
        #expect(Set(try HandBuiltIndex.ids(page)) == ["three", "two", "one"])
        #expect(page.totals.lowerBound == 3 && page.totals.upperBound == 3)
        #expect(try (0..<3).allSatisfy { try page.weight($0).weight > 0 })
    }

    @Test func ineB2RefusesANonPositiveC() throws {
        let index = try HandBuiltIndex(Self.lengths)
        let enquire = try Enquire(database: try Database(path: index.path), query: try Query.term("apple"))
        for c in [0.0, -1] {
            #expect { try enquire.setIneB2(c: c) } throws: { ($0 as? XapianError)?.code == .invalidArgument }
        }
    }

    static let dated: [HandBuiltIndex.Entry] = [
        .init(id: "mid", text: "talks", values: [.published: "20240601"]),
        .init(id: "old", text: "talks talks talks", values: [.published: "20230101"]),
        .init(id: "new", text: "talks", values: [.published: "20250101"]),
        .init(id: "new-too", text: "talks talks", values: [.published: "20250101"]),
    ]

    @Test func aValueOrderSortsAndRelevanceBreaksTies() throws {
        let index = try HandBuiltIndex(Self.dated)
        let talks = try Query.term("talks")
        #expect(try ranked(index, talks) { try $0.setOrder(.value(.published, descending: true)) }
            == ["new-too", "new", "mid", "old"])
        #expect(try ranked(index, talks) { try $0.setOrder(.value(.published, descending: false)) }
            == ["old", "mid", "new-too", "new"])
        // Relevance alone: the most repetitions first.
        #expect(try ranked(index, talks) { try $0.setOrder(.relevance) }.prefix(2) == ["old", "new-too"])
    }

    static let articles: [HandBuiltIndex.Entry] = [
        .init(id: "a#1", text: "vote vote vote", values: [.article: "a"]),
        .init(id: "a#2", text: "vote vote", values: [.article: "a"]),
        .init(id: "a#3", text: "vote", values: [.article: "a"]),
        .init(id: "b#1", text: "vote", values: [.article: "b"]),
        .init(id: "c#1", text: "recount"),
    ]

    @Test func collapsingKeepsTheBestMatchesOfEachValue() throws {
        let index = try HandBuiltIndex(Self.articles)
        let vote = try Query.term("vote")
        #expect(try ranked(index, vote) == ["a#1", "a#2", "a#3", "b#1"])
        #expect(try ranked(index, vote) { try $0.collapse(on: .article, maximum: 1) } == ["a#1", "b#1"])
        #expect(try ranked(index, vote) { try $0.collapse(on: .article, maximum: 2) } == ["a#1", "a#2", "b#1"])
    }
}
