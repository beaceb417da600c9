/// English month and weekday names, and day arithmetic on the proleptic Gregorian
/// calendar (no Foundation `Calendar`, which is slow and locale-dependent).
enum DateVocabulary {
    private static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
        "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
        "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
        "december": 12, "dec": 12,
    ]
    /// 1 = Sunday ... 7 = Saturday.
    private static let weekdays: [String: Int] = [
        "sunday": 1, "monday": 2, "tuesday": 3, "wednesday": 4, "thursday": 5, "friday": 6, "saturday": 7,
    ]

    /// The month a key names (`feb` -> 2).
    static func month(_ key: String) -> Int? { months[key] }

    /// The weekday a key names, 1 = Sunday.
    static func weekday(_ key: String) -> Int? { weekdays[key] }

    /// Month and weekday names, which are never actor names ("May" excepted: Theresa May).
    static func isCalendarWord(_ key: String) -> Bool {
        (months[key] != nil && key != "may" && key != "mar") || weekdays[key] != nil
    }

    /// Days since 1970-01-01 of a civil date (Hinnant's algorithm).
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The civil date of a day number.
    static func date(dayNumber z0: Int) -> CalendarDate {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return CalendarDate(year: y, month: m, day: d)!
    }

    /// The day number of a day-precision date.
    static func dayNumber(_ date: CalendarDate) -> Int {
        dayNumber(year: date.year, month: date.month ?? 1, day: date.day ?? 1)
    }

    /// The weekday of a day number, 1 = Sunday (1970-01-01 was a Thursday).
    static func weekday(dayNumber: Int) -> Int {
        ((dayNumber % 7 + 7 + 4) % 7) + 1
    }
}
