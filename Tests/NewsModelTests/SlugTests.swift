import NewsModel
import Testing

/// The slug rule is the identity of every actor and source in an index: these pin it down,
/// since changing it silently would orphan every term and facet value already written.
@Suite struct SlugTests {
    @Test func foldsCaseAndPunctuationToSingleDashes() {
        #expect(Slug.fold("Tahawwur Rana") == "tahawwur-rana")
        #expect(Slug.fold("Lashkar-e-Taiba (LeT)") == "lashkar-e-taiba-let")
        #expect(Slug.fold("  U.S.  Trade  ") == "u-s-trade")
        #expect(Slug.fold("A&P 2025") == "a-p-2025")
    }

    @Test func keepsNonASCIILettersAsTheyAre() {
        #expect(Slug.fold("Société Générale") == "société-générale")
        #expect(Slug.fold("Zürich") == "zürich")
    }

    @Test func isEmptyWithoutALetterOrDigit() {
        #expect(Slug.fold("") == "")
        #expect(Slug.fold(" -- ") == "")
    }

    @Test func cutsLongNamesOnACharacterBoundary() {
        // The cut drops the last character whole (the baseline tools cut the same way, so
        // their facet values match ours): never a partial UTF-8 sequence, never past 200 bytes.
        let long = String(repeating: "é", count: 150)  // 300 bytes
        let slug = Slug.fold(long)
        #expect(slug.utf8.count == 198)
        #expect(slug.allSatisfy { $0 == "é" })
        let odd = "a" + String(repeating: "é", count: 150)  // byte 200 starts the 100th é
        #expect(Slug.fold(odd).utf8.count == 199)
        #expect(Slug.fold(String(repeating: "a", count: 300)).utf8.count == 200)
    }

    @Test func actorIdentityIsTheSlugOfItsName() {
        #expect(ActorTag(name: "Bilawal Bhutto Zardari", type: .person).id == "bilawal-bhutto-zardari")
    }
}

/// A calendar date covers a span of days; filters and index values compare those bounds.
@Suite struct CalendarDateTests {
    @Test func boundsFollowThePrecision() throws {
        let year = try #require(CalendarDate(year: 2024))
        #expect(year.precision == .year)
        #expect(year.lowerBound == 20240101 && year.upperBound == 20241231)
        let february = try #require(CalendarDate(year: 2024, month: 2))
        #expect(february.upperBound == 20240229)
        let day = try #require(CalendarDate(year: 2025, month: 7, day: 4))
        #expect(day.lowerBound == 20250704 && day.upperBound == 20250704)
        #expect(day.description == "2025-07-04")
    }

    @Test func rejectsDaysThatDoNotExist() {
        #expect(CalendarDate(year: 2025, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2025, month: 13) == nil)
    }
}
