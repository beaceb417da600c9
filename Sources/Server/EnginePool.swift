import Foundation
import Search

/// Worker threads, each owning one `SearchEngine` (engines are not thread-safe and Xapian
/// readers are cheap), that run the server's searches off Swift's cooperative pool: a search
/// is blocking C++ work and must not starve the event loops.
///
/// Before each job a worker moves its engine to the index's latest commit
/// (`SearchEngine.refresh`), so a search sees what the indexer committed, and always one
/// whole commit. At most `limits.maxQueued` jobs wait; a job that waited past its deadline is
/// answered `ServerError.timedOut` without running.
final class EnginePool: @unchecked Sendable {
    private struct Job {
        let deadline: ContinuousClock.Instant
        /// Whether the job may be answered without shards that do not answer (`allow_partial`).
        let allowPartial: Bool
        let run: (SearchEngine) -> Void
        let reject: (ServerError) -> Void
    }

    private let indexPath: String
    private let maxQueued: Int
    private let condition = NSCondition()
    private var queue: [Job] = []
    private var stopping = false
    private var threads: [Thread] = []

    /// Starts `workers` threads reading the index at `indexPath`.
    init(indexPath: String, workers: Int, maxQueued: Int) {
        self.indexPath = indexPath
        self.maxQueued = maxQueued
        for number in 0..<max(1, workers) {
            let thread = Thread { [unowned self] in self.work() }
            thread.name = "dossier-search-\(number)"
            thread.stackSize = 4 << 20
            threads.append(thread)
            thread.start()
        }
    }

    /// Queues `run` for a worker, or calls `reject` at once when the queue is full.
    /// - Parameter allowPartial: run it on the worker's engine that answers without shards
    ///   that do not answer (`SearchEngine(allowPartial:)`), not on the one that fails then.
    func submit(
        deadline: ContinuousClock.Instant, allowPartial: Bool = false, run: @escaping (SearchEngine) -> Void,
        reject: @escaping (ServerError) -> Void
    ) {
        condition.lock()
        guard !stopping, queue.count < maxQueued else {
            condition.unlock()
            reject(.busy)
            return
        }
        queue.append(Job(deadline: deadline, allowPartial: allowPartial, run: run, reject: reject))
        condition.signal()
        condition.unlock()
    }

    /// Runs `body` on a worker's engine and returns its result, with how long it waited for
    /// the worker and how long the worker took.
    func run<T: Sendable>(
        deadline: ContinuousClock.Instant, allowPartial: Bool = false, _ body: @escaping @Sendable (SearchEngine) throws -> T
    ) async throws -> (value: T, timing: WorkerTiming) {
        let queued = ContinuousClock.now
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<(value: T, timing: WorkerTiming), any Error>) in
            submit(
                deadline: deadline, allowPartial: allowPartial,
                run: { engine in
                    let started = ContinuousClock.now
                    let result = Result { try body(engine) }
                    let timing = WorkerTiming(waited: started - queued, worked: ContinuousClock.now - started)
                    continuation.resume(with: result.map { (value: $0, timing: timing) })
                },
                reject: { continuation.resume(throwing: $0) })
        }
    }

    /// Lets the workers finish the queued jobs, then end.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    private func work() {
        // One engine for whole answers and, once a request allows it, one for partial answers
        // (`SearchEngine(allowPartial:)`: the library's rule decides what each may answer).
        var engines: [Bool: SearchEngine] = [:]
        while true {
            condition.lock()
            while queue.isEmpty && !stopping { condition.wait() }
            if queue.isEmpty {
                condition.unlock()
                return
            }
            let job = queue.removeFirst()
            condition.unlock()

            if ContinuousClock.now > job.deadline {
                job.reject(.timedOut)
                continue
            }
            let engine: SearchEngine
            do {
                if let open = engines[job.allowPartial] {
                    try open.refresh()
                    engine = open
                } else {
                    engine = try SearchEngine(indexPath: indexPath, allowPartial: job.allowPartial)
                    engines[job.allowPartial] = engine
                }
            } catch {
                engines[job.allowPartial] = nil
                job.reject(.search(error))
                continue
            }
            job.run(engine)
        }
    }
}

/// Where a request's time went inside the server, sent as its `Server-Timing` header
/// (`Docs/http-api.md`): the load benchmark reads it to set the library's own time for the very
/// same request beside the time the client saw.
struct WorkerTiming: Sendable {
    /// From the request's job being queued to a worker starting it (the wait for a free worker,
    /// and its engine moving to the index's latest commit).
    let waited: Duration
    /// The worker's time: the search through the library and writing its answer's body.
    let worked: Duration

    /// The header's value: `queue;dur=…, search;dur=…`, in milliseconds as the W3C format says.
    var headerValue: String {
        "queue;dur=\(WorkerTiming.milliseconds(waited)), search;dur=\(WorkerTiming.milliseconds(worked))"
    }

    /// A duration as the header writes it: whole microseconds, as milliseconds with three
    /// decimals (no Foundation formatter: this runs for every answer).
    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let micros = max(0, seconds * 1_000_000 + attoseconds / 1_000_000_000_000)
        let fraction = String(micros % 1000)
        return "\(micros / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
