import Foundation
import Indexer
import NewsModel
import Tagger

/// Measures the tagger in a release build, by hand (scripts/measure-tagging.sh); never a test.
///
///     dossier-measure-tagging [--rounds N] [--runs N] [--limit ARTICLES] [--model FILE] [--dump PREFIX] PATH...
///
/// `--dump PREFIX` writes every passage's actors, mentions and dates to PREFIX.FILE.txt, to
/// check that a faster build tags exactly as the one before it.
///
/// Prints the model's load time (file read and decode, in a fresh process), the gazetteer's,
/// and for each path: thread CPU time per passage, per 700 bytes and per article, the best
/// of `--runs` runs (default 5; interference from other processes only ever adds time).
@main
enum MeasureTagging {
    static func main() throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        var rounds = 1
        var runs = 5
        var limit = Int.max
        var dump: String?
        var modelPath: String?
        var paths: [String] = []
        while !arguments.isEmpty {
            let argument = arguments.removeFirst()
            switch argument {
            case "--rounds": rounds = Int(arguments.removeFirst()) ?? 1
            case "--model": modelPath = arguments.removeFirst()
            case "--runs": runs = Int(arguments.removeFirst()) ?? 5
            case "--dump": dump = arguments.removeFirst()
            case "--limit": limit = Int(arguments.removeFirst()) ?? Int.max
            default: paths.append(argument)
            }
        }

        let wallStart = Date()
        let cpuStart = cpuSeconds()
        let labeller: LearnedLabeller
        if let modelPath {
            labeller = try ModelFile.load(contentsOf: URL(fileURLWithPath: modelPath))
        } else {
            labeller = try LearnedLabeller.shipped
        }
        print(String(format: "model load: %.1f ms CPU, %.1f ms wall, %d features",
                     (cpuSeconds() - cpuStart) * 1e3, Date().timeIntervalSince(wallStart) * 1e3, labeller.featureCount))
        let gazetteerStart = cpuSeconds()
        let gazetteer = try Gazetteer.bundled()
        print(String(format: "gazetteer load: %.1f ms CPU, %d actors", (cpuSeconds() - gazetteerStart) * 1e3, gazetteer.count))
        let tagger = NewsTagger(gazetteer: gazetteer, labeller: labeller, today: CalendarDate(year: 2026, month: 12, day: 2))

        for path in paths {
            var articles: [Article] = []
            for file in FileCollector(stdinFormat: nil).collect([path]).files {
                articles += try file.format.reader.read(try file.load()).articles
            }
            articles = Array(articles.prefix(limit))
            let passages = articles.reduce(0) { $0 + $1.passages.count }
            let bytes = articles.reduce(0) { $0 + $1.passages.reduce(0) { $0 + $1.text.utf8.count } }
            var actors = 0
            var lines = ""
            for article in articles {  // warm up, and what --dump writes for comparing two builds
                let tagged = tagger.tag(article)
                actors += tagged.passages.reduce(0) { $0 + $1.actors.count }
                if dump != nil {
                    lines += "\(article.id) published \(tagged.article.published.map { "\($0.date)" } ?? "-")\n"
                    for passage in tagged.passages {
                        lines += "  \(passage.passage.number): \(passage.actors.map { "\($0.name)/\($0.type.rawValue)" }) \(passage.mentions) \(passage.dates.map { "\($0.text)=\($0.start)..\($0.end.map { "\($0)" } ?? "")" })\n"
                    }
                    lines += "  aliases \(tagged.aliases.map { "\($0.key.name): \($0.value.sorted())" }.sorted())\n"
                }
            }
            if let dump {
                try lines.write(toFile: dump + "." + URL(fileURLWithPath: path).lastPathComponent + ".txt", atomically: true, encoding: .utf8)
            }
            var best = Double.infinity
            for _ in 0..<runs {
                let start = cpuSeconds()
                for _ in 0..<rounds {
                    for article in articles { _ = tagger.tag(article) }
                }
                best = min(best, (cpuSeconds() - start) / Double(rounds))
            }
            print(String(format: "%@: %d articles, %d passages, %.0f bytes/passage, %d actors; %.1f µs/passage, %.0f µs per 700 bytes, %.0f µs/article",
                         path, articles.count, passages, Double(bytes) / Double(max(1, passages)), actors,
                         best / Double(max(1, passages)) * 1e6, best / Double(max(1, bytes)) * 700 * 1e6,
                         best / Double(max(1, articles.count)) * 1e6))
        }
    }

    /// This thread's CPU time in seconds.
    static func cpuSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
