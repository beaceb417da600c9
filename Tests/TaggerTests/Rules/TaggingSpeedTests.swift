import Foundation
import NewsModel
import Testing
@testable import Tagger
@testable import Indexer

/// A measurement to run by hand, in release mode, not a timing assertion:
///
///     scripts/measure-tagging.sh
///
/// Tags the five seeds and 1,000 Reuters stories (when the corpora are present) repeatedly
/// and prints microseconds per passage and per kilobyte.
@Suite struct TaggingSpeedTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["DOSSIER_MEASURE_TAGGING"] != nil))
    func measureTaggingSpeed() throws {
        // The learned model: load time (read + decode + tables) and the memory it adds.
        let modelURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Sources/Tagger/Resources/name-model.dstg")
        let residentBefore = Self.residentKB()
        let loadStart = DispatchTime.now().uptimeNanoseconds
        let model = try ModelFile.load(contentsOf: modelURL)
        let loadMs = Double(DispatchTime.now().uptimeNanoseconds - loadStart) / 1e6
        print(String(format: "tagging model load: %.1f ms, %d features, +%d KB resident", loadMs, model.featureCount, Self.residentKB() - residentBefore))
        let seeds = try ["000", "001", "002", "003", "004"].map { try SeedArticles.article($0) }
        measure("seeds", seeds, rounds: 100)
        // The same text in passages of about 700 bytes, the average the pipeline is sized for.
        let long = seeds.map { article -> Article in
            var passages: [Passage] = [article.passages[0]]
            var current = ""
            for passage in article.passages.dropFirst() {
                current += (current.isEmpty ? "" : " ") + passage.text
                if current.utf8.count >= 650 {
                    passages.append(Passage(number: passages.count, kind: .paragraph, text: current, line: 1))
                    current = ""
                }
            }
            if !current.isEmpty { passages.append(Passage(number: passages.count, kind: .paragraph, text: current, line: 1)) }
            var copy = article
            copy.passages = passages
            return copy
        }
        measure("seeds in ~700-byte passages", long, rounds: 100)
        let reuters = try ReutersSample.stories(limit: 1000).map(\.article)
        if !reuters.isEmpty { measure("reuters", reuters, rounds: 1) }
    }

    /// Resident set size from /proc/self/status (Linux), in KB; 0 elsewhere.
    static func residentKB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return 0 }
        return Int(line.split(separator: " ")[1]) ?? 0
    }

    private func cpuSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    private func measure(_ name: String, _ articles: [Article], rounds defaultRounds: Int) {
        // DOSSIER_TAGGING_ROUNDS=0 runs everything but the tagging, for `perf stat` baselines.
        let rounds = ProcessInfo.processInfo.environment["DOSSIER_TAGGING_ROUNDS"].flatMap { Int($0) } ?? defaultRounds
        let passages = articles.reduce(0) { $0 + $1.passages.count }
        let bytes = articles.reduce(0) { $0 + $1.passages.reduce(0) { $0 + $1.text.utf8.count } }
        let tagger = SeedArticles.tagger
        if rounds > 0 { _ = articles.map(tagger.tag) }  // warm up
        // Thread CPU time, not wall time: the build machine is shared, and a busy neighbour
        // would otherwise be counted as tagging cost.
        // The fastest of five runs: interference only ever adds time.
        var seconds = Double.infinity
        var actors = 0
        for _ in 0..<5 {
            let start = cpuSeconds()
            actors = 0
            for _ in 0..<rounds {
                for article in articles { actors += tagger.tag(article).passages.reduce(0) { $0 + $1.actors.count } }
            }
            seconds = min(seconds, cpuSeconds() - start)
        }
        let perPassage = seconds / Double(rounds * passages) * 1e6
        let perKB = seconds / Double(rounds) / Double(bytes) * 1024 * 1e6
        print(String(format: "tagging %@ (CPU time, best of 5): %d articles, %d passages, %.0f bytes/passage; %.1f µs/passage, %.0f passages/s, %.1f µs/KB, %.0f µs per 700-byte passage",
                     name, articles.count, passages, Double(bytes) / Double(passages), perPassage, 1e6 / perPassage,
                     perKB, perKB * 700 / 1024))
    }
}

@Suite struct TaggingPhaseSpeed {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["DOSSIER_MEASURE_PHASES"] != nil))
    func phases() throws {
        let seeds = try ["000", "001", "002", "003", "004"].map { try SeedArticles.article($0) }
        let texts = seeds.flatMap(\.passages).map(\.text)
        let g = SeedArticles.tagger.gazetteer
        func time(_ name: String, _ body: () -> Int) {
            let start = DispatchTime.now().uptimeNanoseconds
            var n = 0
            for _ in 0..<200 { n += body() }
            let us = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e3 / Double(200 * texts.count)
            print(String(format: "phase %@: %.1f µs/passage (%d)", name, us, n))
        }
        let finder = NameFinder(gazetteer: g, namesInArticle: [])
        let tokenized = texts.map { text -> [Token] in
            var tokens = Tokenizer.tokenize(text)
            finder.annotate(&tokens)
            return tokens
        }
        time("tokenize") { texts.reduce(0) { $0 + Tokenizer.tokenize($1).count } }
        time("names") { tokenized.reduce(0) { $0 + finder.mentions(in: $1, shouting: NameFinder.isShouting($1)).count } }
        let dates = DateFinder(events: g.events)
        time("dates") { tokenized.reduce(0) { acc, t in acc + dates.dates(in: t) { finder.text(t, $0, $1) }.count } }
        time("whole") { seeds.reduce(0) { $0 + SeedArticles.tagger.tag($1).passages.count } / max(1, 1) }
    }
}
