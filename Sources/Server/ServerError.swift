import Foundation
import Hummingbird
import Search
import Output

/// Why the server answered with an error, and the one mapping from each cause to an HTTP
/// status. Messages of search errors are the CLI's (`SearchError.description`, with its
/// "did you mean"), so a user reads the same advice in the terminal and in the browser.
enum ServerError: Error, Sendable {
    /// The search library refused the request or failed.
    case search(SearchError)
    /// A parameter is unknown, malformed or beyond a limit (400).
    case badParameter(name: String, message: String)
    /// No passage with this id (404).
    case passageNotFound(String)
    /// No such endpoint (404).
    case notFound(path: String)
    /// The endpoint exists but not for this method (405).
    case methodNotAllowed(method: String, path: String, allowed: String)
    /// The request body is larger than `ServerLimits.maxBodyBytes` (413).
    case bodyTooLarge(limit: Int)
    /// Every worker is busy and the queue is full, or too many exports stream (503).
    case busy
    /// The request waited longer than `ServerLimits.requestTimeout` for a worker (503).
    case timedOut

    /// The HTTP status.
    var status: HTTPResponse.Status {
        switch self {
        case let .search(error):
            switch error {
            case .invalidQuery, .onlyStopWords, .invalidFilter, .unknownActor, .unreadableInput: return .badRequest
            case .indexNotFound, .incompatibleIndex: return .serviceUnavailable
            case let .store(inner) where inner.code == .databaseLocked || inner.code == .databaseModified:
                return .serviceUnavailable
            case .store, .output, .unreadableRecord: return .internalServerError
            case .timedOut: return .serviceUnavailable
            // The server is a gateway to the shards, and one of them failed.
            case .shardsUnreachable: return .badGateway
            }
        case .badParameter: return .badRequest
        case .passageNotFound, .notFound: return .notFound
        case .methodNotAllowed: return .methodNotAllowed
        case .bodyTooLarge: return .contentTooLarge
        case .busy, .timedOut: return .serviceUnavailable
        }
    }

    /// A stable machine-readable name for the kind of error.
    var code: String {
        switch self {
        case let .search(error):
            switch error {
            case .invalidQuery: return "invalid_query"
            case .onlyStopWords: return "only_stop_words"
            case .invalidFilter: return "invalid_filter"
            case .unknownActor: return "unknown_actor"
            case .indexNotFound, .incompatibleIndex: return "index_unavailable"
            case .store, .unreadableRecord: return "index_error"
            case .output: return "output_error"
            case .unreadableInput: return "unreadable_input"
            case .timedOut: return "search_timed_out"
            case .shardsUnreachable: return "shards_unreachable"
            }
        case .badParameter: return "invalid_parameter"
        case .passageNotFound: return "passage_not_found"
        case .notFound: return "not_found"
        case .methodNotAllowed: return "method_not_allowed"
        case .bodyTooLarge: return "body_too_large"
        case .busy: return "busy"
        case .timedOut: return "timed_out"
        }
    }

    /// One line for the user: what, where, and what to do.
    var message: String {
        switch self {
        case let .search(.timedOut(query, seconds)):
            return SearchError.timedOut(query: query, seconds: seconds).description
                + ", or start the server with a longer --request-timeout"
        case let .search(error): return error.description
        case let .badParameter(name, message): return "\(name): \(message)"
        case let .passageNotFound(id):
            return "no passage \"\(id)\" in the index; passage ids are article_id#paragraph, as in the passage_id field"
        case let .notFound(path): return "no endpoint at \(path); the API is described in Docs/http-api.md"
        case let .methodNotAllowed(method, path, allowed): return "\(path) does not take \(method); use \(allowed)"
        case let .bodyTooLarge(limit): return "the request body is over \(limit) bytes; send fewer lines, or start the server with a larger --max-body-bytes"
        case .busy: return "the server is busy; try again in a moment"
        case .timedOut: return "the request waited too long for a free worker; try again in a moment"
        }
    }

    /// The JSON body: `{"format_version", "error": {"status", "code", "message", "candidates"?}}`.
    var body: String {
        var error: [String: Any] = ["status": Int(status.code), "code": code, "message": message]
        if case let .search(.unknownActor(_, candidates, ambiguous)) = self {
            error["candidates"] = candidates.map { ["name": $0.name, "passages": $0.passages] as [String: Any] }
            error["ambiguous"] = ambiguous
        }
        if case let .badParameter(name, _) = self { error["parameter"] = name }
        if case let .search(.shardsUnreachable(_, shards, _)) = self {
            error["missing_shards"] = shards.map { ["shard": $0.number, "name": $0.name, "reason": $0.reason] as [String: Any] }
        }
        // Every value above is a string, a number, a Boolean or an array of those, so the
        // one JSON style (`JSONStyle`) serialises it.
        return JSONStyle.document(["error": error])
    }

    /// Wraps any error: search errors keep their cause, anything else is internal.
    static func from(_ error: any Error) -> ServerError {
        switch error {
        case let error as ServerError: return error
        case let error as SearchError: return .search(error)
        default: return .search(.output(reason: "\(error)"))
        }
    }
}
