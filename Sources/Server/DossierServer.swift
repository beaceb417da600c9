import Foundation
import Hummingbird
import Logging
import NIOCore
import Search
import ServiceLifecycle

/// `dossier serve`: the JSON API and the web page over one read-only index.
///
/// Every endpoint runs the library calls the CLI runs and writes with the CLI's writers, so
/// the output schema and `format_version` are the CLI's (`Docs/output-schema.md`); the
/// endpoints, parameters, statuses and limits are in `Docs/http-api.md`. The seam with the
/// output layer is `respond(format:)`: each endpoint picks a library writer and a content type,
/// and nothing here renders results itself.
public struct DossierServer: Sendable {
    /// The configuration.
    public let configuration: ServerConfiguration
    private let page: WebPage

    /// Checks that the index opens and the page's files are there. A shard other than the
    /// first may be down: requests then fail naming it, or answer without it when they allow
    /// a partial answer (`allow_partial`).
    /// - Throws: `SearchError` when there is no readable index at the path.
    public init(configuration: ServerConfiguration) throws {
        _ = try SearchEngine(indexPath: configuration.indexPath, allowPartial: true)
        self.configuration = configuration
        self.page = try WebPage()
    }

    /// Serves until SIGTERM or SIGINT (or the task is cancelled), then stops accepting
    /// connections, lets the requests in flight finish and returns.
    /// - Parameter onRunning: called with the bound port once the server listens.
    public func run(onRunning: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let pool = EnginePool(
            indexPath: configuration.indexPath, workers: configuration.limits.workers,
            maxQueued: configuration.limits.maxQueued)
        defer { pool.stop() }
        var logger = Logger(label: "dossier.serve")
        logger.logLevel = .warning
        let router = Router()
        router.middlewares.add(APIErrorMiddleware(corsOrigin: configuration.corsOrigin))
        Routes(configuration: configuration, pool: pool, page: page, exports: ExportSlots(limit: configuration.limits.maxExports))
            .register(on: router)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
        let group = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

/// Counts the exports streaming now, so at most `limit` hold a worker each.
final class ExportSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var inUse = 0
    private let limit: Int

    init(limit: Int) { self.limit = max(1, limit) }

    /// Takes a slot, false when all are taken.
    func take() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard inUse < limit else { return false }
        inUse += 1
        return true
    }

    /// Gives a slot back.
    func give() {
        lock.lock()
        inUse -= 1
        lock.unlock()
    }
}

/// Turns every error into the JSON error document with its status (`ServerError`), adds the
/// headers every answer carries, and answers CORS only for the configured origin.
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let corsOrigin: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let origin = request.headers[.origin]
        let allowed = corsOrigin != nil && origin == corsOrigin
        if request.method == .options {
            guard allowed, let origin else { return decorate(Response(status: .noContent), allowOrigin: nil) }
            var response = Response(status: .noContent)
            response.headers[.accessControlAllowMethods] = "GET, POST"
            response.headers[.accessControlAllowHeaders] = "Content-Type"
            response.headers[.accessControlMaxAge] = "600"
            return decorate(response, allowOrigin: origin)
        }
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as ServerError {
            response = Self.errorResponse(error)
        } catch let error as SearchError {
            response = Self.errorResponse(.search(error))
        } catch is NIOTooManyBytesError {
            response = Self.errorResponse(.bodyTooLarge(limit: -1))
        } catch let error as HTTPError where error.status == .notFound {
            response = Self.errorResponse(.notFound(path: request.uri.path))
        } catch let error as HTTPError where error.status == .methodNotAllowed {
            response = Self.errorResponse(.methodNotAllowed(method: request.method.rawValue, path: request.uri.path, allowed: "GET"))
        } catch {
            response = Self.errorResponse(.from(error))
        }
        return decorate(response, allowOrigin: allowed ? origin : nil)
    }

    private func decorate(_ response: Response, allowOrigin: String?) -> Response {
        var response = response
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.init("Referrer-Policy")!] = "no-referrer"
        if let allowOrigin {
            response.headers[.accessControlAllowOrigin] = allowOrigin
            response.headers[.vary] = "Origin"
        }
        return response
    }

    /// The JSON error answer for `error`.
    static func errorResponse(_ error: ServerError) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"]
        if case .busy = error { headers[.retryAfter] = "1" }
        if case .timedOut = error { headers[.retryAfter] = "1" }
        return Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: error.body)))
    }
}
