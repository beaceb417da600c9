import NewsModel
import Testing
@testable import Indexer
@testable import Tagger

/// Each date form, and what is not a date.
@Suite struct DateRuleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var sentence: String
        var published: String?
        /// "text=value" per mention; `!` marks an event reference.
        var expected: [String]
        var testDescription: String { sentence }
    }

    static let cases: [Case] = [
        Case(sentence: "In an interview on July 4, 2025, he spoke.", published: nil, expected: ["July 4, 2025=2025-07-04"]),
        Case(sentence: "It was posted Nov 02, 2025 by the desk.", published: nil, expected: ["Nov 02, 2025=2025-11-02"]),
        Case(sentence: "Updated 2025-07-05 at noon.", published: nil, expected: ["2025-07-05=2025-07-05"]),
        Case(sentence: "Firing began on 12 October.", published: "2025-11-01", expected: ["12 October=2025-10-12"]),
        Case(sentence: "The statement of Feb 13 was one-sided.", published: "2025-02-14", expected: ["Feb 13=2025-02-13"]),
        Case(sentence: "The next round is scheduled for November 6.", published: "2025-11-02", expected: ["November 6=2025-11-06"]),
        Case(sentence: "They met on December 30.", published: "2026-01-03", expected: ["December 30=2025-12-30"]),
        Case(sentence: "Since 2023, ties have frayed.", published: nil, expected: ["Since 2023=2023"]),
        Case(sentence: "The regime took power in 2021.", published: nil, expected: ["2021=2021"]),
        Case(sentence: "Sales fell in February 2025.", published: nil, expected: ["February 2025=2025-02"]),
        Case(sentence: "He would visit Washington in February.", published: "2025-01-31", expected: ["February=2025-02"]),
        Case(sentence: "Talks ran from October 25 to 30, 2025.", published: nil, expected: ["October 25 to 30, 2025=2025-10-25/2025-10-30"]),
        Case(sentence: "A truce was agreed on October 18\u{2013}19, 2025.", published: nil, expected: ["October 18\u{2013}19, 2025=2025-10-18/2025-10-19"]),
        Case(sentence: "Talks were held 25-30 October 2025.", published: nil, expected: ["25-30 October 2025=2025-10-25/2025-10-30"]),
        Case(sentence: "The ministry said on Friday it would act.", published: "2025-02-14", expected: ["Friday=2025-02-14"]),
        Case(sentence: "Trump said on Thursday the deal was done.", published: "2025-02-14", expected: ["Thursday=2025-02-13"]),
        Case(sentence: "The two will meet next Monday.", published: "2025-02-14", expected: ["next Monday=2025-02-17"]),
        Case(sentence: "Late last month the court ruled.", published: "2025-02-14", expected: ["Late last month=2025-01"]),
        Case(sentence: "Prices rose last year.", published: "2025-02-14", expected: ["last year=2024"]),
        Case(sentence: "The minister resigned yesterday.", published: "2025-02-14", expected: ["yesterday=2025-02-13"]),
        Case(sentence: "The 26/11 Mumbai attacks killed 166 people.", published: nil, expected: ["26/11=2008-11-26!"]),
        Case(sentence: "The 26/11-accused was extradited.", published: nil, expected: ["26/11=2008-11-26!"]),
        Case(sentence: "He is serving a 33-year sentence after a three-day trial.", published: "2025-07-05", expected: []),
        Case(sentence: "Over 160 people died and 23 soldiers and 2000 troops were deployed.", published: nil, expected: []),
        Case(sentence: "The ministry said on Friday it would act.", published: nil, expected: []),
        Case(sentence: "Firing began on 12 October.", published: nil, expected: []),
        Case(sentence: "He may return in May 2025, not in may.", published: nil, expected: ["May 2025=2025-05"]),
        Case(sentence: "He is wanted in a 2019 murder case, not by the 1267 sanctions committee.", published: nil, expected: ["2019=2019"]),
        // Bare numbers are years only with evidence, near the publication year (1987 wire copy).
        Case(sentence: "Bids are taken until about 2000 or 2100 EST.", published: "1987-03-02", expected: []),
        Case(sentence: "Trading is extended between 1800 and 2100 local time.", published: "1987-03-02", expected: []),
        Case(sentence: "Stores will sell the 2114/PC Retail Management System.", published: "1987-03-02", expected: []),
        Case(sentence: "Jly  1812", published: "1987-03-02", expected: []),
        Case(sentence: "Exports rose to 2000 tonnes from 1950 tonnes, and 1990 dlrs were paid.", published: "1987-03-02", expected: []),
        Case(sentence: "Output fell in 1986 and will rise by 1990.", published: "1987-03-02", expected: ["1986=1986", "1990=1990"]),
        Case(sentence: "Output grew between 1985 and 1987 in fiscal 1988 terms.", published: "1987-03-02",
             expected: ["1985=1985", "1987=1987", "1988=1988"]),
        Case(sentence: "The 1986/87 crop and the 1987-88 season beat the 1970s.", published: "1987-03-02",
             expected: ["1986/87=1986/1987", "1987-88=1987/1988", "1970s=1970/1979"]),
        Case(sentence: "The plan runs until 2010, not 2100.", published: "1987-03-02", expected: ["2010=2010"]),
        Case(sentence: "Net rose in 1986 to 454 mln dlrs, above 1985's 67 mln; 1986 4th qtr net and the 1987 budget were due 1992.",
             published: "1987-03-02", expected: ["1986=1986", "1985=1985", "1986=1986", "1987=1987", "1992=1992"]),
        Case(sentence: "The record was set in September, 1986.", published: "1987-03-02", expected: ["September, 1986=1986-09"]),
        Case(sentence: "Output may be 1.34 mln tonnes in 1987 and 1.36 mln in 1988, against year-end 1985 and base 1980.",
             published: "1987-03-02", expected: ["1987=1987", "1988=1988", "1985=1985", "1980=1980"]),
    ]

    @Test(arguments: cases)
    func resolvesDateForm(_ testCase: Case) {
        let published = testCase.published.flatMap(CalendarDate.init(iso:))
        let tagged = SeedArticles.tagger.tag(SeedArticles.article([testCase.sentence], published: published))
        let found = tagged.passages[1].dates.map { "\($0.text)=\($0.value)\($0.isEventReference ? "!" : "")" }
        #expect(found == testCase.expected)
    }

    @Test func dayArithmeticRoundTrips() {
        for number in stride(from: -1000, through: 30000, by: 37) {
            let date = DateVocabulary.date(dayNumber: number)
            #expect(DateVocabulary.dayNumber(date) == number)
        }
        // 2025-02-14 was a Friday (6), 1970-01-01 a Thursday (5).
        #expect(DateVocabulary.weekday(dayNumber: DateVocabulary.dayNumber(year: 2025, month: 2, day: 14)) == 6)
        #expect(DateVocabulary.weekday(dayNumber: 0) == 5)
    }
}

/// Publication dates inferred from the seed articles' own text.
@Suite struct PublicationDateInferenceTests {
    @Test func seed001FridayAfterStatementOfFeb13() throws {
        // "The Foreign Office on Friday dismissed" the statement "of Feb 13", made when Trump
        // and Modi met "a day earlier"; "Since 2023" bounds the year below, today above:
        // Feb 14 is a Friday only in 2025 among 2023...2026.
        let tagged = SeedArticles.tagger.tag(try SeedArticles.article("001"))
        #expect(tagged.article.published == PublishedDate(date: CalendarDate(year: 2025, month: 2, day: 14)!, origin: .inferred))
    }

    @Test func seed003FridayJanuary31WithYearStatedNearby() throws {
        // "on Friday (January 31)" with "January 21, 2025": January 31 is a Friday in 2025, not 2026.
        let tagged = SeedArticles.tagger.tag(try SeedArticles.article("003"))
        #expect(tagged.article.published == PublishedDate(date: CalendarDate(year: 2025, month: 1, day: 31)!, origin: .inferred))
    }

    @Test func seed002LeavesYearUnknown() throws {
        // "on Saturday", talks until "31 October", "since ... 2021": some Saturday in the week
        // after October 31 exists in every year from 2021 on, so nothing is inferred and
        // partial dates stay unresolved rather than guessed.
        let tagged = SeedArticles.tagger.tag(try SeedArticles.article("002"))
        #expect(tagged.article.published == nil)
        #expect(tagged.passages[23].dates.isEmpty)
    }

    @Test func seed002ResolvesOnceUserSuppliesDate() throws {
        let user = PublishedDate(date: CalendarDate(year: 2025, month: 11, day: 1)!, origin: .user)
        let tagged = SeedArticles.tagger.tag(try SeedArticles.article("002", published: user))
        #expect(tagged.article.published == user)
        #expect(tagged.passages[3].dates.map(\.value) == ["2025-11-01"])            // on Saturday
        #expect(tagged.passages[18].dates.map(\.value) == ["2025-10-12"])           // 12 October
        #expect(tagged.passages[23].dates.map(\.value) == ["2025-10-25", "2025-10-31"])
        #expect(tagged.passages[24].dates.map(\.value) == ["2025-11-06"])           // November 6
    }

    @Test func metadataDateIsKept() throws {
        let tagged = SeedArticles.tagger.tag(try SeedArticles.article("004"))
        #expect(tagged.article.published?.origin == .metadata)
        #expect(tagged.article.published?.date == CalendarDate(year: 2025, month: 11, day: 2))
    }

    @Test func weekdayWithoutAnyYearInfersNothing() {
        let article = SeedArticles.article(["The ministry said on Friday (January 31) it would act."])
        #expect(SeedArticles.tagger.tag(article).article.published == nil)
    }
}
