import Foundation
import Testing
@testable import Indexer

@Suite struct DumpSeeds {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["DUMP_SEEDS"] != nil))
    func dump() throws {
        for n in ["000", "001", "002", "003", "004"] {
            let tagged = SeedArticles.tagger.tag(try SeedArticles.article(n))
            print("=== \(n) published:", tagged.article.published.map { "\($0.date) \($0.origin)" } ?? "nil")
            for p in tagged.passages {
                print("[\(p.passage.number)] \(p.passage.text.prefix(70))")
                print("    A:", p.actors.map { "\($0.name)/\($0.type.rawValue.prefix(3))" }.joined(separator: "; "))
                if !p.dates.isEmpty { print("    D:", p.dates.map { "\($0.text)=\($0.value)\($0.isEventReference ? "!" : "")" }.joined(separator: "; ")) }
            }
            print("    aliases:", tagged.aliases.map { "\($0.key.name): \($0.value.sorted())" }.sorted().joined(separator: " | "))
        }
    }
}
