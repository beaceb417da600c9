import Foundation
import Hummingbird
import NIOCore
import Search
import Output

/// The endpoints (`Docs/http-api.md`). Each parses its parameters (`QueryParameters`), runs
/// the library call the matching CLI command runs on a worker (`EnginePool`), and writes with
/// the library's writer for the chosen format.
struct Routes: Sendable {
    let configuration: ServerConfiguration
    let pool: EnginePool
    let page: WebPage
    let exports: ExportSlots

    private var limits: ServerLimits { configuration.limits }
    private var deadline: ContinuousClock.Instant { .now + .milliseconds(Int(limits.requestTimeout * 1000)) }

    func register(on router: Router<BasicRequestContext>) {
        router.get("/api/search") { request, _ in try await timed { try await search(request) } }
        router.get("/api/export") { request, _ in try await export(request) }
        router.get("/api/count") { request, _ in try await timed { try await count(request) } }
        router.get("/api/actors") { request, _ in try await timed { try await actors(request) } }
        router.get("/api/stats") { request, _ in try await timed { try await stats(request) } }
        router.get("/api/passages/**") { request, _ in try await timed { try await passage(request) } }
        router.post("/api/batch") { request, _ in try await timed { try await batch(request) } }
        router.get("/api/batch") { request, _ -> Response in
            throw ServerError.methodNotAllowed(method: "GET", path: "/api/batch", allowed: "POST with the watch list as the body")
        }
        router.get("/api/**") { request, _ -> Response in throw ServerError.notFound(path: request.uri.path) }
        router.get("/") { request, _ in try staticFile(request) }
        router.get("/{file}") { request, _ in try staticFile(request) }
    }

    // MARK: - Search and export

    private func exportOptions(_ plan: ExportPlan) -> ExportOptions {
        ExportOptions(plan: plan, indexPath: configuration.indexPath, generator: configuration.generator, styled: false)
    }

    /// `GET /api/search`: one page of hits with totals, facets and the suggestion.
    func search(_ request: Request) async throws -> Response {
        let parameters = QueryParameters(query: request.uri.query)
        try parameters.requireOnly(QueryParameters.filterNames.union(QueryParameters.hitListNames).union([QueryParameters.allowPartialName]))
        let searchRequest = try parameters.searchRequest(limits: limits, page: .init(defaultLimit: 10, maxLimit: limits.maxPageSize))
        let format = try parameters.format(for: .hits, fallback: .json)
        let plan = ExportPlan(request: searchRequest, format: format, fields: try parameters.fields())
        let options = exportOptions(plan)
        let deadline = self.deadline
        let ((body, partial), timing) = try await pool.run(deadline: deadline, allowPartial: try parameters.allowsPartial()) { engine in
            let output = CollectedOutput()
            let (results, _) = try engine.export(plan.request.limited(by: deadline), to: format.makeWriter(sink: output.sink, options: options))
            try output.sink.close()
            return (output.data, results.partial)
        }
        return Self.answer(body, contentType: format.mediaType, timing: timing, partial: partial)
    }

    /// `GET /api/export`: every hit (or `limit` of them), streamed in chunks as it is read.
    func export(_ request: Request) async throws -> Response {
        let parameters = QueryParameters(query: request.uri.query)
        try parameters.requireOnly(QueryParameters.filterNames.union(QueryParameters.hitListNames).union([QueryParameters.allowPartialName]))
        let searchRequest = try parameters.searchRequest(limits: limits, page: .init(defaultLimit: nil, maxLimit: nil))
        let allowPartial = try parameters.allowsPartial()
        let format = try parameters.format(for: .hits, fallback: .csv)
        let plan = ExportPlan(request: searchRequest, format: format, fields: try parameters.fields())
        let options = exportOptions(plan)
        guard exports.take() else { throw ServerError.busy }
        let stream = ExportStream(capacity: limits.exportBufferChunks, slowClientTimeout: limits.slowClientTimeout)
        let slots = exports
        let deadline = self.deadline
        pool.submit(
            deadline: deadline, allowPartial: allowPartial,
            run: { engine in
                defer { slots.give() }
                let sink = OutputSink(deliver: { try stream.send($0) })
                do {
                    // The time limit bounds the match (the count before the first byte); the
                    // streaming after it is paced by the client (`slowClientTimeout`).
                    try engine.export(plan.request.limited(by: deadline), to: StartReportingWriter(inner: format.makeWriter(sink: sink, options: options), stream: stream))
                    try sink.close()
                    stream.finish(nil)
                } catch {
                    stream.finish(.from(error))
                }
            },
            reject: { error in
                slots.give()
                stream.finish(error)
            })
        let head = try await stream.waitForStart()
        var headers = Self.headers(contentType: format.mediaType, partial: head.partial)
        headers[.contentDisposition] = "attachment; filename=\"dossier-export.\(format.fileExtension)\""
        headers[.init("Dossier-Total")!] = String(head.total)
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            defer { stream.cancel() }
            while let chunk = try await stream.next() {
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        })
    }

    // MARK: - Counts, actors, stats, passages

    /// `GET /api/count`: the exact number of matches, by zero, one or two dimensions (`by`).
    func count(_ request: Request) async throws -> Response {
        let parameters = QueryParameters(query: request.uri.query)
        try parameters.requireOnly(QueryParameters.filterNames.union(["by", "limit", "format", QueryParameters.allowPartialName]))
        let searchRequest = try parameters.searchRequest(limits: limits, page: nil)
        let dimensions = try parameters.choices("by", FacetKind.self)
        // One `limit` bounds every dimension; two give the rows' and the columns' own.
        let given = parameters.all("limit")
        guard given.count <= 2 else {
            throw ServerError.badParameter(name: "limit", message: "give one limit, or two (rows, then columns)")
        }
        var dimensionLimits: [Int?] = []
        for text in given.isEmpty ? ["100"] : given {
            let limit = Int(text)
            guard let limit, limit >= 1, limit <= limits.maxFacetLimit else {
                throw ServerError.badParameter(name: "limit", message: "use 1 to \(limits.maxFacetLimit) values per dimension")
            }
            dimensionLimits.append(limit)
        }
        if dimensionLimits.count == 1 { dimensionLimits.append(dimensionLimits[0]) }
        let chosenLimits = dimensionLimits
                let format = try parameters.format(for: .counts, fallback: .json)
        let options = exportOptions(ExportPlan(request: searchRequest, format: .json, fields: []))
        let deadline = self.deadline
        let ((body, partial), timing) = try await pool.run(deadline: deadline, allowPartial: try parameters.allowsPartial()) { engine in
            let counts = try engine.count(searchRequest.limited(by: deadline), by: dimensions, limits: chosenLimits)
            let output = CollectedOutput()
            try CountWriter(sink: output.sink, format: format, options: options).write(counts)
            try output.sink.close()
            return (output.data, counts.partial)
        }
        return Self.answer(body, contentType: format.mediaType, timing: timing, partial: partial)
    }

    /// `GET /api/actors`: the actors, by passage count, optionally of one type.
    func actors(_ request: Request) async throws -> Response {
        let parameters = QueryParameters(query: request.uri.query)
        try parameters.requireOnly(["type", "limit", "format", QueryParameters.allowPartialName])
        let type = parameters.last("type").flatMap { $0.isEmpty ? nil : $0 }
        let limit = try parameters.limit("limit", fallback: nil)
        let format = try parameters.format(for: .actors, fallback: .json)
        let ((body, partial), timing) = try await pool.run(deadline: deadline, allowPartial: try parameters.allowsPartial()) { engine in
            let actors = try engine.actorDirectory().actors(ofType: type, limit: limit)
            let output = CollectedOutput()
            try ActorTable(actors: actors, partial: engine.partial).write(format, to: output.sink)
            try output.sink.close()
            return (output.data, engine.partial)
        }
        return Self.answer(body, contentType: format.mediaType, timing: timing, partial: partial)
    }

    /// `GET /api/stats`: what the index holds.
    func stats(_ request: Request) async throws -> Response {
        try QueryParameters(query: request.uri.query).requireOnly([])
        let (body, timing) = try await pool.run(deadline: deadline) { engine in Data(try StatisticsWriter.json(engine.statistics()).utf8) }
        return Self.answer(body, contentType: OutputFormat.json.mediaType, timing: timing)
    }

    /// `GET /api/passages/{passage_id}`: one passage and `context` neighbours on each side.
    /// The id is percent-encoded (`seeds%2F000_x.txt%233`), as `#` cannot stand in a path.
    func passage(_ request: Request) async throws -> Response {
        let parameters = QueryParameters(query: request.uri.query)
        try parameters.requireOnly(["context"])
        let context = try parameters.integer("context") ?? 0
        guard (0...limits.maxContext).contains(context) else {
            throw ServerError.badParameter(name: "context", message: "use 0 to \(limits.maxContext) paragraphs on each side")
        }
        let raw = String(request.uri.path.dropFirst("/api/passages/".count))
        let id = raw.removingPercentEncoding ?? raw
        let (body, timing) = try await pool.run(deadline: deadline) { engine -> Data? in
            guard let found = try engine.passage(id: id, context: context) else { return nil }
            return Data(PassageWriter.json(passage: found.passage, context: found.context).utf8)
        }
        guard let body else { throw ServerError.passageNotFound(id) }
        return Self.answer(body, contentType: OutputFormat.json.mediaType, timing: timing)
    }

    // MARK: - Batch

    /// `POST /api/batch`: the body is a watch list (`dossier batch`'s file format), one row
    /// per query. A line that cannot run gets its error row and the others still run; the
    /// `Dossier-Failed-Lines` header counts them.
    func batch(_ request: Request) async throws -> Response {
        let parameters = QueryParameters(query: request.uri.query)
        try parameters.requireOnly(["format", "top", "facet", "no_facets", "facet_limit", "hit_id", QueryParameters.allowPartialName])
        let allowPartial = try parameters.allowsPartial()
        let format = try parameters.format(for: .batchRows, fallback: .jsonl)
        let top = try parameters.integer("top") ?? 10
        guard (0...limits.maxPageSize).contains(top) else {
            throw ServerError.badParameter(name: "top", message: "use 0 to \(limits.maxPageSize)")
        }
        let facetLimit = try parameters.integer("facet_limit") ?? 10
        guard (1...limits.maxFacetLimit).contains(facetLimit) else {
            throw ServerError.badParameter(name: "facet_limit", message: "use 1 to \(limits.maxFacetLimit)")
        }
        let noFacets = try parameters.flag("no_facets")
        let chosen = try parameters.choices("facet", FacetKind.self)
        let deadline = self.deadline
        var batchOptions = BatchOptions(
            top: top, facets: noFacets ? [] : (chosen.isEmpty ? [.actor] : chosen),
            facetLimit: facetLimit, format: format, hitID: try parameters.choice("hit_id", BatchHitID.self, fallback: .passage))
        batchOptions.deadline = deadline
        let options = batchOptions
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: limits.maxBodyBytes) } catch is NIOTooManyBytesError {
            throw ServerError.bodyTooLarge(limit: limits.maxBodyBytes)
        }
        var split = String(buffer: buffer).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if split.last?.isEmpty == true { split.removeLast() }
        let lines = split
        guard lines.count <= limits.maxBatchLines else {
            throw ServerError.badParameter(name: "body", message: "\(lines.count) lines; at most \(limits.maxBatchLines) queries per batch")
        }
        let ((body, failed, partial), timing) = try await pool.run(deadline: deadline, allowPartial: allowPartial) { engine -> (Data, Int, PartialAnswer?) in
            let output = CollectedOutput()
            let report = try BatchRunner(engine: engine, options: options).run(lines: lines, file: "batch", to: output.sink) { _ in }
            try output.sink.close()
            return (output.data, report.failed.count, report.partial)
        }
        var response = Self.answer(body, contentType: format.mediaType, timing: timing, partial: partial)
        response.headers[.init("Dossier-Failed-Lines")!] = String(failed)
        return response
    }

    // MARK: - The page

    func staticFile(_ request: Request) throws -> Response {
        guard let file = page.files[request.uri.path] else { throw ServerError.notFound(path: request.uri.path) }
        var headers: HTTPFields = [.contentType: file.contentType, .cacheControl: "no-cache"]
        headers[.contentSecurityPolicy] =
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: file.data)))
    }

    // MARK: - Answers

    /// The headers of every answer; a partial one (`allow_partial`) also says which shards it
    /// left out in `Dossier-Partial`, the one mark a CSV or TSV body has (`Docs/http-api.md`).
    private static func headers(contentType: String, partial: PartialAnswer? = nil) -> HTTPFields {
        var headers: HTTPFields = [.contentType: contentType, .cacheControl: "no-store"]
        if let partial { headers[.init("Dossier-Partial")!] = partial.headerValue }
        return headers
    }

    /// Runs an endpoint that answers through a search worker and adds `handler;dur=…` to its
    /// `Server-Timing`: the time from the handler's start to its answer, which holds the
    /// worker's `queue` and `search` and, besides them, the parameters' parsing and the hops
    /// between the request's task and the worker (`Docs/http-api.md`).
    private func timed(_ endpoint: () async throws -> Response) async throws -> Response {
        let received = ContinuousClock.now
        var response = try await endpoint()
        if let timing = response.headers[.init("Server-Timing")!] {
            response.headers[.init("Server-Timing")!] = timing + ", handler;dur=" + WorkerTiming.milliseconds(ContinuousClock.now - received)
        }
        return response
    }

    private static func answer(_ body: Data, contentType: String, timing: WorkerTiming, partial: PartialAnswer? = nil) -> Response {
        var headers = headers(contentType: contentType, partial: partial)
        headers[.init("Server-Timing")!] = timing.headerValue
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

