/// An article's publication date and how it was established.
public struct PublishedDate: Sendable, Hashable, Codable {
    /// Where the date came from.
    public enum Origin: String, Sendable, Codable {
        /// Stated by the file's metadata (`Updated on ...`, `- Nov 02, 2025`, front matter, `<DATE>`).
        case metadata
        /// Inferred from the article's own text (marked as such in the output).
        case inferred
        /// Supplied by the user (`--published`).
        case user
    }

    /// The date, at the precision known.
    public var date: CalendarDate
    /// How the date was established.
    public var origin: Origin

    /// Creates a publication date.
    public init(date: CalendarDate, origin: Origin) {
        self.date = date
        self.origin = origin
    }
}
