import NewsModel

/// Turns found date expressions into calendar values, resolving partial and relative
/// ones against the publication date.
///
/// An expression the reference cannot settle (a weekday when only the year is known, any
/// partial date when nothing is known) yields no mention rather than a guess.
struct DateResolver {
    /// The publication date, at whatever precision is known.
    let reference: CalendarDate?

    func resolve(_ found: FoundDate) -> DateMention? {
        switch found.kind {
        case let .absolute(start, end):
            return DateMention(text: found.text, start: start, end: end)
        case let .event(date):
            return DateMention(text: found.text, start: date, isEventReference: true)
        case let .yearless(month, day, endMonth, endDay):
            guard let year = nearestYear(month: month, day: day) else { return nil }
            guard let start = CalendarDate(year: year, month: month, day: day) else { return nil }
            var end: CalendarDate? = nil
            if let endDay {
                let em = endMonth ?? month
                // "December 30 to January 2" runs into the next year.
                end = CalendarDate(year: em < month ? year + 1 : year, month: em, day: endDay)
            }
            return DateMention(text: found.text, start: start, end: end)
        case let .weekday(weekday, forward, month, day):
            if let month, let day {
                guard let year = nearestYear(month: month, day: day),
                      let date = CalendarDate(year: year, month: month, day: day) else { return nil }
                return DateMention(text: found.text, start: date)
            }
            guard let reference, reference.precision == .day else { return nil }
            let p = DateVocabulary.dayNumber(reference)
            let w = DateVocabulary.weekday(dayNumber: p)
            let offset = forward ? (weekday - w + 7) % 7 : -((w - weekday + 7) % 7)
            return DateMention(text: found.text, start: DateVocabulary.date(dayNumber: p + offset))
        case let .relativeDays(delta):
            guard let reference, reference.precision == .day else { return nil }
            return DateMention(text: found.text, start: DateVocabulary.date(dayNumber: DateVocabulary.dayNumber(reference) + delta))
        case let .relativeMonths(delta):
            guard let reference, let m = reference.month else { return nil }
            let index = reference.year * 12 + (m - 1) + delta
            return CalendarDate(year: index / 12, month: index % 12 + 1).map { DateMention(text: found.text, start: $0) }
        case let .relativeYears(delta):
            guard let reference else { return nil }
            return CalendarDate(year: reference.year + delta).map { DateMention(text: found.text, start: $0) }
        }
    }

    /// The year that puts a month (and day) closest to the reference: "November 6" in an
    /// article of November 2 is this year's, "December 28" in one of January 3 last year's.
    func nearestYear(month: Int, day: Int?) -> Int? {
        guard let reference else { return nil }
        guard let refMonth = reference.month else { return reference.year }
        let refDay = DateVocabulary.dayNumber(year: reference.year, month: refMonth, day: reference.day ?? 15)
        var best: (year: Int, distance: Int)? = nil
        for year in (reference.year - 1)...(reference.year + 1) {
            let d = min(day ?? 15, CalendarDate.daysIn(month: month, year: year))
            let distance = abs(DateVocabulary.dayNumber(year: year, month: month, day: d) - refDay)
            if best == nil || distance < best!.distance { best = (year, distance) }
        }
        return best?.year
    }
}
