import Foundation
import NewsModel

/// Parses the publication dates that metadata fields state (front matter `date`, JSONL
/// `published`, HTML `article:published_time`/`<time datetime>`/JSON-LD `datePublished`).
///
/// Accepted, at their own precision: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, and ISO 8601 with a
/// time (`2025-07-05T18:21:54+05:30`, `2025-07-05 18:21`, `…Z`). The date is the one written,
/// in the writer's own time zone: an article dated `2025-07-05T23:30:00-05:00` was published
/// on the 5th where it was written, which is what a reader of it means by its date.
enum MetadataDate {
    /// The date `text` states, or nil if it is not one of the accepted forms.
    static func parse(_ text: String) -> CalendarDate? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count >= 4 else { return nil }
        // Everything after the day (a `T` or a space, then a time) is ignored.
        var datePart = Substring(trimmed)
        if let cut = trimmed.firstIndex(where: { $0 == "T" || $0 == " " || $0 == "t" }) {
            datePart = trimmed[..<cut]
            let time = trimmed[trimmed.index(after: cut)...]
            guard time.first?.isNumber == true else { return nil }
        }
        return CalendarDate(iso: String(datePart))
    }

    /// Wraps a parsed date as metadata-stated.
    static func published(_ text: String?) -> PublishedDate? {
        guard let text, let date = parse(text) else { return nil }
        return PublishedDate(date: date, origin: .metadata)
    }
}
