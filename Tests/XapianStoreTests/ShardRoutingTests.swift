import Testing
import XapianStore

/// How `dossier index --shards N` spreads articles: stably, evenly, and by every byte of the id.
@Suite struct ShardRoutingTests {
    /// The same id always goes to the same shard, and the shard is within range.
    @Test func anIDAlwaysLandsInTheSameShard() {
        for count in 1...8 {
            for id in ["reut2-000.sgm#1", "news/2025/a.txt", "p0000001", ""] {
                let shard = IndexSchema.shard(ofArticle: id, among: count)
                #expect((0..<count).contains(shard))
                #expect(IndexSchema.shard(ofArticle: id, among: count) == shard)
            }
        }
    }

    /// Sequential ids, as feeds and file names give them, fill every shard within 5% of an
    /// even share.
    @Test(arguments: [2, 3, 4, 8])
    func sequentialIDsSpreadEvenly(count: Int) {
        var sizes = [Int](repeating: 0, count: count)
        let total = 20_000
        for n in 0..<total { sizes[IndexSchema.shard(ofArticle: "feed.jsonl#\(n)", among: count)] += 1 }
        let even = Double(total) / Double(count)
        #expect(sizes.allSatisfy { abs(Double($0) - even) < even * 0.05 }, "\(sizes)")
    }

    /// Ids made of the same bytes in another order ("12.txt", "21.txt") do not share a shard
    /// by construction: with a plain FNV-1a modulo 2 every such pair did.
    @Test func idsWithTheSameBytesInAnotherOrderAreSpread() {
        var apart = 0
        let pairs = 200
        for n in 0..<pairs {
            let digits = String(n + 100)
            let a = "story-\(digits).txt", b = "story-\(String(digits.reversed())).txt"
            if IndexSchema.shard(ofArticle: a, among: 2) != IndexSchema.shard(ofArticle: b, among: 2) { apart += 1 }
        }
        // About half apart when the bytes' order counts; none when only their multiset did.
        #expect(apart > pairs / 4, "\(apart) of \(pairs) pairs apart")
    }
}
