/// A calendar date at its real precision: a year, a month, or a day.
///
/// `July 4, 2025` is a day, `February 2025` a month, `since 2023` a year. Ranges are two
/// `CalendarDate`s (see `DateMention`). Comparisons and index values use `lowerBound` and
/// `upperBound`, the first and last day the value covers, as `YYYYMMDD` integers.
public struct CalendarDate: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// How much of the date is known.
    public enum Precision: String, Sendable, Codable, Comparable {
        case year, month, day
        private var rank: Int { self == .year ? 0 : self == .month ? 1 : 2 }
        /// Year < month < day.
        public static func < (a: Precision, b: Precision) -> Bool { a.rank < b.rank }
    }

    /// The year, e.g. 2025.
    public let year: Int
    /// 1...12, or nil at year precision.
    public let month: Int?
    /// 1...31, or nil at year or month precision.
    public let day: Int?

    /// The precision implied by which components are present.
    public var precision: Precision { day != nil ? .day : month != nil ? .month : .year }

    /// A validated date; returns nil for impossible combinations (month 13, February 30).
    public init?(year: Int, month: Int? = nil, day: Int? = nil) {
        guard (1...9999).contains(year) else { return nil }
        if let month {
            guard (1...12).contains(month) else { return nil }
            if let day {
                guard (1...CalendarDate.daysIn(month: month, year: year)).contains(day) else { return nil }
            }
        } else if day != nil {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (the form `description` writes).
    public init?(iso: String) {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4,
              parts.dropFirst().allSatisfy({ $0.count == 2 }),
              let y = Int(parts[0]) else { return nil }
        let m = parts.count > 1 ? Int(parts[1]) : nil
        let d = parts.count > 2 ? Int(parts[2]) : nil
        if parts.count > 1 && m == nil { return nil }
        if parts.count > 2 && d == nil { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// `2025`, `2025-07` or `2025-07-04`.
    public var description: String {
        var s = Self.zeroPadded(year, width: 4)
        if let month { s += "-" + Self.zeroPadded(month, width: 2) }
        if let day { s += "-" + Self.zeroPadded(day, width: 2) }
        return s
    }

    /// `value` in decimal with leading zeros up to `width` digits (the module needs no Foundation).
    private static func zeroPadded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// The first day covered, as `YYYYMMDD`.
    public var lowerBound: Int { year * 10000 + (month ?? 1) * 100 + (day ?? 1) }

    /// The last day covered, as `YYYYMMDD`.
    public var upperBound: Int {
        let m = month ?? 12
        return year * 10000 + m * 100 + (day ?? CalendarDate.daysIn(month: m, year: year))
    }

    /// Orders by first day covered, then by precision (a year sorts before its first month).
    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        a.lowerBound != b.lowerBound ? a.lowerBound < b.lowerBound : a.precision < b.precision
    }

    /// The number of days in a month of the proleptic Gregorian calendar.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension CalendarDate {
    /// Days since 1970-01-01 of a civil date (proleptic Gregorian), by Howard Hinnant's
    /// `days_from_civil`: exact for every year, with no Foundation calendar involved.
    public static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Days since 1970-01-01 of the first day this date covers.
    public var dayNumber: Int { Self.dayNumber(year: year, month: month ?? 1, day: day ?? 1) }

    /// The day-precision date of a day number (`civil_from_days`).
    public init(dayNumber z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// The day-precision date of a `YYYYMMDD` integer (as `lowerBound` and `upperBound` give).
    public init(yyyymmdd: Int) {
        self.year = yyyymmdd / 10000
        self.month = (yyyymmdd / 100) % 100
        self.day = yyyymmdd % 100
    }
}
