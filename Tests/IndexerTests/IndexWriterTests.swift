import NewsModel
import Testing
@testable import Indexer

@Suite struct IndexWriterTests {
    private func day(_ y: Int, _ m: Int, _ d: Int) -> CalendarDate { CalendarDate(year: y, month: m, day: d)! }

    @Test func aDayIndexesItsMonthAndYearToo() {
        #expect(IndexWriter.dateTerms(for: DateMention(text: "26/11", start: day(2008, 11, 26))) == ["2008", "200811", "20081126"])
        #expect(IndexWriter.dateTerms(for: DateMention(text: "since 2023", start: CalendarDate(year: 2023)!)) == ["2023"])
    }

    @Test func aShortRangeIndexesEachDay() {
        let terms = IndexWriter.dateTerms(for: DateMention(text: "October 30 to November 1, 2025", start: day(2025, 10, 30), end: day(2025, 11, 1)))
        #expect(terms == ["2025", "202510", "20251030", "20251031", "202511", "20251101"])
    }

    @Test func aLongRangeIndexesMonthsOrYears() {
        let months = IndexWriter.dateTerms(for: DateMention(text: "Jan to Mar 2025", start: day(2025, 1, 5), end: day(2025, 3, 20)))
        #expect(months == ["2025", "202501", "202502", "202503"])
        let years = IndexWriter.dateTerms(for: DateMention(text: "1990s", start: CalendarDate(year: 1990)!, end: CalendarDate(year: 1999)!))
        #expect(years.count == 10)
    }

    @Test(arguments: [(2008, 11, 26), (2000, 2, 29), (1987, 3, 1), (2025, 12, 31), (1969, 12, 31)])
    func dayNumbersRoundTrip(y: Int, m: Int, d: Int) {
        let date = day(y, m, d)
        #expect(CalendarDate(dayNumber: date.dayNumber) == date)
        let next = CalendarDate(dayNumber: date.dayNumber + 1)
        #expect(next > date && CalendarDate(dayNumber: next.dayNumber - 1) == date)
    }

    @Test func dayNumbersCountFromTheUnixEpoch() {
        #expect(day(1970, 1, 1).dayNumber == 0)
        #expect(day(2025, 2, 14).dayNumber == 20_133)  // date -d 2025-02-14 +%s / 86400
    }
}
