import Foundation

/// How `dossier serve` runs: where the index is, where to listen, and the limits that keep a
/// public port from being used against the machine. Every default is documented in
/// `Docs/http-api.md`; `dossier serve --help` names the option that changes each.
public struct ServerConfiguration: Sendable {
    /// The index directory (opened read-only; the server never writes it).
    public var indexPath: String
    /// The address to listen on; loopback unless told otherwise.
    public var host: String = "127.0.0.1"
    /// The TCP port; 0 picks a free one (reported through `onRunning`).
    public var port: Int = 8080
    /// The program and version recorded as `generator` in structured output (the CLI's).
    public var generator: String
    /// An origin allowed to read the API from another site's pages (CORS), e.g.
    /// `https://newsroom.example`; nil (the default) sends no CORS headers, so browsers let
    /// only the server's own page read the answers.
    public var corsOrigin: String? = nil
    /// The limits.
    public var limits = ServerLimits()

    /// Creates a configuration for the index at `indexPath`.
    public init(indexPath: String, generator: String) {
        self.indexPath = indexPath
        self.generator = generator
    }
}

/// The bounds on what one request may ask for and on how much the server does at once.
public struct ServerLimits: Sendable {
    /// Characters in `q` (and in each filter value).
    public var maxQueryLength = 1_000
    /// Hits per page of `/api/search` (`limit`); the whole list is `/api/export`'s.
    public var maxPageSize = 500
    /// Values per facet (`facet_limit`) and per dimension of `/api/count` (`limit`).
    public var maxFacetLimit = 1_000
    /// Neighbouring paragraphs on each side (`context`).
    public var maxContext = 10
    /// Bytes of a request body (`POST /api/batch`).
    public var maxBodyBytes = 1 << 20
    /// Queries in one batch.
    public var maxBatchLines = 1_000
    /// Searches that run at the same time: one worker thread and one index reader each.
    public var workers = max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))
    /// Requests that may wait for a worker; beyond that the answer is 503 at once.
    public var maxQueued = 256
    /// Seconds a request has before its answer starts: waiting for a worker past it is
    /// answered 503 `timed_out`; the search gets the time left as the limit on its exhaustive
    /// match (`SearchRequest.timeLimit`, `Enquire.setTimeLimit`), and one cut by it is answered
    /// 503 `search_timed_out`, never with partial counts. An export's later pages are not
    /// limited: they go at the client's pace (`slowClientTimeout`).
    public var requestTimeout: Double = 10
    /// Exports streaming at the same time (each holds a worker while it streams).
    public var maxExports = 2
    /// Seconds an export waits for a slow client to take the next chunk before giving up:
    /// a client that stops reading frees its worker and its buffer.
    public var slowClientTimeout: Double = 30
    /// Chunks (of 64 KiB) buffered per export between the index reader and the socket.
    public var exportBufferChunks = 4

    /// The defaults.
    public init() {}
}
