/// The kinds of actor Dossier tags. See `Docs/actors.md` for the conventions and examples.
public enum ActorType: String, Sendable, Codable, CaseIterable, Comparable {
    /// A named individual: Bilawal Bhutto Zardari, Tahawwur Rana.
    case person
    /// Parties, ministries, courts, agencies, militant groups, media outlets, movements with a
    /// leadership (the Afghan Taliban).
    case organization
    /// A state acting as such, including its government ("Islamabad would be open to...").
    case country
    /// Cities, regions, buildings and places: Mumbai, Khyber Pakhtunkhwa, the White House.
    case location
    /// Collectives without an organisation: "Sikh separatists".
    case group

    /// Declaration order.
    public static func < (a: ActorType, b: ActorType) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One actor present in a passage, under its canonical identity.
public struct ActorTag: Sendable, Hashable, Codable {
    /// The canonical display name, the same in every article: "Tahawwur Rana".
    public var name: String
    /// The actor's type.
    public var type: ActorType

    /// Creates a tag.
    public init(name: String, type: ActorType) {
        self.name = name
        self.type = type
    }

    /// The identity used in index terms and facets: the canonical name folded to a slug
    /// (`tahawwur-rana`) by `Slug.fold`, the rule shared with the baseline tools.
    public var id: String { Slug.fold(name) }

    /// Whether `name` is written as a headline shouts it: more than five letters and none
    /// in lower case ("TEXACO", "BALDRIGE", "EAC INDUSTRIES"). Shorter all-capital names are
    /// taken for acronyms ("OPEC", "NATO", "USX"), which are written that way everywhere.
    /// A shouted spelling is never chosen as an actor's name over one in ordinary case.
    public static func isShouted(_ name: String) -> Bool {
        name.utf8.count > 5 && !name.utf8.contains(where: { $0 >= 97 && $0 <= 122 })
    }
}

/// A date mentioned in a passage, with its surface text and resolved value.
public struct DateMention: Sendable, Hashable, Codable {
    /// What the passage says: "October 25 to 30, 2025", "Feb 13", "26/11".
    public var text: String
    /// The first (or only) date covered.
    public var start: CalendarDate
    /// The last date of a range; nil for a single date.
    public var end: CalendarDate?
    /// True where the value names an event by its date ("26/11" for the Mumbai attacks).
    public var isEventReference: Bool

    /// Creates a mention.
    public init(text: String, start: CalendarDate, end: CalendarDate? = nil, isEventReference: Bool = false) {
        self.text = text
        self.start = start
        self.end = end
        self.isEventReference = isEventReference
    }

    /// The resolved value as written in the output: `2025-07-04`, `2025-07`, `2025`, or a range
    /// `2025-10-25/2025-10-30` (ISO 8601 interval notation).
    public var value: String { end.map { "\(start)/\($0)" } ?? start.description }
}

/// A passage with the actors and dates found in it.
public struct TaggedPassage: Sendable, Equatable {
    /// The passage.
    public var passage: Passage
    /// Distinct actors in the passage, in order of first mention.
    public var actors: [ActorTag]
    /// Dates the passage mentions, in order of appearance.
    public var dates: [DateMention]
    /// For each of `actors`, the surface forms the passage names it by, in order of first
    /// appearance, each once ("Mr. Bhutto Zardari", "Bilawal"): what a reader would
    /// highlight. Empty lists where the tagger does not know (declared actors).
    public var mentions: [[String]]

    /// Creates a tagged passage.
    public init(passage: Passage, actors: [ActorTag] = [], dates: [DateMention] = [], mentions: [[String]]? = nil) {
        self.passage = passage
        self.actors = actors
        self.dates = dates
        self.mentions = mentions ?? actors.map { _ in [] }
    }
}

/// An article after tagging: its publication date may have been inferred from the text.
public struct TaggedArticle: Sendable, Equatable {
    /// The article, with `published` filled in where the tagger could infer it.
    public var article: Article
    /// The article's passages with their tags, in order.
    public var passages: [TaggedPassage]
    /// The other names each actor went by in this article ("LeT", "Saeed", "Mr. Bhutto
    /// Zardari"), excluding the canonical name; the index merges them per actor so that
    /// `--actor` and `dossier actors` know every alias.
    public var aliases: [ActorTag: Set<String>]

    /// Creates a tagged article.
    public init(article: Article, passages: [TaggedPassage], aliases: [ActorTag: Set<String>] = [:]) {
        self.article = article
        self.passages = passages
        self.aliases = aliases
    }
}

/// Finds the actors and dates of an article's passages.
///
/// A tagger sees a whole article at once because names resolve within it ("Mr. Bhutto
/// Zardari" is the Bilawal Bhutto Zardari named earlier). Taggers are value types with
/// no shared mutable state, so indexing can tag articles on several threads.
public protocol ArticleTagger: Sendable {
    /// Tags every passage of `article`.
    func tag(_ article: Article) -> TaggedArticle

    /// What decides this tagger's output (its kind, version, model and knowledge): two
    /// taggers with the same fingerprint tag alike. An index stores it with each file, and an
    /// incremental run tags a file again, though its bytes are unchanged, when the tagger's
    /// fingerprint differs from the one it was tagged with.
    var fingerprint: String { get }
}

/// A tagger that finds nothing: every passage gets no actors and no dates.
///
/// Used by `--no-tagging` runs (pure keyword indexes, benchmarks of Xapian's own cost).
public struct NoTagger: ArticleTagger {
    /// Creates the tagger.
    public init() {}
    /// "none".
    public var fingerprint: String { "none" }
    /// Returns the article's passages untagged.
    public func tag(_ article: Article) -> TaggedArticle {
        TaggedArticle(article: article, passages: article.passages.map { TaggedPassage(passage: $0) })
    }
}
