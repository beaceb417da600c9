/// What role a passage plays in its article.
public enum PassageKind: String, Sendable, Codable, CaseIterable {
    /// The headline (always passage 0 when present).
    case title
    /// A short title-like line inside the body (a sub-heading).
    case heading
    /// An ordinary paragraph.
    case paragraph
    /// A list item (`- ...`), such as the summary bullets above some stories.
    case bullet
}

/// One searchable unit: a paragraph, heading, bullet or the title of an article.
public struct Passage: Sendable, Equatable {
    /// Position in the article: 0 is the title, body passages count up from 1.
    public var number: Int
    /// The passage's role.
    public var kind: PassageKind
    /// The text exactly as written (wrapped lines joined by one space; a bullet's `- ` kept off).
    public var text: String
    /// The 1-based line of the source file where the passage starts, for messages.
    public var line: Int

    /// Creates a passage.
    public init(number: Int, kind: PassageKind, text: String, line: Int) {
        self.number = number
        self.kind = kind
        self.text = text
        self.line = line
    }
}
