import NewsModel

/// A line of an article file that carries metadata rather than text.
///
/// Recognised forms (whole lines, optionally framed by `- ... -`):
/// - `Updated on 2025-07-05T18:21:54+05:30`, `Published: Nov 02, 2025`: a publication date;
/// - `- Nov 02, 2025`, `November 2, 2025`, `2 November 2025`, `2025-11-02`: a publication date;
/// - `- By Web Desk -`, `By Jane Doe`: a byline.
enum MetadataLine: Equatable {
    case published(CalendarDate)
    case byline(String)

    /// Classifies a trimmed line; nil for ordinary text.
    static func parse(_ line: String) -> MetadataLine? {
        var text = Substring(line.trimmingCharacters(in: .whitespaces))
        // Strip a framing "- ... -" as in "- By Web Desk -".
        if text.hasPrefix("- ") { text = text.dropFirst(2) }
        if text.hasSuffix(" -") { text = text.dropLast(2) }
        text = Substring(text.trimmingCharacters(in: .whitespaces))
        guard !text.isEmpty, text.count <= 80 else { return nil }

        let lower = text.lowercased()
        if lower.hasPrefix("by ") {
            let name = text.dropFirst(3).trimmingCharacters(in: .whitespaces)
            // A byline is a short name, not a sentence ("By then, the talks had...").
            guard !name.isEmpty, name.split(separator: " ").count <= 6, !name.contains(","),
                  name.first?.isUppercase == true, !name.hasSuffix(".") else { return nil }
            return .byline(name)
        }
        for lead in ["updated on", "updated", "published on", "published", "posted on", "posted", "last updated"] {
            if lower.hasPrefix(lead) {
                var rest = text.dropFirst(lead.count)
                rest = rest.drop { $0 == ":" || $0 == " " }
                if let date = parseDate(String(rest)) { return .published(date) }
            }
        }
        if let date = parseDate(String(text)) { return .published(date) }
        return nil
    }

    private static let months: [String: Int] = [
        "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
        "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
        "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    ]

    /// Parses a date that is the whole of `text`: ISO 8601 (`2025-07-05`, with optional time),
    /// `Nov 02, 2025`, `November 2, 2025`, `2 November 2025`, optionally after a weekday.
    /// The date is the one written (a time zone offset does not move it to UTC).
    static func parseDate(_ text: String) -> CalendarDate? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        // ISO 8601 (with or without a time) is the metadata fields' parser; a line needs a whole day.
        if let iso = MetadataDate.parse(trimmed), iso.precision == .day { return iso }
        var words = trimmed.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "." }).map { $0.lowercased() }
        // Drop a leading weekday ("Sunday, Nov 02, 2025") and a trailing time ("10:30 AM", "PKT").
        if let first = words.first, ["mon", "monday", "tue", "tuesday", "wed", "wednesday", "thu", "thursday",
                                      "fri", "friday", "sat", "saturday", "sun", "sunday"].contains(first) {
            words.removeFirst()
        }
        guard words.count >= 3 else { return nil }
        let head = Array(words.prefix(3))
        if words.count > 3 && !words[3].contains(":") { return nil }
        if let month = months[head[0]], let day = Int(head[1]), let year = Int(head[2]), head[2].count == 4 {
            return CalendarDate(year: year, month: month, day: day)
        }
        if let day = Int(head[0]), let month = months[head[1]], let year = Int(head[2]), head[2].count == 4 {
            return CalendarDate(year: year, month: month, day: day)
        }
        return nil
    }
}
