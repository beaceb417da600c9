import Testing
@testable import Tagger

/// The membership feature's matching: the longest known name at a token wins, and the
/// search for it stops at a sequence no longer name begins with (`NameList.prefixes`).
@Suite struct NameListTests {
    private func membership(_ names: NameList, _ text: String) -> [UInt8] {
        let tokens = text.split(separator: " ").map { TokenText($0) }
        var values = [UInt8](repeating: 0, count: tokens.count)
        tokens.withUnsafeBufferPointer { names.membership($0) { values[$0] = $1 } }
        return values
    }

    @Test func theLongestNameWinsThroughItsShorterBeginnings() {
        // "Bank of New England" begins with "Bank" and "Bank of", which are no names: the
        // search must go on past them; "New York City" beats "New York".
        let names = NameList(names: [("New York", .location), ("New York City", .location),
                                     ("Bank of New England", .organization)])
        let location = 1 + 2 * EntityClass.location.rawValue, organization = 1 + 2 * EntityClass.organization.rawValue
        #expect(membership(names, "the Bank of New England in New York City and New York")
            == [0, organization, organization + 1, organization + 1, organization + 1, 0,
                location, location + 1, location + 1, 0, location, location + 1])
        #expect(membership(names, "Bank of New Zealand") == [0, 0, 0, 0])
        #expect(names.prefixes.count == 5)  // New, New York, Bank, Bank of, Bank of New
    }

    @Test func theShippedModelKeepsItsPrefixes() throws {
        let names = try LearnedLabeller.shipped.extractor.names
        #expect(!names.prefixes.isEmpty)
        let location = 1 + 2 * EntityClass.location.rawValue
        #expect(membership(names, "in the United Arab Emirates .") == [0, 0, location, location + 1, location + 1, 0])
    }
}
