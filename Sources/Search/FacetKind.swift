import NewsModel
import XapianStore

/// A facet: a dimension over which matches are counted.
///
/// Everything that depends on the kind (the value slot it is counted in, what its values are,
/// how they are ordered) is declared once, in `nature`; a new kind is a case here and a row there.
public enum FacetKind: String, Sendable, CaseIterable, Codable {
    /// Every actor, whatever its type.
    case actor
    /// Actors of one type.
    case person, organization, country, location, group
    /// Actor types present.
    case type
    /// The article's source.
    case source
    /// Publication month / year.
    case publishedMonth = "published-month", publishedYear = "published-year"
    /// Months / years mentioned in the passage.
    case mentionedMonth = "mentioned-month", mentionedYear = "mentioned-year"

    /// What a facet kind's values are.
    public enum Values: Sendable, Equatable {
        /// Actor slugs, shown with the actor's name, id and type; `of` keeps one type (nil: all).
        case actors(of: ActorType?)
        /// Months stored as `YYYYMM`, shown as `YYYY-MM`, listed in time order.
        case months
        /// Years `YYYY`, listed in time order.
        case years
        /// Values shown as stored (sources, actor types), listed by count.
        case plain
    }

    /// The one table of facet kinds: the value slot each is counted in and what its values are.
    public var nature: (slot: IndexSchema.ValueSlot, values: Values) {
        switch self {
        case .actor: return (.actors, .actors(of: nil))
        case .person: return (.actors, .actors(of: .person))
        case .organization: return (.actors, .actors(of: .organization))
        case .country: return (.actors, .actors(of: .country))
        case .location: return (.actors, .actors(of: .location))
        case .group: return (.actors, .actors(of: .group))
        case .type: return (.actorTypes, .plain)
        case .source: return (.source, .plain)
        case .publishedMonth: return (.publishedMonth, .months)
        case .publishedYear: return (.publishedYear, .years)
        case .mentionedMonth: return (.mentionedMonths, .months)
        case .mentionedYear: return (.mentionedYears, .years)
        }
    }

    /// The value slot the kind is counted in.
    public var slot: IndexSchema.ValueSlot { nature.slot }

    /// True when the values are actors (and carry an id and a type).
    public var valuesAreActors: Bool {
        if case .actors = nature.values { return true }
        return false
    }

    /// True for the date dimensions, which are listed in time order rather than by count.
    public var isChronological: Bool { nature.values == .months || nature.values == .years }
}
