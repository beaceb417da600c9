import Foundation
import Testing
import TestSupport
@testable import XapianStore

/// Searches on several threads at once, each with its own handles, as the server and parallel
/// tests run them: nothing the shim hands out may be shared between threads behind their back.
@Suite struct ConcurrentQueryTests {
    /// A match-all query built and dropped on several threads at once: each must be its own
    /// object. Copies of the static `Xapian::Query::MatchAll` share one reference count that is
    /// not atomic, so this loop freed it under another thread (a crash in `Query::get_length`).
    @Test func matchAllQueriesBuiltOnSeveralThreadsAtOnceCountEveryDocument() throws {
        let dir = TemporaryDirectory()
        try FacetCountingTests.write(FacetCountingTests.lists, to: dir.path("idx"))
        let path = dir.path("idx")
        let threads = 4
        let rounds = 3000
        let outcomes = Outcomes()
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            do {
                let database = try Database(path: path)
                for _ in 0..<rounds {
                    let query = try Query.combine(.filter, try Query.matchAll(), try Query.term("Xall"))
                    let enquire = try Enquire(database: database, query: query)
                    let total = try enquire.matchSet(first: 0, maximum: 0, checkAtLeast: 100).totals.estimated
                    if total != FacetCountingTests.lists.count { outcomes.add("total \(total)") }
                }
            } catch {
                outcomes.add("\(error)")
            }
        }
        #expect(outcomes.all.isEmpty)
    }

    /// What went wrong on any thread, gathered under a lock.
    final class Outcomes: @unchecked Sendable {
        private let lock = NSLock()
        private var problems: [String] = []
        func add(_ problem: String) { lock.withLock { problems.append(problem) } }
        var all: [String] { lock.withLock { problems } }
    }
}
