import NewsModel

/// Infers an article's publication date from its own text, when the text fixes it.
///
/// News dates its main event by weekday ("The Foreign Office on Friday dismissed...").
/// A weekday fixes a day once something ties it to the calendar:
/// - a date beside it: "on Friday (January 31)" with "January 21, 2025" elsewhere: the
///   only year from 2025 to today whose January 31 is a Friday is 2025;
/// - a day-and-month plus a stated interval: "the joint statement of Feb 13" made "a day
///   earlier" than "Friday": Feb 14 is a Friday only in 2025 among the years the text
///   allows (from "since 2023" to today).
///
/// The years allowed run from the latest year the article states to the current year.
/// When several dates fit, nothing is inferred: the year stays unknown rather than guessed.
enum PublicationDateInference {
    /// The publication day, if exactly one fits.
    ///
    /// - Parameters:
    ///   - found: every date expression of the article, in reading order.
    ///   - today: the current date (the upper bound).
    static func infer(from found: [FoundDate], today: CalendarDate) -> CalendarDate? {
        guard let anchor = found.first(where: {
            if case let .weekday(_, forward, _, _) = $0.kind { return !forward }
            return false
        }), case let .weekday(weekday, _, statedMonth, statedDay) = anchor.kind else { return nil }

        var latestYear: Int? = nil
        var yearless: [(month: Int, day: Int)] = []
        var dayEarlier = false
        for date in found {
            switch date.kind {
            case let .absolute(start, _) where start.year <= today.year:
                latestYear = max(latestYear ?? start.year, start.year)
            case let .yearless(month, day?, _, _):
                yearless.append((month, day))
            case .relativeDays(-1) where !date.text.lowercased().hasPrefix("yesterday"):
                dayEarlier = true
            default: break
            }
        }
        // Without a stated year nothing bounds the search below: the weekday cycle repeats.
        guard let lower = latestYear else { return nil }
        let todayNumber = DateVocabulary.dayNumber(year: today.year, month: today.month ?? 12, day: today.day ?? 31)

        var candidates = Set<Int>()
        if let statedMonth, let statedDay {
            for year in lower...today.year {
                guard let date = CalendarDate(year: year, month: statedMonth, day: statedDay) else { continue }
                let number = DateVocabulary.dayNumber(date)
                if DateVocabulary.weekday(dayNumber: number) == weekday && number <= todayNumber { candidates.insert(number) }
            }
        } else {
            guard let last = yearless.max(by: { ($0.month, $0.day) < ($1.month, $1.day) }) else { return nil }
            let offsets = dayEarlier ? 1...1 : 0...6
            for year in lower...today.year {
                guard let date = CalendarDate(year: year, month: last.month, day: last.day) else { continue }
                for offset in offsets {
                    let number = DateVocabulary.dayNumber(date) + offset
                    if DateVocabulary.weekday(dayNumber: number) == weekday && number <= todayNumber { candidates.insert(number) }
                }
            }
        }
        guard candidates.count == 1, let only = candidates.first else { return nil }
        return DateVocabulary.date(dayNumber: only)
    }
}
