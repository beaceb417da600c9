@testable import Tagger
import Foundation
import NewsModel
import TestSupport
@testable import Indexer

/// Builds seed articles the simple way: non-empty lines are passages, the first is the
/// title. The real `.txt` reader lives elsewhere; this keeps tagging tests independent.
enum SeedArticles {
    /// Seed `number` ("000"), with metadata lines (`Updated on ...`, `- By ...`, `- Nov 02, 2025`)
    /// left out and `published` set as a reader would set it from them.
    static func article(_ number: String, published: PublishedDate? = nil) throws -> Article {
        let url = Paths.seed(number)
        let text = try String(contentsOf: url, encoding: .utf8)
        var passages: [Passage] = []
        for (lineIndex, raw) in text.components(separatedBy: "\n").enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !isMetadata(line) else { continue }
            let isBullet = line.hasPrefix("- ")
            let kind: PassageKind = passages.isEmpty ? .title : isBullet ? .bullet : .paragraph
            passages.append(Passage(number: passages.count, kind: kind,
                                    text: isBullet ? String(line.dropFirst(2)) : line, line: lineIndex + 1))
        }
        return Article(id: url.lastPathComponent, file: url.path, title: passages.first?.text ?? "",
                       published: published ?? metadataDate(number), passages: passages)
    }

    /// The publication date each seed's metadata states (what a reader would set).
    static func metadataDate(_ number: String) -> PublishedDate? {
        switch number {
        case "000": return PublishedDate(date: CalendarDate(year: 2025, month: 7, day: 5)!, origin: .metadata)
        case "004": return PublishedDate(date: CalendarDate(year: 2025, month: 11, day: 2)!, origin: .metadata)
        default: return nil
        }
    }

    private static func isMetadata(_ line: String) -> Bool {
        line.hasPrefix("Updated on ") || line == "- By Web Desk -" || line == "- Nov 02, 2025"
    }

    /// A one-paragraph article, for rule tests.
    static func article(_ paragraphs: [String], published: CalendarDate? = nil) -> Article {
        let passages = ([("Title", PassageKind.title)] + paragraphs.map { ($0, PassageKind.paragraph) })
            .enumerated().map { Passage(number: $0.offset, kind: $0.element.1, text: $0.element.0, line: $0.offset + 1) }
        return Article(id: "test", file: "test", title: "Title",
                       published: published.map { PublishedDate(date: $0, origin: .user) }, passages: passages)
    }

    /// The tagger every test uses: bundled data, and a fixed "today" so that year
    /// inference does not drift with the clock.
    static let tagger: NewsTagger = {
        // swiftlint:disable:next force_try
        NewsTagger(gazetteer: try! Gazetteer.bundled(), labeller: try! LearnedLabeller.shipped, today: CalendarDate(year: 2026, month: 11, day: 21)!)
    }()
}
