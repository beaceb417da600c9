import NewsModel

/// English month and weekday names, and day arithmetic on the proleptic Gregorian
/// calendar (no Foundation `Calendar`, which is slow and locale-dependent).
enum DateVocabulary {
    private static let months = KeyTable<Int>([
        ("january", 1), ("jan", 1), ("february", 2), ("feb", 2), ("march", 3), ("mar", 3), ("april", 4), ("apr", 4),
        ("may", 5), ("june", 6), ("jun", 6), ("july", 7), ("jul", 7), ("august", 8), ("aug", 8),
        ("september", 9), ("sep", 9), ("sept", 9), ("october", 10), ("oct", 10), ("november", 11), ("nov", 11),
        ("december", 12), ("dec", 12),
    ].map { (key: $0.0, value: $0.1) })
    /// 1 = Sunday ... 7 = Saturday.
    private static let weekdays = KeyTable<Int>([
        ("sunday", 1), ("monday", 2), ("tuesday", 3), ("wednesday", 4), ("thursday", 5), ("friday", 6), ("saturday", 7),
    ].map { (key: $0.0, value: $0.1) })

    /// Every month and weekday key (`DateFinder`'s test of where a date may start).
    static var monthAndWeekdayNames: [String] { months.keys + weekdays.keys }

    /// The month a key names (`feb` -> 2).
    static func month(_ key: String) -> Int? { months.value(key) }

    /// The month a token's key names (looked up by its `keyHash`).
    static func month(_ token: Token) -> Int? { months.value(token) }

    /// The weekday a token's key names, 1 = Sunday.
    static func weekday(_ token: Token) -> Int? { weekdays.value(token) }

    /// Month and weekday names, which are never actor names ("May" excepted: Theresa May).
    static func isCalendarWord(_ token: Token) -> Bool {
        (months.value(token) != nil && token.key != "may" && token.key != "mar") || weekdays.value(token) != nil
    }

    /// Days since 1970-01-01 (see `CalendarDate.dayNumber(year:month:day:)`).
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        CalendarDate.dayNumber(year: year, month: month, day: day)
    }

    /// The civil date of a day number.
    static func date(dayNumber: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber) }

    /// The day number of a day-precision date.
    static func dayNumber(_ date: CalendarDate) -> Int { date.dayNumber }

    /// The weekday of a day number, 1 = Sunday (1970-01-01 was a Thursday).
    static func weekday(dayNumber: Int) -> Int {
        ((dayNumber % 7 + 7 + 4) % 7) + 1
    }
}
