import Foundation
import NIOCore
import Search

/// Carries an export from the worker thread that reads the index to the task that writes the
/// HTTP response, a few chunks at a time: the worker blocks while `capacity` chunks wait, so a
/// slow client slows the export down instead of filling memory, and a client that takes no
/// chunk for `slowClientTimeout` seconds (or hangs up) stops the export and frees the worker.
///
/// The worker calls `started` once the query ran and the header is written (so a bad query is
/// answered 400 before the response starts), `send` per chunk, then `finish`.
final class ExportStream: @unchecked Sendable {
    private enum Start { case waiting, started(Head), failed(ServerError) }

    /// What the response's headers say, known once the query ran.
    struct Head: Sendable {
        /// The number of hits that follow.
        var total: Int
        /// The shards left out of a partial answer (`allow_partial`), nil for a whole one.
        var partial: PartialAnswer?
    }

    private let capacity: Int
    private let slowClientTimeout: Double
    private let condition = NSCondition()
    private var chunks: [Data] = []
    private var start = Start.waiting
    private var finished = false
    private var failure: ServerError? = nil
    private var cancelled = false
    private var startWaiter: CheckedContinuation<Head, any Error>? = nil
    private var chunkWaiter: CheckedContinuation<Data?, any Error>? = nil

    /// Why the worker stopped writing.
    struct Stopped: Error, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }

    init(capacity: Int, slowClientTimeout: Double) {
        self.capacity = max(1, capacity)
        self.slowClientTimeout = slowClientTimeout
    }

    // MARK: - Worker side

    /// The query ran: `head.total` hits will follow.
    func started(_ head: Head) {
        condition.lock()
        start = .started(head)
        let waiter = startWaiter
        startWaiter = nil
        condition.unlock()
        waiter?.resume(returning: head)
    }

    /// Hands one chunk over, waiting while the buffer is full.
    /// - Throws: `Stopped` when the client hung up or took nothing for too long.
    func send(_ chunk: Data) throws {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date().addingTimeInterval(slowClientTimeout)
        while chunks.count >= capacity && !cancelled {
            if !condition.wait(until: deadline) && chunks.count >= capacity {
                cancelled = true
                throw Stopped(reason: "the client took no data for \(Int(slowClientTimeout)) s")
            }
        }
        if cancelled { throw Stopped(reason: "the client hung up") }
        if let waiter = chunkWaiter {
            chunkWaiter = nil
            waiter.resume(returning: chunk)
        } else {
            chunks.append(chunk)
        }
    }

    /// The export ended, with `error` if it failed.
    func finish(_ error: ServerError?) {
        condition.lock()
        finished = true
        failure = error
        var startWaiterToFail: CheckedContinuation<Head, any Error>? = nil
        if case .waiting = start {
            start = .failed(error ?? .search(.output(reason: "the export ended before it started")))
            startWaiterToFail = startWaiter
            startWaiter = nil
        }
        let waiter = chunkWaiter
        chunkWaiter = nil
        condition.unlock()
        if let startWaiterToFail, case let .failed(reason) = start { startWaiterToFail.resume(throwing: reason) }
        if let waiter {
            if let error { waiter.resume(throwing: error) } else { waiter.resume(returning: nil) }
        }
    }

    // MARK: - Response side

    /// Waits until the query ran; returns the total and partial mark, or throws why it could not run.
    func waitForStart() async throws -> Head {
        try await withCheckedThrowingContinuation { continuation in
            condition.lock()
            switch start {
            case let .started(head):
                condition.unlock()
                continuation.resume(returning: head)
            case let .failed(error):
                condition.unlock()
                continuation.resume(throwing: error)
            case .waiting:
                startWaiter = continuation
                condition.unlock()
            }
        }
    }

    /// The next chunk, nil at the end.
    func next() async throws -> Data? {
        try await withCheckedThrowingContinuation { continuation in
            condition.lock()
            if !chunks.isEmpty {
                let chunk = chunks.removeFirst()
                condition.signal()
                condition.unlock()
                continuation.resume(returning: chunk)
            } else if finished {
                let failure = self.failure
                condition.unlock()
                if let failure { continuation.resume(throwing: failure) } else { continuation.resume(returning: nil) }
            } else {
                chunkWaiter = continuation
                condition.signal()
                condition.unlock()
            }
        }
    }

    /// The client is gone: make the worker's next `send` throw.
    func cancel() {
        condition.lock()
        cancelled = true
        chunks.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}

/// A writer that reports the start of an export (after the query ran and the header was
/// written) to an `ExportStream`, then writes through.
struct StartReportingWriter: HitWriter {
    let inner: any HitWriter
    let stream: ExportStream

    func begin(_ results: SearchResults) throws {
        try inner.begin(results)
        stream.started(ExportStream.Head(total: results.total, partial: results.partial))
    }

    func write(_ hit: SearchHit) throws { try inner.write(hit) }

    func finish(_ results: SearchResults, written: Int) throws { try inner.finish(results, written: written) }
}
