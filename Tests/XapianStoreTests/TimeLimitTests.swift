import Foundation
import Testing
import TestSupport
@testable import XapianStore

/// `Enquire.setTimeLimit` on a local index: a match past its deadline is stopped with
/// `.timedOut`, even an exhaustive count (Xapian 1.4's own time limit did not cut one), and
/// `removeTimeLimit` lets the next matches run whole.
@Suite struct TimeLimitTests {
    /// 2,000 documents with the term `Xall`: far more than the 256 the deadline spy lets pass
    /// between looks at the clock.
    static func index(in dir: TemporaryDirectory) throws -> Database {
        let writer = try WritableDatabase(path: dir.path("idx"))
        for number in 0..<2_000 {
            let document = try Document()
            try document.addBooleanTerm("Xall")
            try writer.replace(uniqueTerm: "Qdoc\(number)", with: document)
        }
        try writer.commit()
        return try Database(path: dir.path("idx"))
    }

    @Test func anExhaustiveMatchPastItsDeadlineIsStoppedAndALiftedLimitLetsTheNextRunWhole() throws {
        let dir = TemporaryDirectory()
        let database = try Self.index(in: dir)
        #expect(!database.reachesRemoteShards)
        let enquire = try Enquire(database: database, query: try Query.term("Xall"))
        try enquire.setTimeLimit(seconds: 0)
        do {
            _ = try enquire.matchSet(first: 0, maximum: 10, checkAtLeast: 2_000)
            Issue.record("a match past its deadline was not stopped")
        } catch {
            #expect(error.code == .timedOut)
            #expect(error.message == "the match ran past its time limit")
        }
        try enquire.removeTimeLimit()
        let whole = try enquire.matchSet(first: 0, maximum: 10, checkAtLeast: 2_000)
        #expect(whole.totals.lowerBound == 2_000 && whole.totals.upperBound == 2_000)
        // A generous limit leaves the match whole.
        try enquire.setTimeLimit(seconds: 60)
        #expect(try enquire.matchSet(first: 0, maximum: 10, checkAtLeast: 2_000).totals.estimated == 2_000)
    }

    @Test func aStubListingARemoteShardIsKnownForOne() throws {
        let dir = TemporaryDirectory()
        _ = try Self.index(in: dir)
        try FileManager.default.createDirectory(atPath: dir.path("stub"), withIntermediateDirectories: true)
        try "auto \(dir.path("idx"))\n".write(toFile: dir.path("stub") + "/" + IndexSchema.stubFileName, atomically: true, encoding: .utf8)
        #expect(try Database(path: dir.path("stub")).reachesRemoteShards == false)
        #expect(try Database(path: dir.path("stub")).documentCount() == 2_000)
        // The stub's own lines decide (not opened here: no xapian-tcpsrv listens).
        try "auto \(dir.path("idx"))\n  remote 127.0.0.1:1\n".write(toFile: dir.path("remote.stub"), atomically: true, encoding: .utf8)
        #expect(IndexLayout.read(at: dir.path("remote.stub")).reachesRemoteShards)
        #expect(!IndexLayout.read(at: dir.path("stub")).reachesRemoteShards)
        #expect(!IndexLayout.read(at: dir.path("idx")).reachesRemoteShards)
    }
}
