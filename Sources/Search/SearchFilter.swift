import NewsModel

/// The filters every front end takes (`search` and `count` options, batch lines, HTTP
/// parameters), declared once: a filter's name, whether it repeats, and how a value is checked
/// and added to a request. A new filter is a case here and a line in `apply`.
public enum SearchFilter: String, Sendable, CaseIterable {
    /// An actor that must be in the passage (repeat: all of them).
    case actor
    /// An actor type of which one must be present (repeat: any).
    case type
    /// A source the article must come from (repeat: any).
    case source
    /// Published on or after.
    case from
    /// Published on or before.
    case to
    /// Mentions a date on or after.
    case mentionedFrom = "mentioned-from"
    /// Mentions a date on or before.
    case mentionedTo = "mentioned-to"

    /// The option as the CLI and batch lines spell it (`--mentioned-from`); errors name it.
    public var option: String { "--" + rawValue }

    /// True when the filter may be given several times (the others keep the last value).
    public var isRepeatable: Bool {
        switch self {
        case .actor, .type, .source: return true
        case .from, .to, .mentionedFrom, .mentionedTo: return false
        }
    }

    /// The filter a batch-line option names (`--type`), nil for any other word.
    public init?(option: String) {
        guard option.hasPrefix("--"), let filter = SearchFilter(rawValue: String(option.dropFirst(2))) else { return nil }
        self = filter
    }

    /// Adds `value` to `request`: appended for a repeatable filter, set for the others.
    /// Values with a closed vocabulary are checked here, so every front end rejects them with
    /// the same message; dates are checked when the query is built (`SearchEngine`).
    /// - Throws: `SearchError.invalidFilter` for an unknown actor type.
    public func apply(_ value: String, to request: inout SearchRequest) throws(SearchError) {
        switch self {
        case .actor: request.actors.append(value)
        case .type: request.actorTypes.append(try ActorType.parse(value, option: option))
        case .source: request.sources.append(value)
        case .from: request.publishedFrom = value
        case .to: request.publishedTo = value
        case .mentionedFrom: request.mentionedFrom = value
        case .mentionedTo: request.mentionedTo = value
        }
    }

    /// Adds every value of `values` (see `apply(_:to:)`).
    public func apply(_ values: [String], to request: inout SearchRequest) throws(SearchError) {
        for value in values { try apply(value, to: &request) }
    }
}
