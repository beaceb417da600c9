import Foundation
import Indexer
import NewsModel
import XapianStore

/// A small index with known actors, dates and sources, written by hand through `IndexWriter`
/// so that search tests do not depend on any tagger's output.
///
/// Five articles, 17 passages. Actors: Tahawwur Rana (person, alias "Rana"), Hafiz Saeed
/// (person, alias "Saeed"), Lashkar-e-Taiba (organization, aliases "LeT", "Lashkar"), India and
/// Pakistan (country), Mumbai and Delhi (location), Sikh separatists (group). Passage fx/a2 ¶2
/// says "Let the talks resume" (the English word, no actor).
public final class FixtureIndex: @unchecked Sendable {
    /// Keeps the directory alive as long as the index is used.
    public let directory: TemporaryDirectory
    /// The index path.
    public let path: String
    /// The articles written.
    public let articles: [TaggedArticle]

    /// Actors of the fixture.
    public static let rana = ActorTag(name: "Tahawwur Rana", type: .person)
    /// Hafiz Saeed.
    public static let saeed = ActorTag(name: "Hafiz Saeed", type: .person)
    /// Lashkar-e-Taiba.
    public static let let_ = ActorTag(name: "Lashkar-e-Taiba", type: .organization)
    /// India.
    public static let india = ActorTag(name: "India", type: .country)
    /// Pakistan.
    public static let pakistan = ActorTag(name: "Pakistan", type: .country)
    /// Mumbai.
    public static let mumbai = ActorTag(name: "Mumbai", type: .location)
    /// Delhi.
    public static let delhi = ActorTag(name: "Delhi", type: .location)
    /// Sikh separatists.
    public static let sikhs = ActorTag(name: "Sikh separatists", type: .group)

    /// Writes the fixture (plus `extra` articles) into a new temporary index.
    public init(extra: [TaggedArticle] = [], spelling: Bool = true) throws {
        directory = TemporaryDirectory("fixture-index")
        path = directory.path("index")
        articles = Self.articles + extra
        let writer = try IndexWriter(path: path, spelling: spelling)
        for article in articles { try writer.write(article) }
        try writer.commit()
    }

    private static func day(_ y: Int, _ m: Int, _ d: Int) -> CalendarDate { CalendarDate(year: y, month: m, day: d)! }

    /// Builds a tagged article from (text, actors, dates) triples; passage 0 is the title.
    public static func article(
        _ id: String, title: String, published: CalendarDate?, source: String?, titleActors: [ActorTag] = [],
        _ body: [(String, [ActorTag], [DateMention])], aliases: [ActorTag: Set<String>] = [:]
    ) -> TaggedArticle {
        var passages = [TaggedPassage(passage: Passage(number: 0, kind: .title, text: title, line: 1), actors: titleActors)]
        for (i, (text, actors, dates)) in body.enumerated() {
            passages.append(TaggedPassage(
                passage: Passage(number: i + 1, kind: .paragraph, text: text, line: i + 3), actors: actors, dates: dates))
        }
        let article = Article(
            id: id, file: id, title: title, published: published.map { PublishedDate(date: $0, origin: .metadata) },
            source: source, passages: passages.map(\.passage))
        return TaggedArticle(article: article, passages: passages, aliases: aliases)
    }

    static let articles: [TaggedArticle] = [
        article("fx/a1", title: "Rana extradition hearing", published: day(2025, 1, 15), source: "Dawn",
                titleActors: [rana], [
                    ("Tahawwur Rana, accused in the 26/11 Mumbai attacks, faces extradition.", [rana, mumbai],
                     [DateMention(text: "26/11", start: day(2008, 11, 26), isEventReference: true)]),
                    ("The court heard that Lashkar-e-Taiba planned the attack in November 2008.", [let_],
                     [DateMention(text: "November 2008", start: CalendarDate(year: 2008, month: 11)!)]),
                    ("Officials said LeT operatives trained in Pakistan.", [let_, pakistan], []),
                ], aliases: [rana: ["Rana"], let_: ["LeT"]]),
        article("fx/a2", title: "India presses Pakistan on terror groups", published: CalendarDate(year: 2025, month: 2)!,
                source: "The Hindu", titleActors: [india, pakistan], [
                    ("India said Pakistan must act against LeT and its chief Hafiz Saeed.", [india, pakistan, let_, saeed], []),
                    ("Let the talks resume, the minister said, calling for a ceasefire.", [], []),
                    ("Sikh separatists protested in 2023 and again in 2024.", [sikhs],
                     [DateMention(text: "2023", start: CalendarDate(year: 2023)!),
                      DateMention(text: "2024", start: CalendarDate(year: 2024)!)]),
                ], aliases: [let_: ["LeT", "Lashkar"], saeed: ["Saeed"]]),
        article("fx/a3", title: "Ceasefire talks", published: CalendarDate(year: 2025)!, source: "Reuters", [
                    ("Saeed denied any role; Pakistan rejected the claims made from October 25 to 30, 2025.", [saeed, pakistan],
                     [DateMention(text: "October 25 to 30, 2025", start: day(2025, 10, 25), end: day(2025, 10, 30))]),
                    ("The ceasefire held in Mumbai and Delhi through March 2025.", [mumbai, delhi],
                     [DateMention(text: "March 2025", start: CalendarDate(year: 2025, month: 3)!)]),
                ], aliases: [saeed: ["Saeed"]]),
        article("fx/a4", title: "Undated notes", published: nil, source: nil, [
                    ("Extradition papers mention Tahawwur Rana and Rana's lawyer.", [rana], []),
                    ("An extradition treaty was signed long ago.", [], []),
                ]),
        article("fx/a5", title: "Year-end review", published: day(2024, 12, 31), source: "Dawn", [
                    ("Extradition cases of 2008 and 2025 were reviewed, with India and Pakistan.", [india, pakistan],
                     [DateMention(text: "2008", start: CalendarDate(year: 2008)!),
                      DateMention(text: "2025", start: CalendarDate(year: 2025)!)]),
                    ("Analysts in Delhi expect more cases.", [delhi], []),
                ]),
    ]
}

extension FixtureIndex {
    /// Creates an empty index at `path` that says it was written with schema `version`:
    /// how tests stand in for an index from an older (or newer) Dossier.
    public static func emptyIndex(at path: String, schemaVersion version: String) throws {
        let writer = try WritableDatabase(path: path)
        try writer.setMetadata(IndexSchema.MetadataKey.schema, version)
        try writer.commit()
    }
}

/// Holds an index's write lock for as long as it lives (an open `WritableDatabase`): how tests
/// make a second writer collide for certain rather than by racing another process.
public final class IndexWriteLock {
    private let database: WritableDatabase

    /// Opens (or creates) the index at `path` for writing and keeps it open.
    public init(path: String) throws { database = try WritableDatabase(path: path) }
}
