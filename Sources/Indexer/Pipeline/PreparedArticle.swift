import Foundation
import NewsModel
import XapianStore

/// One passage ready for the index: everything `IndexWriter` stores, as plain values.
///
/// Preparing (ids, terms, values and the JSON record) needs no database, so the indexing
/// pipeline does it on the reading thread; only Xapian's term generation and the write itself
/// happen on the writer's thread.
public struct PreparedPassage: Sendable, Equatable {
    /// A value to store in a slot.
    public struct Value: Sendable, Equatable {
        /// The slot.
        public var slot: IndexSchema.ValueSlot
        /// The encoded value.
        public var value: String
    }

    /// The unique id term (`Q` + passage id).
    public var idTerm: String
    /// The passage text (free text, with positions).
    public var text: String
    /// The article title (free text under the title prefix, after the field gap).
    public var title: String
    /// Boolean terms other than the id term, in the order they are added.
    public var booleanTerms: [String]
    /// Value slots.
    public var values: [Value]
    /// The document data: the passage's display record as JSON.
    public var data: String
}

/// A tagged article turned into prepared passages, plus the actor names to merge into the
/// index's actor table.
public struct PreparedArticle: Sendable, Equatable {
    /// The article id.
    public var articleID: String
    /// Its passages, in order.
    public var passages: [PreparedPassage]
    /// The aliases each actor went by in the article (as `TaggedArticle.aliases`).
    public var aliases: [ActorTag: Set<String>]
    /// Every actor reading (name and type) of the article, with the number of its passages
    /// that carry it: the article's evidence for the index's actor table (`ActorTally`).
    public var actorReadings: [ActorTag: Int]
    /// The 1-based line where the article starts in its file, for messages.
    public var line: Int
    /// False for an article's first (or only) part; true for each later part of a very long
    /// article, which the indexing pipeline sends a tagging window at a time
    /// (`TaggingWindow`): the writer adds such a part to the parts before it instead of
    /// replacing the article with it.
    public var continuesArticle = false
}

/// Turns tagged articles into prepared articles. One per thread (it owns a JSON encoder).
public struct DocumentPreparer {
    private let encoder: JSONEncoder

    /// Creates a preparer.
    public init() {
        encoder = Self.recordEncoder()
    }

    /// The encoder of stored JSON (passage records, metadata): sorted keys, so that the same
    /// values always give the same bytes.
    static func recordEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Prepares every passage of `tagged` following `IndexSchema`.
    public func prepare(_ tagged: TaggedArticle) -> PreparedArticle {
        var readings: [ActorTag: Int] = [:]
        for passage in tagged.passages {
            for actor in Set(passage.actors) { readings[actor, default: 0] += 1 }
        }
        return PreparedArticle(
            articleID: tagged.article.id, passages: tagged.passages.map { prepare($0, of: tagged.article) },
            aliases: tagged.aliases, actorReadings: readings, line: tagged.article.passages.first?.line ?? 1)
    }

    private func prepare(_ tagged: TaggedPassage, of article: Article) -> PreparedPassage {
        let passage = tagged.passage
        let passageID = PassageRecord.passageID(article: article.id, paragraph: passage.number)
        var terms: [String] = [
            IndexSchema.term(IndexSchema.article, article.id),
            IndexSchema.term(IndexSchema.kind, passage.kind.rawValue),
        ]
        var values: [PreparedPassage.Value] = [
            .init(slot: .article, value: article.id),
            .init(slot: .paragraph, value: Self.zeroPadded(passage.number, width: 6)),
        ]
        let sourceSlug = article.source.map(Slug.fold) ?? ""
        if !sourceSlug.isEmpty {
            terms.append(IndexSchema.term(IndexSchema.source, sourceSlug))
            values.append(.init(slot: .source, value: sourceSlug))
        }
        if let published = article.published?.date {
            values.append(.init(slot: .published, value: String(published.lowerBound)))
            values.append(.init(slot: .publishedLast, value: String(published.upperBound)))
            if let month = published.month {
                values.append(.init(slot: .publishedMonth, value: Self.zeroPadded(published.year, width: 4) + Self.zeroPadded(month, width: 2)))
            }
            values.append(.init(slot: .publishedYear, value: Self.zeroPadded(published.year, width: 4)))
        }

        let separator = String(IndexSchema.multiValueSeparator)
        var actorIDs: [String] = []
        var types: [String] = []
        for actor in tagged.actors where !actorIDs.contains(actor.id) {
            actorIDs.append(actor.id)
            terms.append(IndexSchema.term(IndexSchema.actor, actor.id))
            if !types.contains(actor.type.rawValue) {
                types.append(actor.type.rawValue)
                terms.append(IndexSchema.term(IndexSchema.actorType, actor.type.rawValue))
            }
        }
        if !actorIDs.isEmpty { values.append(.init(slot: .actors, value: actorIDs.joined(separator: separator))) }
        if !types.isEmpty { values.append(.init(slot: .actorTypes, value: types.joined(separator: separator))) }

        var months: [String] = [], years: [String] = []
        for mention in tagged.dates {
            for term in IndexWriter.dateTerms(for: mention) {
                terms.append(IndexSchema.term(IndexSchema.mentioned, term))
            }
            for (month, year) in IndexWriter.monthsAndYears(of: mention) {
                if let month, !months.contains(month) { months.append(month) }
                if !years.contains(year) { years.append(year) }
            }
        }
        if !months.isEmpty { values.append(.init(slot: .mentionedMonths, value: months.joined(separator: separator))) }
        if !years.isEmpty { values.append(.init(slot: .mentionedYears, value: years.joined(separator: separator))) }

        let record = PassageRecord(
            passageID: passageID, articleID: article.id, file: article.file, paragraph: passage.number,
            kind: passage.kind.rawValue, title: article.title, published: article.published?.date.description,
            publishedOrigin: article.published?.origin.rawValue, source: article.source, url: article.url,
            text: passage.text,
            actors: zip(tagged.actors, tagged.mentions).map {
                PassageRecord.Actor(name: $0.name, type: $0.type.rawValue, mentions: $1.isEmpty ? nil : $1)
            },
            dates: tagged.dates.map { PassageRecord.MentionedDate(text: $0.text, value: $0.value) })
        // Encoding a struct of strings and arrays cannot fail; an empty record would still be indexed.
        let data = (try? encoder.encode(record)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return PreparedPassage(
            idTerm: IndexSchema.term(IndexSchema.passageID, passageID), text: passage.text, title: article.title,
            booleanTerms: terms, values: values, data: data)
    }

    /// `String(format: "%0*d")` without Foundation's formatter (it is a hot path).
    static func zeroPadded(_ number: Int, width: Int) -> String {
        let digits = String(number)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// Builds Xapian documents from prepared passages: term generation (words, stems, positions),
/// boolean terms, values and data. One per thread (it owns a term generator).
public final class DocumentBuilder {
    private let termIndexer: TermIndexer

    /// Creates a builder generating terms as `IndexSchema` says, with or without positions.
    /// It needs no database: any thread can build documents for the writer's thread.
    public init(positions: Bool) throws(XapianError) {
        termIndexer = try TermIndexer(language: IndexSchema.language, stemming: IndexSchema.stemming, positions: positions)
    }

    /// The document for `passage`. The builder keeps no reference to it.
    public func build(_ passage: PreparedPassage) throws(XapianError) -> Document {
        let document = try Document()
        try termIndexer.start(document)
        try termIndexer.index(passage.text)
        try termIndexer.skipPositions(IndexSchema.fieldGap)
        try termIndexer.index(passage.title, prefix: IndexSchema.title.prefix)
        try termIndexer.finish()
        try document.addBooleanTerm(passage.idTerm)
        for term in passage.booleanTerms { try document.addBooleanTerm(term) }
        for value in passage.values { try document.setValue(value.value, slot: value.slot) }
        try document.setData(passage.data)
        return document
    }
}

@available(*, unavailable)
extension DocumentBuilder: Sendable {}

/// Moves the documents of one article, built on the reading thread, to the writing thread.
///
/// Why `@unchecked Sendable` is sound: the reading thread creates the documents, detaches its
/// term generator from each (`TermIndexer.finish()`), puts them here and never touches them
/// again; the queue's lock orders that hand-over before the writing thread's `take()`, which
/// empties the box. So no Xapian object is ever used by two threads, and every reference
/// count change happens on one thread at a time.
final class BuiltDocuments: @unchecked Sendable {
    private var documents: [Document]?

    init(_ documents: [Document]) { self.documents = documents }

    /// The documents; the box is empty afterwards.
    func take() -> [Document]? {
        defer { documents = nil }
        return documents
    }
}
