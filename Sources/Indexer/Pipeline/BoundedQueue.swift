import Foundation

/// A blocking first-in first-out queue of bounded capacity, between one producer thread and one
/// consumer thread.
///
/// `push` waits while the queue is full, so the producer can never run more than `capacity`
/// items ahead of the consumer and memory stays flat however large the input. Either side can
/// end the exchange: the producer with `close()` (the consumer drains what is left, then `pop`
/// returns nil), the consumer with `cancel()` (the producer's next `push` returns false).
///
/// Thread safety: all state is guarded by one `NSCondition`; that is what the
/// `@unchecked Sendable` conformance asserts. Elements are `Sendable` values.
final class BoundedQueue<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var buffer: [Element?]
    private var head = 0
    private var count = 0
    private var closed = false
    private var cancelled = false

    /// Creates a queue holding at most `capacity` (≥ 1) items.
    init(capacity: Int) {
        buffer = Array(repeating: nil, count: max(1, capacity))
    }

    /// Appends `element`, waiting while the queue is full.
    /// - Returns: false when the consumer cancelled (the element is dropped).
    @discardableResult
    func push(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while count == buffer.count && !cancelled { condition.wait() }
        if cancelled { return false }
        buffer[(head + count) % buffer.count] = element
        count += 1
        condition.broadcast()
        return true
    }

    /// Removes the oldest element, waiting while the queue is empty and open.
    /// - Returns: nil once the producer closed the queue and it is drained, or after `cancel()`.
    func pop() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while count == 0 && !closed && !cancelled { condition.wait() }
        if cancelled || count == 0 { return nil }
        let element = buffer[head]
        buffer[head] = nil
        head = (head + 1) % buffer.count
        count -= 1
        condition.broadcast()
        return element
    }

    /// The producer is done: `pop` returns nil after the remaining items.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The consumer stops: pending and future pushes are dropped.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// True once `cancel()` was called.
    var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }
}
