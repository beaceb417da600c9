import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Indexer
import NewsModel
import Output
import Search
@testable import Server
import Testing
import TestSupport

/// The limits that keep a public port from being used against the machine: the concurrency
/// limit (503 `busy`), a waiting job past its deadline (503 `timed_out`), a search cut at its
/// time limit (503 `search_timed_out`), and the export buffer that a slow client cannot grow.
@Suite(.serialized) struct ServerLimitTests {
    /// 30,000 short passages, every one matching `report`, with 40 actors and 60 months: a
    /// match set big enough that counting it exactly takes well over a millisecond.
    static let large = Result { () throws -> (TemporaryDirectory, String) in
        let work = TemporaryDirectory("serve-limits")
        var lines = ""
        for n in 0..<30_000 {
            let month = String(format: "%04d-%02d-01", 2020 + (n % 60) / 12, (n % 60) % 12 + 1)
            lines += #"{"id": "p\#(n)", "text": "report number \#(n) on talks \#(n % 97) and trade \#(n % 89)", "actors": ["Actor \#(n % 40)"], "date": "\#(month)"}"# + "\n"
        }
        let input = work.path("passages.jsonl")
        try lines.write(toFile: input, atomically: true, encoding: .utf8)
        var options = IndexingOptions(indexPath: work.path("index"), tagger: NoTagger())
        options.reader = PassagesJSONLReader()
        _ = try IndexingRun(options: options).run(paths: [input])
        return (work, work.path("index"))
    }

    /// The library: with a time limit that has passed before the count ends, the search throws
    /// `timedOut` instead of answering with partial counts; with no limit (or a generous one)
    /// the same search is whole and exact.
    @Test func aSearchPastItsTimeLimitIsStoppedAndSaysSo() throws {
        let index = try Self.large.get().1
        let engine = try SearchEngine(indexPath: index)
        var request = SearchRequest(query: "report")
        request.facets = [.actor, .publishedMonth]
        let whole = try engine.search(request)
        #expect(whole.total == 30_000 && whole.totalIsExact)
        request.timeLimit = 60
        #expect(try engine.search(request).total == 30_000)
        request.timeLimit = 0.000_001
        #expect(throws: SearchError.timedOut(query: "report", seconds: 0.000_001)) { try engine.search(request) }
        #expect(throws: SearchError.timedOut(query: "report", seconds: 0.000_001)) { try engine.count(request, by: [FacetKind.actor], limit: nil) }
        let error = try #require(throws: SearchError.self) { try engine.search(request) }
        #expect("\(error)".contains("ran past its time limit"))
        #expect(ErrorCategory(error) == .badQuery)
    }

    /// Over HTTP: a search cut by the per-request limit is a 503 with its own code and a
    /// message that says what happened and what to do (never a 200 with partial counts).
    @Test func theServerAnswersACutSearchWith503() async throws {
        let index = try Self.large.get().1
        try await ServerAPITests.withServer(index: index, configure: { $0.limits.requestTimeout = 0.001 }) { base in
            var codes: [String] = []
            for _ in 0..<5 {
                let answer = try await ServerAPITests.request(base + "/api/search?q=report&facet=actor&facet=published-month")
                #expect(answer.status == 503)
                let error = try #require(answer.json["error"] as? [String: Any])
                codes.append(error["code"] as? String ?? "")
                if error["code"] as? String == "search_timed_out" {
                    #expect((error["message"] as? String)?.contains("--request-timeout") == true)
                }
            }
            // Either the search was cut (the usual case) or it waited past its 1 ms for the
            // worker; both are the documented 503s, and never a partial answer.
            #expect(codes.allSatisfy { $0 == "search_timed_out" || $0 == "timed_out" })
            #expect(codes.contains("search_timed_out"))
        }
        try await ServerAPITests.withServer(index: index) { base in
            let answer = try await ServerAPITests.request(base + "/api/search?q=report&facet=actor")
            #expect(answer.status == 200 && answer.json["total"] as? Int == 30_000)
        }
    }

    /// A watch list shares its request's time: past it, its lines are answered with error rows
    /// (a search cut at the limit, or not run), counted in `Dossier-Failed-Lines`, never with
    /// a partial count.
    @Test func aBatchPastTheRequestTimeAnswersErrorRowsNotPartialCounts() async throws {
        let index = try Self.large.get().1
        let body = Data((1...5).map { "report --id r\($0)\n" }.joined().utf8)
        try await ServerAPITests.withServer(index: index, configure: { $0.limits.requestTimeout = 0.001 }) { base in
            let answer = try await ServerAPITests.request(base + "/api/batch", method: "POST", body: body)
            // The pool may refuse the job outright when it waited past 1 ms; otherwise every line
            // fails inside the batch.
            if answer.status == 200 {
                #expect(answer.headers["dossier-failed-lines"] == "5")
                let rows = answer.text.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
                #expect(rows.count == 5)
                for row in rows {
                    #expect(row["total"] == nil || row["total"] is NSNull)
                    let error = row["error"] as? String ?? ""
                    #expect(error.contains("ran past its time limit") || error.hasPrefix("not run: the batch used up its time limit"), "\(error)")
                }
            } else {
                #expect(answer.status == 503)
            }
        }
        try await ServerAPITests.withServer(index: index) { base in
            let answer = try await ServerAPITests.request(base + "/api/batch", method: "POST", body: body)
            #expect(answer.status == 200 && answer.headers["dossier-failed-lines"] == "0")
            #expect(answer.text.split(separator: "\n").allSatisfy { $0.contains(#""total":30000"#) })
        }
    }

    /// A one-worker pool over the seeds whose worker is held by a first job until `release`
    /// is signalled (the job then runs `then`).
    static func heldPool(maxQueued: Int, then: @escaping @Sendable () -> Void = {}) throws -> (EnginePool, DispatchSemaphore) {
        let pool = EnginePool(indexPath: try ServerAPITests.seeds.get().path, workers: 1, maxQueued: maxQueued)
        let release = DispatchSemaphore(value: 0)
        let running = DispatchSemaphore(value: 0)
        pool.submit(deadline: .now + .seconds(600), run: { _ in running.signal(); release.wait(); then() }, reject: { _ in })
        running.wait()
        return (pool, release)
    }

    /// The concurrency limit: with the worker busy and the queue full, the next request is
    /// refused at once (`busy`), and a job that waited past its deadline is refused without
    /// running (`timedOut`).
    @Test func aFullPoolRefusesAtOnceAndALateJobDoesNotRun() async throws {
        let outcomes = Outcomes()
        let (pool, release) = try Self.heldPool(maxQueued: 1) { outcomes.add("first ran") }
        defer { pool.stop() }
        let far = ContinuousClock.now + .seconds(600)
        pool.submit(deadline: .now + .milliseconds(50), run: { _ in outcomes.add("late ran") }, reject: { outcomes.add("late \($0.code)") })
        pool.submit(deadline: far, run: { _ in outcomes.add("third ran") }, reject: { outcomes.add("third \($0.code)") })
        #expect(outcomes.list == ["third busy"])  // refused at once: one waits already
        try await Task.sleep(for: .milliseconds(100))
        release.signal()
        try await Task.sleep(for: .milliseconds(100))  // the worker drains the late job
        let done = try await pool.run(deadline: far) { _ in "fourth ran" }
        #expect(done.value == "fourth ran")
        #expect(outcomes.list == ["third busy", "first ran", "late timed_out"])
    }

    /// The header writes milliseconds with three decimals, as Server-Timing's `dur` reads them.
    @Test func serverTimingWritesMilliseconds() {
        let timing = WorkerTiming(waited: .microseconds(41), worked: .microseconds(1_873_250))
        #expect(timing.headerValue == "queue;dur=0.041, search;dur=1873.250")
        #expect(WorkerTiming(waited: .zero, worked: .milliseconds(12)).headerValue == "queue;dur=0.000, search;dur=12.000")
    }

    /// The timing a job reports (the `Server-Timing` header) tells the wait for a worker from
    /// the worker's own time: a job queued behind a held worker waited at least the hold, and
    /// a job that works 50 ms says so.
    @Test func aJobReportsItsWaitApartFromItsWork() async throws {
        let (pool, release) = try Self.heldPool(maxQueued: 4)
        defer { pool.stop() }
        let far = ContinuousClock.now + .seconds(600)
        async let queued = pool.run(deadline: far) { _ in Thread.sleep(forTimeInterval: 0.05) }
        try await Task.sleep(for: .milliseconds(200))
        release.signal()
        let timing = try await queued.timing
        #expect(timing.waited >= .milliseconds(150), "\(timing.waited)")
        #expect(timing.worked >= .milliseconds(45) && timing.worked < timing.waited, "\(timing.worked)")
        let value = timing.headerValue
        #expect(value.hasPrefix("queue;dur=") && value.contains(", search;dur="), "\(value)")
    }

    /// Over HTTP the refusal is a 503 `busy` JSON answer with `Retry-After` (no queue at all
    /// here, so every search is refused).
    @Test func aRefusedRequestIs503BusyWithRetryAfter() async throws {
        let index = try ServerAPITests.seeds.get().path
        try await ServerAPITests.withServer(index: index, configure: { $0.limits.maxQueued = 0 }) { base in
            let answer = try await ServerAPITests.request(base + "/api/search?q=extradition")
            #expect(answer.status == 503)
            #expect(answer.headers["retry-after"] == "1")
            #expect((answer.json["error"] as? [String: Any])?["code"] as? String == "busy")
        }
    }

    /// A slow export client: the worker never holds more than the buffer's chunks, waits while
    /// the client does not read, and gives up (freeing itself) after the slow-client timeout.
    @Test func aSlowExportClientCannotMakeTheServerBuffer() async throws {
        let stream = ExportStream(capacity: 3, slowClientTimeout: 0.5)
        let sent = Outcomes()
        let worker = Thread {
            do {
                for n in 0..<1_000 {
                    try stream.send(Data(repeating: UInt8(n % 256), count: 65_536))
                    sent.add("\(n)")
                }
                stream.finish(nil)
            } catch {
                sent.add("stopped: \(error)")
            }
        }
        worker.start()
        stream.started(ExportStream.Head(total: 1_000, partial: nil))
        #expect(try await stream.waitForStart().total == 1_000)
        // A client that reads two chunks slowly: the worker stays at most `capacity` ahead.
        for expected in 0..<2 {
            try await Task.sleep(for: .milliseconds(150))
            #expect(sent.list.count <= expected + 3)
            let chunk = try #require(try await stream.next())
            #expect(chunk.first == UInt8(expected))
        }
        // Then it stops reading: the worker blocks with the buffer full, then gives up.
        try await Task.sleep(for: .milliseconds(1_200))
        #expect(sent.list.filter { !$0.hasPrefix("stopped") }.count == 5)  // 2 taken + 3 buffered
        #expect(sent.list.last?.hasPrefix("stopped: the client took no data") == true)
    }
}

/// A list appended to from several threads.
final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ item: String) { lock.lock(); items.append(item); lock.unlock() }
    var list: [String] { lock.lock(); defer { lock.unlock() }; return items }
}
