import NewsModel

/// A date expression found in a passage, before it is resolved against the publication date.
struct FoundDate: Sendable, Equatable {
    /// What the expression fixes by itself.
    enum Kind: Sendable, Equatable {
        /// Fully stated: `July 4, 2025`, `2025-07-05`, `since 2023`, `October 25 to 30, 2025`.
        case absolute(CalendarDate, CalendarDate?)
        /// A date named by its event: `26/11`.
        case event(CalendarDate)
        /// A day or month without its year: `Feb 13`, `12 October`, `in February`,
        /// `October 25 to 30`; `endMonth`/`endDay` for ranges.
        case yearless(month: Int, day: Int?, endMonth: Int?, endDay: Int?)
        /// A weekday, with the date stated beside it when there is one (`Friday (January 31)`).
        case weekday(Int, forward: Bool, month: Int?, day: Int?)
        /// Days from the publication date: `yesterday` -1, `a day earlier` -1.
        case relativeDays(Int)
        /// Months from the publication month: `last month` -1.
        case relativeMonths(Int)
        /// Years from the publication year: `last year` -1.
        case relativeYears(Int)
    }

    /// Token range.
    var start: Int
    var end: Int
    /// The surface text.
    var text: String
    var kind: Kind
}

/// Finds date expressions over a passage's tokens.
///
/// Numbers are dates only in date shapes: "33-year sentence", "over 160 people" and
/// "23 Pakistani soldiers" are not.
struct DateFinder {
    /// Event names that are dates ("26/11").
    let events: [String: CalendarDate]
    /// The latest year a bare number may be: the publication year (or, unknown, the
    /// current year) plus 50. "2100 EST" in 1987 wire copy is a time, not a year.
    var latestYear: Int = 2100

    /// Bare four-digit numbers are years only from here on ("1812" in a price table is not).
    static let earliestBareYear = 1900
    /// Words after a number that make it a time of day ("2100 EST", "1800 local time").
    private static let timeWords: Set<String> = [
        "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "bst", "cet", "jst", "utc", "hrs", "hours",
        "hour", "local", "am", "pm", "a.m", "p.m", "o'clock", "h",
    ]
    /// Words after a number that make it a quantity ("2000 tonnes", "1990 dlrs", "1500 pct").
    private static let unitWords: Set<String> = [
        "pct", "percent", "mln", "million", "billion", "bln", "dlrs", "dlr", "dollars", "yen", "marks", "francs",
        "stg", "pounds", "tonnes", "tons", "tonne", "ton", "barrels", "bpd", "ounces", "oz", "shares", "points",
        "acres", "hectares", "feet", "metres", "meters", "miles", "kms", "km", "kilometres", "cents", "units",
        "lire", "pesos", "rupees", "crowns", "guilders", "kg", "lbs", "bushels", "bales", "cwt", "mw", "megawatts",
        "people", "men", "women", "workers", "employees", "troops", "vs", "times",
    ]

    /// Words before a bare four-digit number that make it a year.
    private static let yearCues: Set<String> = [
        "in", "since", "of", "by", "until", "till", "from", "before", "after", "during", "early", "late",
        "mid", "year", "the", "fiscal", "'s", "through", "due", "quarter", "qtr", "half", "mths", "months", "calendar",
        "season", "crop", "end", "base",
    ]
    /// Words after a bare number that make it a year: "1987 budget", "1986 4th qtr", "1985 net".
    private static let yearNouns: Set<String> = [
        "qtr", "quarter", "first", "second", "third", "fourth", "half", "results", "earnings", "net", "profit",
        "profits", "loss", "losses", "budget", "season", "crop", "harvest", "output", "sales", "revenues",
        "figures", "level", "levels", "average", "period", "annual", "dividend", "election", "elections",
        "target", "targets", "quota", "quotas", "exports", "imports", "production", "deficit", "surplus", "growth",
        "total", "estimate", "forecast", "figure", "accord", "agreement", "plan", "law", "act", "program",
        "year", "payout", "three", "six", "nine", "twelve", "months", "mths",
    ]
    /// Weaker cues: "between 2019 and 2021" is a year, "and 2000 troops" a number.
    private static let weakYearCues: Set<String> = ["between", "and", "to", "around", "circa", "for", "or", "a", "an"]
    /// Words before a lone month name that make it a date ("in February").
    private static let monthCues: Set<String> = [
        "in", "since", "until", "till", "by", "from", "of", "early", "late", "mid", "last", "next", "this",
        "during", "before", "after", "through", "end",
    ]
    private static let rangeWords: Set<String> = ["to", "-", "\u{2013}", "\u{2014}", "through", "till", "until"]
    private static let futureCues: Set<String> = ["next", "will", "would", "coming", "scheduled", "upcoming", "due"]
    /// Words between the two ends of a range of numbers ("1800 and 2100", "2000 to 3000").
    private static let numberRangeWords: Set<String> = ["and", "to", "or", "-", "\u{2013}"]
    /// The words a date expression can start with: month and weekday names, and the first
    /// words of the relative expressions ("yesterday", "last month", "a day earlier").
    private static let startWords = KeyTable(keys: Set(DateVocabulary.monthAndWeekdayNames
        + ["yesterday", "today", "tomorrow", "last", "next", "this", "a", "the"]).sorted())
    /// Words before a glued year that keep it a year ("mid-1987").
    private static let yearPrefixes: Set<String> = ["mid", "early", "late", "pre", "post"]

    func dates(in tokens: [Token], text: (Int, Int) -> String) -> [FoundDate] {
        var out: [FoundDate] = []
        var i = 0
        let n = tokens.count
        func key(_ k: Int) -> String { k < n ? tokens[k].key : "" }
        func number(_ k: Int) -> Int? {
            guard k < n, tokens[k].kind == .number, tokens[k].text.utf8.count <= 4 else { return nil }
            // "5th" -> 5.
            let digits = tokens[k].text.prefix { $0.isNumber }
            return Int(digits)
        }
        func day(_ k: Int) -> Int? {
            guard let v = number(k), (1...31).contains(v), tokens[k].text.utf8.count <= 4 else { return nil }
            return v
        }
        func year(_ k: Int) -> Int? {
            // News years: "1267 sanctions committee" is a name, not a year.
            guard let v = number(k), tokens[k].text.utf8.count == 4, v >= 1800, v <= latestYear else { return nil }
            return v
        }
        func month(_ k: Int) -> Int? {
            guard k < n, tokens[k].kind == .word, tokens[k].isCapitalised else { return nil }
            return DateVocabulary.month(tokens[k])
        }
        /// Skips the dot of an abbreviated month ("Feb.").
        func afterMonth(_ k: Int) -> Int {
            k + 1 < n && tokens[k + 1].isPunctuation(".") && tokens[k].text.count <= 4 ? k + 2 : k + 1
        }
        func isRangeWord(_ k: Int) -> Bool { k < n && DateFinder.rangeWords.contains(tokens[k].key) }

        /// A plausible bare year: four digits from 1900 to `latestYear`.
        func plausibleYear(_ k: Int) -> Int? {
            guard let v = year(k), v >= DateFinder.earliestBareYear, v <= latestYear else { return nil }
            return v
        }
        /// "2100 EST", "1800 and 2100 local time": a time of day, never a year.
        func isTime(_ k: Int) -> Bool {
            if DateFinder.timeWords.contains(key(k + 1)) { return true }
            if DateFinder.numberRangeWords.contains(key(k + 1)), k + 2 < n, tokens[k + 2].kind == .number,
               DateFinder.timeWords.contains(key(k + 3)) { return true }
            return false
        }
        /// "the 2114/PC system", "PC-2114", "2000-tonne": digits glued to a slash, a letter
        /// or a hyphenated word are a model number or a unit, never a year.
        func isGlued(_ k: Int) -> Bool {
            if k + 1 < n, !tokens[k + 1].spaceBefore, tokens[k + 1].isPunctuation("/") || tokens[k + 1].isPunctuation("-") {
                return true
            }
            if k > 0, !tokens[k].spaceBefore {
                let prev = tokens[k - 1]
                if prev.isPunctuation("/") || prev.kind == .word { return true }
                // "mid-1987" is a year; "PC-2114" a model.
                if prev.isPunctuation("-"), k >= 2, !prev.spaceBefore, tokens[k - 2].kind == .word {
                    return !DateFinder.yearPrefixes.contains(tokens[k - 2].key)
                }
            }
            return false
        }
        /// "2000 tonnes", "1990 dlrs", "$1987", "2000 troops": a quantity.
        func isQuantity(_ k: Int, partner: Bool = true) -> Bool {
            if k > 0, tokens[k - 1].text == "$" || tokens[k - 1].kind == .number { return true }
            guard k + 1 < n else { return false }
            // "from 2000 to 3000 tonnes": the unit after the range counts for both ends (a
            // range of like numbers only: "in 1986 to 454 mln dlrs" is a year).
            if partner, DateFinder.numberRangeWords.contains(tokens[k + 1].key), k + 2 < n, tokens[k + 2].kind == .number,
               tokens[k + 2].text.utf8.count == tokens[k].text.utf8.count,
               tokens[k + 2].text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
                return isQuantity(k + 2, partner: false)
            }
            let next = tokens[k + 1]
            if next.kind == .punctuation && (next.text == "%" || next.text == "$") { return true }
            guard next.kind == .word, !next.isCapitalised || next.isAllCaps else { return false }
            return DateFinder.unitWords.contains(next.key)
        }
        /// A bare four-digit number that the text shows to be a year: a cue before it ("in",
        /// "since", "fiscal", "the"), a name after it ("the 2008 Mumbai attack"), or another
        /// year it ranges with ("between 1985 and 1987"); never a time, model or quantity.
        func bareYear(_ k: Int) -> Int? {
            guard let y = plausibleYear(k), !isTime(k), !isGlued(k), !isQuantity(k) else { return nil }
            let prev = k > 0 ? tokens[k - 1] : nil
            let next = k + 1 < n ? tokens[k + 1] : nil
            let countsThings = next.map { $0.kind == .word && !$0.isCapitalised && $0.key.hasSuffix("s") } ?? false
            if let prev, DateFinder.yearCues.contains(prev.key) { return y }
            // "year-end 1985", "fourth-quarter 1986", "end-September 1986".
            if let prev, prev.isHyphenated, let last = Tokenizer.hyphenParts(prev.key).last,
               DateFinder.yearCues.contains(String(last)) || DateVocabulary.month(String(last)) != nil {
                return y
            }
            if let prev, DateFinder.weakYearCues.contains(prev.key), !countsThings {
                // "between 1985 and 1987", "from 1986 to 1990": a range needs a year on the other side.
                if prev.key == "and" || prev.key == "to" || prev.key == "or" {
                    return k >= 2 && plausibleYear(k - 2) != nil ? y : nil
                }
                if prev.key == "between" { return k + 2 < n && plausibleYear(k + 2) != nil ? y : nil }
                return y
            }
            // "1985's 67 mln tons", "the 1987 budget", "1986 4th qtr", "1985 net".
            if let next, next.kind == .possessive || (next.kind == .punctuation && !next.spaceBefore
                && (next.text == "'" || next.text == "\u{2019}") && key(k + 2) == "s") { return y }
            if let next, next.kind == .word, !next.isCapitalised, DateFinder.yearNouns.contains(next.key) { return y }
            if let next, next.kind == .number, let last = next.key.utf8.last, last == 116 || last == 100 || last == 104 { return y } // 1st 2nd 3rd 4th
            // "2008 Mumbai attack", "1987 Budget": a year naming what follows.
            if let next, next.kind == .word, next.isCapitalised, !next.isAllCaps, next.spaceBefore,
               !DateVocabulary.isCalendarWord(next) {
                return y
            }
            return nil
        }
        /// "1986/87", "1986-87", "1986/1987": a season or fiscal year; "1980s": a decade.
        func yearSpan(_ k: Int) -> (first: Int, last: Int, end: Int)? {
            let t = tokens[k].text
            let count = t.utf8.count
            guard count == 4 || count == 5 || count == 7 || count == 9 else { return nil }
            let bytes = Array(t.utf8)
            if bytes.count == 5, bytes[4] == 115, let y = Int(String(t.prefix(4))), y % 10 == 0,
               y >= DateFinder.earliestBareYear, y <= latestYear, bytes[3] == 48 {
                return (y, y + 9, k + 1)
            }
            var first: Int? = nil, second: String? = nil, end = k + 1
            if bytes.count == 7 || bytes.count == 9, bytes[4] == 47 {
                first = Int(String(t.prefix(4))); second = String(t.dropFirst(5))
            } else if bytes.count == 4, k + 2 < n, tokens[k + 1].isPunctuation("-"), !tokens[k + 1].spaceBefore,
                      !tokens[k + 2].spaceBefore, tokens[k + 2].kind == .number,
                      tokens[k + 2].text.utf8.count == 2 || tokens[k + 2].text.utf8.count == 4 {
                first = Int(t); second = tokens[k + 2].text; end = k + 3
            }
            guard let f = first, let s = second, let v = Int(s), f >= DateFinder.earliestBareYear, f <= latestYear else { return nil }
            let last = s.count == 2 ? f / 100 * 100 + v + (v < f % 100 ? 100 : 0) : v
            guard last == f + 1 else { return nil }
            return (f, last, end)
        }

        while i < n {
            // Only a number or one of `startWords` starts a date expression (every branch
            // below begins with one); the rest are passed over before being copied out.
            if tokens[i].kind != .number && (tokens[i].kind != .word || !DateFinder.startWords.contains(tokens[i])) {
                i += 1; continue
            }
            let t = tokens[i]
            // ISO dates and event names.
            if t.kind == .number {
                if t.text.utf8.count == 10, let date = CalendarDate(iso: t.text) {
                    out.append(FoundDate(start: i, end: i + 1, text: t.text, kind: .absolute(date, nil)))
                    i += 1; continue
                }
                if let date = events[t.text] {
                    out.append(FoundDate(start: i, end: i + 1, text: t.text, kind: .event(date)))
                    i += 1; continue
                }
                // Day-first: 12 October [2025]; 25-30 October 2025.
                if let d = day(i) {
                    var k = i + 1
                    var endDay: Int? = nil
                    if isRangeWord(k), let d2 = day(k + 1), month(k + 2) != nil { endDay = d2; k += 2 }
                    if let m = month(k) {
                        var e = afterMonth(k)
                        if e < n, tokens[e].isPunctuation(","), year(e + 1) != nil { e += 1 }
                        if let y = year(e) {
                            let s = CalendarDate(year: y, month: m, day: d)
                            let end = endDay.flatMap { CalendarDate(year: y, month: m, day: $0) }
                            if let s { out.append(FoundDate(start: i, end: e + 1, text: text(i, e + 1), kind: .absolute(s, end))) }
                            i = e + 1; continue
                        }
                        out.append(FoundDate(start: i, end: e, text: text(i, e),
                                             kind: .yearless(month: m, day: d, endMonth: endDay == nil ? nil : m, endDay: endDay)))
                        i = e; continue
                    }
                }
                // A year: "since 2023", "in 2021", "the 2008 Mumbai attack", "between 1985 and 1987".
                if let y = bareYear(i) {
                    let since = i > 0 && tokens[i - 1].key == "since"
                    let s = since ? i - 1 : i
                    out.append(FoundDate(start: s, end: i + 1, text: text(s, i + 1),
                                         kind: .absolute(CalendarDate(year: y)!, nil)))
                    i += 1; continue
                }
                // A season or fiscal year: "1986/87", "1986-87"; a decade: "the 1980s".
                if let span = yearSpan(i) {
                    out.append(FoundDate(start: i, end: span.end, text: text(i, span.end),
                                         kind: .absolute(CalendarDate(year: span.first)!, CalendarDate(year: span.last))))
                    i = span.end; continue
                }
                i += 1; continue
            }
            guard t.kind == .word else { i += 1; continue }

            // Month-first: July 4, 2025; Feb 13; October 25 to 30, 2025; October 18–19, 2025; July 2025.
            if let m = month(i) {
                let k = afterMonth(i)
                if let d = day(k) {
                    var e = k + 1
                    var endDay: Int? = nil
                    var endMonth: Int? = nil
                    if isRangeWord(e) {
                        if let d2 = day(e + 1) { endDay = d2; endMonth = m; e += 2 }
                        else if let m2 = month(e + 1), let d2 = day(afterMonth(e + 1)) { endDay = d2; endMonth = m2; e = afterMonth(e + 1) + 1 }
                    }
                    var y: Int? = nil
                    if e < n, tokens[e].isPunctuation(","), let yy = year(e + 1) { y = yy; e += 2 }
                    else if let yy = year(e) { y = yy; e += 1 }
                    if let y {
                        if let s = CalendarDate(year: y, month: m, day: d) {
                            let end = endDay.flatMap { CalendarDate(year: y, month: endMonth ?? m, day: $0) }
                            out.append(FoundDate(start: i, end: e, text: text(i, e), kind: .absolute(s, end)))
                        }
                    } else if t.key != "may" || endDay != nil {
                        out.append(FoundDate(start: i, end: e, text: text(i, e),
                                             kind: .yearless(month: m, day: d, endMonth: endMonth, endDay: endDay)))
                    }
                    i = e; continue
                }
                if let y = year(k) {
                    out.append(FoundDate(start: i, end: k + 1, text: text(i, k + 1), kind: .absolute(CalendarDate(year: y, month: m)!, nil)))
                    i = k + 1; continue
                }
                // "June, 1986".
                if k < n, tokens[k].isPunctuation(","), let y = year(k + 1), !isTime(k + 1) {
                    out.append(FoundDate(start: i, end: k + 2, text: text(i, k + 2), kind: .absolute(CalendarDate(year: y, month: m)!, nil)))
                    i = k + 2; continue
                }
                if t.key != "may", i > 0, DateFinder.monthCues.contains(tokens[i - 1].key) {
                    out.append(FoundDate(start: i, end: k, text: text(i, k), kind: .yearless(month: m, day: nil, endMonth: nil, endDay: nil)))
                    i = k; continue
                }
                i += 1; continue
            }

            // Weekdays: "on Friday", "Thursday", "next Monday", "Friday (January 31)".
            if t.isCapitalised, let w = DateVocabulary.weekday(t) {
                let prev = i > 0 ? tokens[i - 1].key : ""
                var start = i
                if prev == "last" || prev == "next" || prev == "this" { start = i - 1 }
                let lookBack = tokens[max(0, i - 4)..<i].map(\.key)
                let forward = prev == "next" || lookBack.contains(where: DateFinder.futureCues.contains)
                var e = i + 1
                var em: Int? = nil, ed: Int? = nil
                if e < n, tokens[e].isPunctuation("("), let m = month(e + 1), let d = day(afterMonth(e + 1)),
                   afterMonth(e + 1) + 1 < n, tokens[afterMonth(e + 1) + 1].isPunctuation(")") {
                    em = m; ed = d; e = afterMonth(e + 1) + 2
                } else if e + 1 < n, tokens[e].isPunctuation(","), month(e + 1) != nil, day(afterMonth(e + 1)) != nil {
                    // "Friday, January 31, 2025": the date that follows says it all.
                    i += 1; continue
                }
                out.append(FoundDate(start: start, end: e, text: text(start, e), kind: .weekday(w, forward: forward, month: em, day: ed)))
                i = e; continue
            }

            // Relative words: all start with a, l, n, t or y.
            guard let initial = t.key.utf8.first, initial == 97 || initial == 108 || initial == 110 || initial == 116 || initial == 121 else {
                i += 1; continue
            }
            switch t.key {
            case "yesterday": out.append(FoundDate(start: i, end: i + 1, text: t.text, kind: .relativeDays(-1)))
            case "today": out.append(FoundDate(start: i, end: i + 1, text: t.text, kind: .relativeDays(0)))
            case "tomorrow": out.append(FoundDate(start: i, end: i + 1, text: t.text, kind: .relativeDays(1)))
            case "last", "next", "this":
                let delta = t.key == "last" ? -1 : t.key == "next" ? 1 : 0
                let unit = key(i + 1)
                if unit == "month" || unit == "year" {
                    var s = i
                    if i > 0, ["late", "early", "mid", "earlier", "later"].contains(tokens[i - 1].key) { s = i - 1 }
                    let kind: FoundDate.Kind = unit == "month" ? .relativeMonths(delta) : .relativeYears(delta)
                    out.append(FoundDate(start: s, end: i + 2, text: text(s, i + 2), kind: kind))
                    i += 2; continue
                }
            case "a", "the":
                // "a day earlier", "a day before", "the previous day", "the day before".
                if key(i + 1) == "day" && ["earlier", "before"].contains(key(i + 2)) && key(i + 3) != "the" {
                    out.append(FoundDate(start: i, end: i + 3, text: text(i, i + 3), kind: .relativeDays(-1)))
                    i += 3; continue
                }
                if key(i + 1) == "previous" && key(i + 2) == "day" {
                    out.append(FoundDate(start: i, end: i + 3, text: text(i, i + 3), kind: .relativeDays(-1)))
                    i += 3; continue
                }
            default: break
            }
            i += 1
        }
        return out
    }
}
