import Foundation
import NewsModel

/// One actor as written in a gazetteer file (the bundled `gazetteer.json` or a user's).
///
/// Only `name` and `type` are required. See `Docs/actors.md` for the schema and examples.
public struct GazetteerEntry: Sendable, Equatable, Codable {
    /// The canonical display name, used as the facet value everywhere: "Tahawwur Rana".
    public var name: String
    /// The actor's type.
    public var type: ActorType
    /// Other names that always mean this actor ("LeT", "Modi", "Taliban regime").
    public var aliases: [String]
    /// ISO 3166-1 alpha-2 code: the country's own code for a country, the country a
    /// person, organisation or place belongs to otherwise.
    public var country: String?
    /// For countries: adjectives and nationality words that stand for it ("Pakistani").
    public var demonyms: [String]
    /// For countries: the capital, which stands for the government in "Islamabad said".
    public var capital: String?
    /// Canonical names of existing actors this entry takes over: their names and aliases
    /// become aliases of this one (a rename or a merge).
    public var replaces: [String]

    /// Creates an entry.
    public init(
        name: String, type: ActorType, aliases: [String] = [], country: String? = nil,
        demonyms: [String] = [], capital: String? = nil, replaces: [String] = []
    ) {
        self.name = name
        self.type = type
        self.aliases = aliases
        self.country = country
        self.demonyms = demonyms
        self.capital = capital
        self.replaces = replaces
    }

    private enum CodingKeys: String, CodingKey {
        case name, type, aliases, country, code, demonyms, capital, replaces
    }

    /// Decodes an entry; a wrong `type` is reported with the allowed values.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        let typeName = try c.decode(String.self, forKey: .type)
        guard let type = ActorType(rawValue: typeName) else {
            let allowed = ActorType.allCases.map(\.rawValue).joined(separator: ", ")
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: c, debugDescription: "unknown actor type \"\(typeName)\" (expected one of \(allowed))")
        }
        self.type = type
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
        // countries.json calls the ISO code `code`; actor entries call it `country`.
        country = try c.decodeIfPresent(String.self, forKey: .country) ?? c.decodeIfPresent(String.self, forKey: .code)
        demonyms = try c.decodeIfPresent([String].self, forKey: .demonyms) ?? []
        capital = try c.decodeIfPresent(String.self, forKey: .capital)
        replaces = try c.decodeIfPresent([String].self, forKey: .replaces) ?? []
        if name.trimmingCharacters(in: .whitespaces).isEmpty {
            throw DecodingError.dataCorruptedError(forKey: .name, in: c, debugDescription: "empty actor name")
        }
    }

    /// Encodes the entry in the file schema.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(type.rawValue, forKey: .type)
        if !aliases.isEmpty { try c.encode(aliases, forKey: .aliases) }
        try c.encodeIfPresent(country, forKey: .country)
        if !demonyms.isEmpty { try c.encode(demonyms, forKey: .demonyms) }
        try c.encodeIfPresent(capital, forKey: .capital)
        if !replaces.isEmpty { try c.encode(replaces, forKey: .replaces) }
    }
}

/// The words the name rules look for, as data so a user file can extend them.
public struct TaggingCues: Sendable, Equatable, Codable {
    /// Titles before a name, dropped from it, that make it a person ("Prime Minister").
    public var personTitles: [String] = []
    /// Lower-case words right before a name that make it a person ("spokesperson").
    public var personCues: [String] = []
    /// Verbs right after a name that make it a person ("said").
    public var speechVerbs: [String] = []
    /// Words inside a capitalised name that make it an organisation ("Ministry", "Party").
    public var organizationCues: [String] = []
    /// Words inside a capitalised name that make it a location ("Province", "Valley").
    public var locationCues: [String] = []
    /// Words before a capital city that keep it a place ("in Kabul") rather than its state.
    public var locationPrepositions: [String] = []
    /// Lower-case name particles allowed inside names ("bin", "al", "ul").
    public var particles: [String] = []
    /// Nouns that make "X government"/"government in X" the country ("administration").
    public var governmentWords: [String] = []

    /// Creates an empty set of cues.
    public init() {}

    private enum CodingKeys: String, CodingKey {
        case personTitles, personCues, speechVerbs, organizationCues, locationCues
        case locationPrepositions, particles, governmentWords
    }

    /// Decodes cues; every list is optional.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        personTitles = try c.decodeIfPresent([String].self, forKey: .personTitles) ?? []
        personCues = try c.decodeIfPresent([String].self, forKey: .personCues) ?? []
        speechVerbs = try c.decodeIfPresent([String].self, forKey: .speechVerbs) ?? []
        organizationCues = try c.decodeIfPresent([String].self, forKey: .organizationCues) ?? []
        locationCues = try c.decodeIfPresent([String].self, forKey: .locationCues) ?? []
        locationPrepositions = try c.decodeIfPresent([String].self, forKey: .locationPrepositions) ?? []
        particles = try c.decodeIfPresent([String].self, forKey: .particles) ?? []
        governmentWords = try c.decodeIfPresent([String].self, forKey: .governmentWords) ?? []
    }

    /// These cues with `other`'s added.
    func adding(_ other: TaggingCues) -> TaggingCues {
        var out = self
        out.personTitles += other.personTitles
        out.personCues += other.personCues
        out.speechVerbs += other.speechVerbs
        out.organizationCues += other.organizationCues
        out.locationCues += other.locationCues
        out.locationPrepositions += other.locationPrepositions
        out.particles += other.particles
        out.governmentWords += other.governmentWords
        return out
    }
}

/// The contents of a gazetteer file: `{"actors": [...], "combiningForms": {...},
/// "events": {...}, "cues": {...}}`, every part optional.
public struct GazetteerFile: Sendable, Equatable, Codable {
    /// Known actors.
    public var actors: [GazetteerEntry] = []
    /// Prefixes in compounds that name a country by ISO code ("Indo" in "Indo-US" -> `IN`).
    public var combiningForms: [String: String] = [:]
    /// Names of events that are dates ("26/11" -> `2008-11-26`).
    public var events: [String: String] = [:]
    /// Extra cue words for the name rules.
    public var cues: TaggingCues?

    /// Creates a file's contents.
    public init(actors: [GazetteerEntry] = [], combiningForms: [String: String] = [:],
                events: [String: String] = [:], cues: TaggingCues? = nil) {
        self.actors = actors
        self.combiningForms = combiningForms
        self.events = events
        self.cues = cues
    }

    private enum CodingKeys: String, CodingKey { case actors, combiningForms, events, cues }

    /// Decodes a file; every part is optional.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        actors = try c.decodeIfPresent([GazetteerEntry].self, forKey: .actors) ?? []
        combiningForms = try c.decodeIfPresent([String: String].self, forKey: .combiningForms) ?? [:]
        events = try c.decodeIfPresent([String: String].self, forKey: .events) ?? [:]
        cues = try c.decodeIfPresent(TaggingCues.self, forKey: .cues)
    }
}
