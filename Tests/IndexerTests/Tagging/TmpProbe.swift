import Foundation
import Testing
@testable import Indexer

@Suite struct TmpProbe {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PROBE"] != nil))
    func probe() throws {
        let text = try String(contentsOfFile: "/tmp/probe.txt", encoding: .utf8)
        let paras = text.components(separatedBy: "\n").filter { !$0.isEmpty }
        let pub = ProcessInfo.processInfo.environment["PUB"].flatMap(CalendarDate.init(iso:))
        let t = SeedArticles.tagger.tag(SeedArticles.article(paras, published: pub))
        print("published:", t.article.published.map { "\($0.date) \($0.origin)" } ?? "nil")
        for p in t.passages.dropFirst() {
            print("[\(p.passage.number)] \(p.passage.text.prefix(90))")
            print("    A:", p.actors.map { "\($0.name)/\($0.type.rawValue.prefix(3))" }.joined(separator: "; "))
            if !p.dates.isEmpty { print("    D:", p.dates.map { "\($0.text)=\($0.value)" }.joined(separator: "; ")) }
        }
    }
}
