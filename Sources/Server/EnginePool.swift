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
    func submit(deadline: ContinuousClock.Instant, run: @escaping (SearchEngine) -> Void, reject: @escaping (ServerError) -> Void) {
        condition.lock()
        guard !stopping, queue.count < maxQueued else {
            condition.unlock()
            reject(.busy)
            return
        }
        queue.append(Job(deadline: deadline, run: run, reject: reject))
        condition.signal()
        condition.unlock()
    }

    /// Runs `body` on a worker's engine and returns its result.
    func run<T: Sendable>(deadline: ContinuousClock.Instant, _ body: @escaping @Sendable (SearchEngine) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            submit(
                deadline: deadline,
                run: { engine in continuation.resume(with: Result { try body(engine) }) },
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
        var engine: SearchEngine? = nil
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
            do {
                if let engine {
                    try engine.refresh()
                } else {
                    engine = try SearchEngine(indexPath: indexPath)
                }
            } catch {
                engine = nil
                job.reject(.search(error))
                continue
            }
            job.run(engine!)
        }
    }
}
