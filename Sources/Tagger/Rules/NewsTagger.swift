import Foundation
import NewsModel

/// Dossier's tagger for news: finds who is in each passage, under one canonical name per
/// actor, and every date each passage mentions, resolved to the calendar.
///
/// It reads the whole article at once, because names resolve within it ("Saeed" is the
/// Hafiz Saeed named earlier, "LeT" the "Lashkar-e-Taiba (LeT)" defined earlier) and
/// partial dates resolve against the publication date, which it infers from the text when
/// the metadata gives none (see `PublicationDateInference`).
///
/// A value type holding only immutable data: tag articles on as many threads as you like.
public struct NewsTagger: ArticleTagger {
    /// The knowledge the tagger uses.
    public let gazetteer: Gazetteer
    /// The current date: the latest a publication date may be. Fixed in tests.
    public let today: CalendarDate
    /// The learned first stage (see `LearnedStage`).
    let learned: LearnedStage

    /// Creates a tagger.
    ///
    /// - Parameters:
    ///   - gazetteer: known actors and rule cues, usually `Gazetteer.loading(userFile:)`.
    ///   - labeller: the learned name labeller, usually `LearnedLabeller.shipped`.
    ///   - today: the current date; defaults to the system clock's (UTC) date.
    public init(gazetteer: Gazetteer, labeller: LearnedLabeller, today: CalendarDate? = nil) {
        self.gazetteer = gazetteer
        self.learned = LearnedStage(labeller: labeller)
        self.today = today ?? NewsTagger.currentDate()
        let hex = { (value: UInt64) in String(value, radix: 16) }
        fingerprint = "news-tagger rules \(NewsTagger.rulesVersion) model \(hex(labeller.digest)) gazetteer \(hex(gazetteer.digest))"
    }

    /// The version of the rules (the second stage, dates included). Raise it with every change
    /// to the rules that changes what they tag: an index records `fingerprint` with each file
    /// and tags a file again when it differs, so an index is never left holding two taggers'
    /// answers without saying so.
    static let rulesVersion = 2

    /// What decides this tagger's output: the rules' version and digests of the learned model
    /// and of the gazetteer (made once, when the tagger is).
    public let fingerprint: String

    /// Tags every passage of `article`; fills `published` (origin `.inferred`) when the
    /// article had none and its text fixes one.
    public func tag(_ article: Article) -> TaggedArticle {
        var tokenized = article.passages.map { Tokenizer.tokenize($0.text) }

        // Names the article writes capitalised mid-sentence in its body: a sentence-initial
        // "Khan" is then a name, not the English word. A capital after "U.S." is no such
        // evidence (`NameFinder.followsDottedAbbreviation`).
        var namesInArticle: [String] = []
        for (passage, tokens) in zip(article.passages, tokenized) where passage.kind == .paragraph || passage.kind == .bullet {
            // By index: a token is read field by field, never copied whole.
            for k in tokens.indices where tokens[k].kind == .word && !tokens[k].sentenceStart && tokens[k].isCapitalised
                && !NameFinder.followsDottedAbbreviation(tokens, at: k) {
                namesInArticle.append(tokens[k].key)
            }
        }
        let finder = NameFinder(gazetteer: gazetteer, namesInArticle: KeyTable(repeatedKeys: namesInArticle))
        for index in tokenized.indices { finder.annotate(&tokenized[index]) }
        let words = learned.articleWords(tokenized)
        let mentions = tokenized.indices.map { index in
            // Read once: the rules and the learned stage both treat a shouted headline apart.
            let shouting = NameFinder.isShouting(tokenized[index])
            return learned.refine(finder.mentions(in: tokenized[index], shouting: shouting),
                                  spans: learned.spans(tokenized[index], passage: index, of: words),
                                  tokens: tokenized[index], shouting: shouting, finder: finder)
        }
        let (tags, aliases) = ArticleResolver(gazetteer: gazetteer).resolve(mentions)

        // A bare number is a year only near the publication year (unknown: the current year).
        let dateFinder = DateFinder(events: gazetteer.events,
                                    latestYear: (article.published?.date.year ?? today.year) + 50)
        let found = tokenized.map { tokens in dateFinder.dates(in: tokens) { finder.text(tokens, $0, $1) } }

        var result = article
        if result.published == nil,
           let inferred = PublicationDateInference.infer(from: found.flatMap { $0 }, today: today) {
            result.published = PublishedDate(date: inferred, origin: .inferred)
        }
        let resolver = DateResolver(reference: result.published?.date)

        // The outlet that published the article is its reporter there, not one of its actors
        // ("told Reuters", "polled by Reuters" in a Reuters story); in another outlet's
        // story it is an actor like any other.
        let publisher = article.source.map(Slug.fold)
        func isPublisher(_ tag: ActorTag) -> Bool { publisher.map { Slug.fold(tag.name, equals: $0) } ?? false }
        var passages: [TaggedPassage] = []
        passages.reserveCapacity(article.passages.count)
        for (index, passage) in article.passages.enumerated() {
            // A passage has a handful of actors: a linear check beats hashing.
            var actors: [ActorTag] = []
            var surfaces: [[String]] = []
            // By index: only a mention's surface is read, so no mention is copied whole.
            for m in mentions[index].indices {
                guard let tag = tags[index][m], !isPublisher(tag) else { continue }
                let surface = mentions[index][m].surface
                if let at = actors.firstIndex(of: tag) {
                    if !surfaces[at].contains(surface) { surfaces[at].append(surface) }
                } else {
                    actors.append(tag)
                    surfaces.append([surface])
                }
            }
            let dates = found[index].compactMap(resolver.resolve)
            passages.append(TaggedPassage(passage: passage, actors: actors, dates: dates, mentions: surfaces))
        }
        return TaggedArticle(article: result, passages: passages, aliases: aliases)
    }

    private static func currentDate() -> CalendarDate {
        let days = Int((Date().timeIntervalSince1970 / 86_400).rounded(.down))
        return DateVocabulary.date(dayNumber: days)
    }
}
