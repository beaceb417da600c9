import ArgumentParser
import Foundation
import Search
import Server

extension DossierCommand {
    /// `dossier serve`: the JSON API and the web page over one index.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Serve the index over HTTP: a JSON API and a web page for the same search.",
            discussion: """
                Open http://127.0.0.1:8080/ for the page. The API (Docs/http-api.md): \
                GET /api/search, /api/count, /api/actors, /api/passages/{passage_id}, /api/stats, \
                /api/export, and POST /api/batch; parameters are named like this tool's options \
                (q, actor, type, source, from, to, mentioned_from, mentioned_to, any, facet, \
                facet_limit, limit, offset, sort, per_article, context, format, fields, \
                allow_partial).

                Over a sharded index, a shard that does not answer makes a request fail with \
                502 naming it; with allow_partial=1 the answer comes from the other shards, \
                marked by a `partial` member and a Dossier-Partial header. The server starts \
                while any shard but the first is down.

                The server only reads the index, and moves to each commit the indexer makes; \
                run `dossier index` beside it. It listens on loopback unless --host says \
                otherwise, sends no CORS headers unless --cors-origin names a site, and stops \
                gracefully on SIGTERM or Ctrl-C.
                """)

        @OptionGroup var location: IndexLocationOptions

        @Option(help: ArgumentHelp("The address to listen on (0.0.0.0: every interface).", valueName: "address"))
        var host = "127.0.0.1"

        @Option(help: ArgumentHelp("The TCP port (0: a free one, printed at start).", valueName: "port"))
        var port = 8080

        @Option(help: ArgumentHelp("An origin allowed to call the API from its pages (CORS), e.g. https://newsroom.example.", valueName: "origin"))
        var corsOrigin: String?

        @Option(help: ArgumentHelp("Searches run at once (one worker thread each).", valueName: "n"))
        var workers = ServerLimits().workers

        @Option(help: ArgumentHelp("Requests that may wait for a worker before the answer is 503.", valueName: "n"))
        var maxQueued = ServerLimits().maxQueued

        @Option(help: ArgumentHelp(
            "Seconds a request has before its answer starts: the wait for a worker, then the search, which is stopped past it (503 search_timed_out, never a partial count).",
            valueName: "s"))
        var requestTimeout = ServerLimits().requestTimeout

        @Option(help: ArgumentHelp("Characters in a query or filter value.", valueName: "n"))
        var maxQueryLength = ServerLimits().maxQueryLength

        @Option(help: ArgumentHelp("Hits per page of /api/search.", valueName: "n"))
        var maxPageSize = ServerLimits().maxPageSize

        @Option(help: ArgumentHelp("Values per facet or count dimension.", valueName: "n"))
        var maxFacetLimit = ServerLimits().maxFacetLimit

        @Option(help: ArgumentHelp("Bytes of a request body (POST /api/batch).", valueName: "n"))
        var maxBodyBytes = ServerLimits().maxBodyBytes

        @Option(help: ArgumentHelp("Queries in one batch.", valueName: "n"))
        var maxBatchLines = ServerLimits().maxBatchLines

        @Option(help: ArgumentHelp("Exports streaming at once.", valueName: "n"))
        var maxExports = ServerLimits().maxExports

        @Option(help: ArgumentHelp("Seconds an export waits for a client that stopped reading.", valueName: "s"))
        var slowClientTimeout = ServerLimits().slowClientTimeout

        func validate() throws {
            if !(0...65535).contains(port) { throw ValidationError("--port must be 0 to 65535") }
            for (name, value) in [
                ("--workers", workers), ("--max-queued", maxQueued), ("--max-query-length", maxQueryLength),
                ("--max-page-size", maxPageSize), ("--max-facet-limit", maxFacetLimit), ("--max-body-bytes", maxBodyBytes),
                ("--max-batch-lines", maxBatchLines), ("--max-exports", maxExports),
            ] where value < 1 {
                throw ValidationError("\(name) must be at least 1")
            }
            if requestTimeout <= 0 || slowClientTimeout <= 0 { throw ValidationError("timeouts must be more than 0 seconds") }
        }

        func run() async throws {
            var configuration = ServerConfiguration(indexPath: location.path, generator: DossierCommand.generator)
            configuration.host = host
            configuration.port = port
            configuration.corsOrigin = corsOrigin
            configuration.limits.workers = workers
            configuration.limits.maxQueued = maxQueued
            configuration.limits.requestTimeout = requestTimeout
            configuration.limits.maxQueryLength = maxQueryLength
            configuration.limits.maxPageSize = maxPageSize
            configuration.limits.maxFacetLimit = maxFacetLimit
            configuration.limits.maxBodyBytes = maxBodyBytes
            configuration.limits.maxBatchLines = maxBatchLines
            configuration.limits.maxExports = maxExports
            configuration.limits.slowClientTimeout = slowClientTimeout
            let server: DossierServer
            do { server = try DossierServer(configuration: configuration) } catch { throw Diagnostics.fail(error) }
            let host = self.host
            do {
                try await server.run { port in
                    Diagnostics.say("dossier: serving \(location.path) at http://\(host.contains(":") ? "[\(host)]" : host):\(port)/ (Ctrl-C stops)")
                }
            } catch {
                Diagnostics.say("dossier: error: cannot serve on \(host):\(port): \(error)")
                throw ExitCodes.ioError
            }
            Diagnostics.say("dossier: stopped")
        }
    }
}
