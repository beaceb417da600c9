import Foundation
import Testing
@testable import Indexer

@Suite struct ReutersDump {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["DUMP_REUTERS"] != nil))
    func dump() throws {
        let g = SeedArticles.tagger.gazetteer
        for story in try ReutersSample.stories(limit: 120) {
            let t = SeedArticles.tagger.tag(story.article)
            let actors = Set(t.passages.flatMap(\.actors))
            let exp = Set(story.places.compactMap { g.actor(named: $0.replacingOccurrences(of: "-", with: " ")) })
            let placed = Set(actors.compactMap { g.country(of: $0) })
            let missed = exp.subtracting(placed).map(\.name)
            let extra = actors.filter { $0.type == .country && !exp.contains($0) }.map(\.name)
            print("## \(story.article.title.prefix(60)) | places \(story.places) missed \(missed) extra \(extra)")
            
            print("   A: \(t.passages.flatMap(\.actors).map { "\($0.name)/\($0.type.rawValue.prefix(3))" }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.joined(separator: "; "))")
        }
    }
}
