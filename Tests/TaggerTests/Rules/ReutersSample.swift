import Foundation
import NewsModel
import TestSupport
@testable import Indexer
@testable import Tagger

/// Reads a few Reuters-21578 stories straight from the shared corpus (never copied into the
/// repository) with the categories their editors tagged them with.
enum ReutersSample {
    /// A story as an article plus its `<PLACES>`, `<PEOPLE>` and `<ORGS>` tags.
    struct Story {
        var article: Article
        var places: [String]
        var people: [String]
        var orgs: [String]
    }

    /// The corpus file, or nil when the shared corpora are absent.
    static var file: URL? {
        let url = Paths.corpora.appendingPathComponent("reuters21578/reut2-000.sgm.gz")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// The first `limit` stories that have a body. Foundation cannot gunzip: `gzip -dc` does.
    static func stories(limit: Int) throws -> [Story] {
        guard let file else { return [] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = PipeReading.readAll(pipe.fileHandleForReading)
        process.waitUntilExit()
        // The SGML is Latin-1.
        let sgml = String(decoding: data, as: UTF8.self)
        var out: [Story] = []
        for record in sgml.components(separatedBy: "</REUTERS>") {
            guard out.count < limit, let body = element("BODY", in: record) else { continue }
            let title = element("TITLE", in: record).map(unescape) ?? ""
            var paragraphs: [String] = []
            var current = ""
            for line in unescape(body).components(separatedBy: "\n") {
                if line.hasPrefix(" ") && !current.isEmpty { paragraphs.append(current); current = "" }
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty || trimmed == "Reuter" || trimmed.hasPrefix("\u{3}") { continue }
                current += (current.isEmpty ? "" : " ") + trimmed
            }
            if !current.isEmpty { paragraphs.append(current) }
            // Wire copy opens with its dateline ("NEW YORK, Feb 26 - "); the SGML keeps it apart.
            if let dateline = element("DATELINE", in: record)?.trimmingCharacters(in: .whitespaces),
               !dateline.isEmpty, !paragraphs.isEmpty {
                paragraphs[0] = dateline + " - " + paragraphs[0]
            }
            let texts = [title] + paragraphs
            let passages = texts.enumerated().map {
                Passage(number: $0.offset, kind: $0.offset == 0 ? .title : .paragraph, text: $0.element, line: 1)
            }
            let article = Article(id: "reut2-000#\(out.count)", file: file.path, title: title,
                                  published: date(in: record), passages: passages)
            out.append(Story(article: article, places: tags("PLACES", in: record),
                             people: tags("PEOPLE", in: record), orgs: tags("ORGS", in: record)))
        }
        return out
    }

    private static func element(_ name: String, in record: String) -> String? {
        guard let open = record.range(of: "<\(name)>"),
              let close = record.range(of: "</\(name)>", range: open.upperBound..<record.endIndex) else { return nil }
        return String(record[open.upperBound..<close.lowerBound])
    }

    private static func tags(_ name: String, in record: String) -> [String] {
        guard let inner = element(name, in: record) else { return [] }
        return inner.components(separatedBy: "<D>").compactMap { part in
            part.components(separatedBy: "</D>").first.flatMap { $0.isEmpty ? nil : $0 }
        }
    }

    /// `<DATE>26-FEB-1987 15:01:01.79</DATE>` as metadata.
    private static func date(in record: String) -> PublishedDate? {
        guard let text = element("DATE", in: record)?.trimmingCharacters(in: .whitespaces) else { return nil }
        let parts = text.prefix(11).split(separator: "-")
        guard parts.count == 3, let day = Int(parts[0]), let year = Int(parts[2]),
              let month = DateVocabulary.month(parts[1].lowercased()),
              let date = CalendarDate(year: year, month: month, day: day) else { return nil }
        return PublishedDate(date: date, origin: .metadata)
    }

    private static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
