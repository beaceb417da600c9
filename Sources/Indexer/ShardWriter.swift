import Foundation
import XapianStore

/// One shard of an index being written: its `WritableDatabase`, touched only by the thread that
/// owns it, and the jobs `IndexWriter` sends it, run in the order sent.
///
/// Why a thread per shard: Xapian's writer is single-threaded per database, so the only way
/// past one writer's speed is several databases written at once (issue 15). The first shard is
/// written on the caller's thread (`threaded: false`), because the caller also writes the
/// index-wide metadata there; each other shard has its own thread, fed through a
/// `BoundedQueue` so that the caller never runs more than `capacity` jobs ahead and memory
/// stays flat. A job that fails stops the shard: later jobs are skipped and the error is
/// thrown by the next `perform` or `wait`, so a failure is never lost, and an uncommitted
/// batch is discarded when the shard closes (`WritableDatabase`).
///
/// Thread safety: the database is used only by the shard's thread (or, unthreaded, the
/// caller's); `failure` is guarded by `lock`; that is what `@unchecked Sendable` asserts.
final class ShardWriter: @unchecked Sendable {
    /// Work for the shard, given its database.
    typealias Job = (WritableDatabase) throws(XapianError) -> Void

    private struct Queued: @unchecked Sendable {
        var job: Job?
        var done: DispatchSemaphore?
    }

    /// The shard's database directory.
    let path: String
    private var database: WritableDatabase?
    private let queue: BoundedQueue<Queued>?
    private let finished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var failure: XapianError?
    private var closed = false

    /// Takes over `database`; with `threaded`, starts the thread that will run its jobs.
    init(path: String, database: WritableDatabase, threaded: Bool, capacity: Int = 128) {
        self.path = path
        self.database = database
        queue = threaded ? BoundedQueue(capacity: capacity) : nil
        guard let queue else { return }
        let thread = Thread { [self] in
            while let item = queue.pop() {
                if let job = item.job, storedFailure == nil, let database = self.database {
                    do throws(XapianError) {
                        try job(database)
                    } catch {
                        lock.lock()
                        failure = failure ?? error
                        lock.unlock()
                    }
                }
                item.done?.signal()
            }
            finished.signal()
        }
        thread.name = "dossier-shard-writer"
        thread.start()
    }

    private var storedFailure: XapianError? {
        lock.lock()
        defer { lock.unlock() }
        return failure
    }

    /// Runs `job` on the shard: at once when unthreaded, else queued behind the jobs sent before
    /// (waiting while the queue is full).
    /// - Throws: the error of an earlier job that failed.
    func perform(_ job: @escaping Job) throws(XapianError) {
        if let failure = storedFailure { throw failure }
        guard let queue else {
            guard let database else { return }
            try job(database)
            return
        }
        queue.push(Queued(job: job, done: nil))
    }

    /// Waits until every job sent so far has run.
    /// - Throws: the error of the first job that failed.
    func wait() throws(XapianError) {
        if let queue {
            let done = DispatchSemaphore(value: 0)
            if queue.push(Queued(job: nil, done: done)) { done.wait() }
        }
        if let failure = storedFailure { throw failure }
    }

    /// Drops the jobs not yet run, ends the thread and closes the database, which discards
    /// what was not committed and releases its lock before this returns. Idempotent.
    func close() {
        guard !closed else { return }
        closed = true
        if let queue {
            queue.cancel()
            finished.wait()
        }
        database = nil
    }

    deinit { close() }
}

/// A value a shard's job writes and the caller reads after `ShardWriter.wait()` (which orders
/// the two): one box per shard, so no two threads write one.
final class ShardResult<Value>: @unchecked Sendable {
    /// The value.
    var value: Value

    init(_ value: Value) { self.value = value }
}
