import Output
import Tagger
import CSV
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Indexer
import Search
import Server
import Testing
import TestSupport

/// `dossier serve`'s API over real HTTP: a server started by the test on a free loopback port.
@Suite(.serialized) struct ServerAPITests {
    static let seeds = Result { try SeedIndex(tagger: NewsTagger(gazetteer: try Gazetteer.bundled(), labeller: try LearnedLabeller.shipped)) }

    struct Answer {
        var status: Int
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        var errorMessage: String? { (json["error"] as? [String: Any])?["message"] as? String }
    }

    /// Starts a server on the index, runs `body` with its base URL, then stops it.
    static func withServer(
        index: String, configure: (inout ServerConfiguration) -> Void = { _ in },
        _ body: (String) async throws -> Void
    ) async throws {
        var configuration = ServerConfiguration(indexPath: index, generator: "dossier test")
        configuration.port = 0
        configure(&configuration)
        let server = try DossierServer(configuration: configuration)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let task = Task { try await server.run { continuation.yield($0) } }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        do {
            try await body("http://127.0.0.1:\(port)")
        } catch {
            task.cancel()
            throw error
        }
        task.cancel()
        _ = try? await task.value
    }

    static func request(_ url: String, method: String = "GET", body: Data? = nil, headers: [String: String] = [:]) async throws -> Answer {
        var request = URLRequest(url: URL(string: url)!)
        // The server runs in this test process, on the same two-thread cooperative pool as the
        // suites running beside it; a CPU-bound test there (the tagger's retraining takes about
        // 150 s) can hold both threads, and the default 60 s timeout then failed a request that
        // was only waiting its turn. Waiting longer checks the same answers.
        request.timeoutInterval = 600
        request.httpMethod = method
        request.httpBody = body
        for (key, value) in headers { request.setValue(value, forHTTPHeaderField: key) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (key, value) in http.allHeaderFields { fields["\(key)".lowercased()] = "\(value)" }
        return Answer(status: http.statusCode, headers: fields, body: data)
    }

    static func engineTotal(_ index: String, _ request: SearchRequest) throws -> Int {
        try SearchEngine(indexPath: index).count(request).total
    }

    @Test func searchAnswersWithTheCLISchemaAndTheLibrarysTotals() async throws {
        let index = try Self.seeds.get().path
        try await Self.withServer(index: index) { base in
            let answer = try await Self.request("\(base)/api/search?q=extradition&facet=actor&facet=published-month&limit=3")
            #expect(answer.status == 200)
            #expect(answer.headers["content-type"]?.hasPrefix("application/json") == true)
            let json = answer.json
            #expect(json["format_version"] as? Int == OutputFormat.version)
            #expect(json["total"] as? Int == (try Self.engineTotal(index, SearchRequest(query: "extradition"))))
            #expect((json["hits"] as? [Any])?.count == 3)
            let actors = try #require((json["facets"] as? [String: Any])?["actor"] as? [[String: Any]])
            let first = try #require(actors.first)
            // A facet count equals the total of the same search filtered by it.
            let name = try #require(first["value"] as? String)
            let filtered = try await Self.request("\(base)/api/search?q=extradition&actor=\(name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&limit=0")
            #expect(filtered.json["total"] as? Int == first["count"] as? Int)
            // A repeated parameter is repeated option: both actors must be present.
            let two = try await Self.request("\(base)/api/search?actor=India&actor=Pakistan&limit=0")
            #expect(two.json["total"] as? Int == (try Self.engineTotal(index, SearchRequest(actors: ["India", "Pakistan"]))))
            // Other formats come from the same writers.
            let csv = try await Self.request("\(base)/api/search?q=extradition&format=csv&fields=passage_id,title&limit=2")
            #expect(csv.text.hasPrefix("passage_id,title\r\n"))
            // Each search says where its time went (the load benchmark reads it).
            let timing = try #require(answer.headers["server-timing"], "no Server-Timing header")
            let durations = timing.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(durations.map { $0.split(separator: ";").first.map(String.init) } == ["queue", "search", "handler"])
            let milliseconds = durations.map { $0.split(separator: "=").last.flatMap { Double($0) } ?? -1 }
            #expect(milliseconds.allSatisfy { $0 >= 0 }, "\(timing)")
            // The handler's time holds the worker's wait and work (each rounded to a microsecond).
            #expect(milliseconds.count == 3 && milliseconds[2] + 0.002 >= milliseconds[0] + milliseconds[1], "\(timing)")
        }
    }

    @Test func everyEndpointAnswers() async throws {
        let index = try Self.seeds.get().path
        try await Self.withServer(index: index) { base in
            let count = try await Self.request("\(base)/api/count?q=extradition&by=actor&by=published-month&limit=5")
            #expect(count.status == 200)
            #expect(count.json["total"] as? Int == (try Self.engineTotal(index, SearchRequest(query: "extradition"))))
            #expect((count.json["rows"] as? [Any])?.isEmpty == false)

            let actors = try await Self.request("\(base)/api/actors?type=person&limit=3")
            let list = try #require(actors.json["actors"] as? [[String: Any]])
            #expect(list.count == 3 && list.allSatisfy { $0["type"] as? String == "person" })

            let stats = try await Self.request("\(base)/api/stats")
            #expect(stats.json["passages"] as? Int == (try Self.engineTotal(index, SearchRequest())))
            #expect(stats.json["format_version"] as? Int == OutputFormat.version)

            let hit = try await Self.request("\(base)/api/search?q=extradition&limit=1&fields=passage_id")
            let id = try #require(((hit.json["hits"] as? [[String: Any]])?.first)?["passage_id"] as? String)
            let encoded = id.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let passage = try await Self.request("\(base)/api/passages/\(encoded)?context=1")
            #expect(passage.status == 200)
            #expect((passage.json["passage"] as? [String: Any])?["passage_id"] as? String == id)
            #expect((passage.json["context"] as? [Any])?.isEmpty == false)

            let batch = try await Self.request(
                "\(base)/api/batch?top=2", method: "POST", body: Data("extradition --id ex\n--actor Zardary --id bad\n".utf8))
            #expect(batch.status == 200)
            #expect(batch.headers["dossier-failed-lines"] == "1")
            let rows = batch.text.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
            #expect(rows.count == 2)
            #expect(rows[0]["total"] as? Int == (try Self.engineTotal(index, SearchRequest(query: "extradition"))))
            #expect((rows[1]["error"] as? String)?.contains("did you mean") == true)
        }
    }

    @Test func exportStreamsTheWholeHitListAsFormulaSafeCSV() async throws {
        let index = try Self.seeds.get().path
        try await Self.withServer(index: index) { base in
            let answer = try await Self.request("\(base)/api/export?format=csv")
            #expect(answer.status == 200)
            #expect(answer.headers["transfer-encoding"]?.lowercased() == "chunked")
            #expect(answer.headers["content-disposition"] == "attachment; filename=\"dossier-export.csv\"")
            #expect(answer.headers["content-type"] == "text/csv; charset=utf-8; header=present")
            let total = try Self.engineTotal(index, SearchRequest())
            #expect(answer.headers["dossier-total"] == String(total))
            let reader = try CSVReader(string: answer.text, hasHeaderRow: true)
            #expect(reader.headerRow == ExportField.defaults.map(\.rawValue))
            var rows = 0
            while let row = reader.next() {
                rows += 1
                #expect(!row.contains { $0.first.map { "=+-@".contains($0) } ?? false })
            }
            #expect(rows == total)
            let jsonl = try await Self.request("\(base)/api/export?q=extradition&format=jsonl&fields=passage_id")
            #expect(jsonl.headers["content-type"] == "application/x-ndjson; charset=utf-8")
            #expect(jsonl.headers["content-disposition"] == "attachment; filename=\"dossier-export.jsonl\"")
            #expect(jsonl.text.split(separator: "\n").count == (try Self.engineTotal(index, SearchRequest(query: "extradition"))))
        }
    }

    @Test func badInputGetsTheCLIsMessageAndAFittingStatus() async throws {
        let index = try Self.seeds.get().path
        try await Self.withServer(index: index, configure: { $0.limits.maxBodyBytes = 100; $0.limits.maxQueryLength = 50 }) { base in
            func expectError(_ path: String, _ status: Int, method: String = "GET", body: Data? = nil, contains text: String) async throws {
                let answer = try await Self.request(base + path, method: method, body: body)
                #expect(answer.status == status, "\(path)")
                #expect(answer.errorMessage?.contains(text) == true, "\(path): \(answer.text)")
            }
            // The same messages as the CLI: the library's descriptions.
            let engine = try SearchEngine(indexPath: index)
            let cliError = try #require(throws: SearchError.self) { try engine.search(SearchRequest(query: "extradition AND")) }
            try await expectError("/api/search?q=extradition%20AND", 400, contains: "\(cliError)")
            try await expectError("/api/search?actor=Zardary", 400, contains: "did you mean: \"Bilawal Bhutto Zardari\"")
            // The candidates come as data too, each with its passage count (an encoding failure
            // here once gave an empty body).
            let unknown = try await Self.request(base + "/api/search?actor=Zardary")
            let document = try JSONSerialization.jsonObject(with: Data(unknown.text.utf8)) as? [String: Any]
            let candidates = (document?["error"] as? [String: Any])?["candidates"] as? [[String: Any]]
            #expect(candidates?.first?["name"] as? String == "Bilawal Bhutto Zardari")
            #expect((candidates?.first?["passages"] as? Int ?? 0) > 0)
            try await expectError("/api/search?q=actor:Zardary", 400, contains: "did you mean")
            try await expectError("/api/search?from=2025-13", 400, contains: "--from/--to")
            try await expectError("/api/search?type=planet", 400, contains: "use one of person, organization")
            try await expectError("/api/search?offset=-1", 400, contains: "--offset")
            try await expectError("/api/search?sort=sideways", 400, contains: "relevance, newest, oldest")
            try await expectError("/api/search?facet=colour", 400, contains: "published-month")
            try await expectError("/api/search?fields=nope", 400, contains: "unknown field")
            try await expectError("/api/search?qq=typo", 400, contains: "unknown parameter")
            try await expectError("/api/passages/no%23such", 404, contains: "no passage \"no#such\"")
            try await expectError("/api/nothing", 404, contains: "no endpoint")
            try await expectError("/api/batch", 405, contains: "POST")
            // Limits.
            try await expectError("/api/search?limit=501", 400, contains: "at most 500")
            try await expectError("/api/search?facet=actor&facet_limit=5000", 400, contains: "at most 1000")
            try await expectError("/api/search?context=11", 400, contains: "at most 10")
            try await expectError("/api/search?q=" + String(repeating: "a", count: 51), 400, contains: "at most 50")
            try await expectError("/api/count?by=actor&by=source&by=type", 400, contains: "one or two")
            try await expectError("/api/batch", 413, method: "POST", body: Data(String(repeating: "x\n", count: 100).utf8), contains: "over 100 bytes")
            // Paths on disk are out of reach: only the page's own files are served.
            for path in ["/../../etc/passwd", "/%2e%2e%2fetc%2fpasswd", "/Package.swift", "/WebPage/index.html"] {
                let answer = try await Self.request(base + path)
                #expect(answer.status == 404, "\(path)")
                #expect(!answer.text.contains("root:"))
            }
        }
    }

    @Test func thePageIsServedWithItsFilesAndCORSIsClosedByDefault() async throws {
        let index = try Self.seeds.get().path
        try await Self.withServer(index: index) { base in
            let page = try await Self.request(base + "/")
            #expect(page.status == 200 && page.text.contains("<script src=\"/app.js\""))
            #expect(page.headers["content-security-policy"]?.contains("default-src 'self'") == true)
            #expect(try await Self.request(base + "/app.js").status == 200)
            let crossSite = try await Self.request(base + "/api/stats", headers: ["Origin": "https://elsewhere.example"])
            #expect(crossSite.headers["access-control-allow-origin"] == nil)
        }
        try await Self.withServer(index: index, configure: { $0.corsOrigin = "https://newsroom.example" }) { base in
            let allowed = try await Self.request(base + "/api/stats", headers: ["Origin": "https://newsroom.example"])
            #expect(allowed.headers["access-control-allow-origin"] == "https://newsroom.example")
            let other = try await Self.request(base + "/api/stats", headers: ["Origin": "https://elsewhere.example"])
            #expect(other.headers["access-control-allow-origin"] == nil)
        }
    }

    /// A worker refreshes its engine before every search: that must cost nothing (keep the
    /// caches) while the index is unchanged, and move to a new commit when there is one.
    @Test func refreshMovesOnlyWhenTheIndexCommitted() throws {
        let work = TemporaryDirectory("serve-refresh")
        let index = work.path("index")
        let options = IndexingOptions(indexPath: index, tagger: NewsTagger(gazetteer: try Gazetteer.bundled(), labeller: try LearnedLabeller.shipped))
        _ = try IndexingRun(options: options).run(paths: [Paths.seed("000").path])
        let engine = try SearchEngine(indexPath: index)
        let before = try engine.count(SearchRequest()).total
        #expect(try engine.refresh() == false)
        #expect(try engine.refresh() == false)
        _ = try IndexingRun(options: options).run(paths: [Paths.seed("001").path])
        #expect(try engine.count(SearchRequest()).total == before)  // still the commit it read
        #expect(try engine.refresh() == true)
        #expect(try engine.count(SearchRequest()).total > before)
        #expect(try engine.refresh() == false)
    }

    /// Searches keep answering while an indexer commits beside the server; each sees one whole
    /// commit (the count before or after), and the server moves to the new commit.
    @Test func concurrentSearchesWhileTheIndexerCommits() async throws {
        let work = TemporaryDirectory("serve-commit")
        let files = try FileManager.default.contentsOfDirectory(atPath: Paths.seeds.path).filter { $0.hasSuffix(".txt") }.sorted()
        let first = work.path("first"), second = work.path("second")
        try FileManager.default.createDirectory(atPath: first, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: second, withIntermediateDirectories: true)
        for (n, name) in files.enumerated() {
            try FileManager.default.copyItem(atPath: Paths.seeds.path + "/" + name, toPath: (n < 2 ? first : second) + "/" + name)
        }
        let index = work.path("index")
        let options = IndexingOptions(indexPath: index, tagger: NewsTagger(gazetteer: try Gazetteer.bundled(), labeller: try LearnedLabeller.shipped))
        _ = try IndexingRun(options: options).run(paths: [first])
        let before = try Self.engineTotal(index, SearchRequest())
        try await Self.withServer(index: index, configure: { $0.limits.workers = 2 }) { base in
            let indexer = Task.detached { try IndexingRun(options: options).run(paths: [second]) }
            var seen = Set<Int>()
            var statuses = Set<Int>()
            for _ in 0..<10 {
                try await withThrowingTaskGroup(of: Answer.self) { group in
                    for _ in 0..<8 { group.addTask { try await Self.request(base + "/api/search?limit=5&facet=actor") } }
                    for try await answer in group {
                        statuses.insert(answer.status)
                        if let total = answer.json["total"] as? Int { seen.insert(total) }
                    }
                }
            }
            _ = try await indexer.value
            let after = try Self.engineTotal(index, SearchRequest())
            let last = try await Self.request(base + "/api/search?limit=0")
            #expect(statuses == [200])
            #expect(last.json["total"] as? Int == after)
            #expect(after > before)
            // Every answer saw a whole commit: never fewer than before, never more than after.
            #expect(seen.allSatisfy { $0 >= before && $0 <= after })
        }
    }

    /// `allow_partial` (issue 15 item 3): two shards behind stock `xapian-tcpsrv`, the second
    /// killed while the server holds connections to it. Without the parameter every endpoint
    /// answers 502 naming the shard; with it, 200 with the first shard's own numbers, marked in
    /// the body's `partial` and in the `Dossier-Partial` header (the one mark of a CSV export).
    @Test(.enabled(if: ShardServer.executable != nil, Comment(rawValue: ShardServer.absent)))
    func aShardThatIsDownIsAnErrorOrLeftOutWithAllowPartial() async throws {
        let copy = try ShardedCopy(of: try Self.seeds.get().path, shards: 2)
        let servers = try copy.shards.map { try ShardServer(serving: $0) }
        let stub = copy.directory.path("remote.stub")
        try ShardedCopy.writeStub(at: stub, lines: servers.map(\.stubLine))
        let survivor = try SearchEngine(indexPath: copy.shards[0])
        let name = "127.0.0.1:\(servers[1].port)"
        try await Self.withServer(index: stub) { base in
            let whole = try await Self.request("\(base)/api/search?q=Pakistan&limit=0")
            #expect(whole.status == 200 && whole.json["partial"] is NSNull && whole.headers["dossier-partial"] == nil)
            servers[1].stopWithConnections()

            for path in ["search?q=Pakistan", "count?by=actor", "actors", "export?q=Pakistan&format=csv"] {
                let failed = try await Self.request("\(base)/api/\(path)")
                #expect(failed.status == 502, "\(path): \(failed.text)")
                let error = try #require(failed.json["error"] as? [String: Any], "\(path)")
                #expect(error["code"] as? String == "shards_unreachable")
                #expect((error["message"] as? String)?.contains("shard 1 (\(name))") == true, "\(failed.text)")
                #expect((error["missing_shards"] as? [[String: Any]])?.map { $0["name"] as? String } == [name])
            }

            func expectMarked(_ answer: Answer, _ what: String) throws {
                #expect(answer.status == 200, "\(what): \(answer.text)")
                #expect(answer.headers["dossier-partial"] == "1 \(name)", "\(what)")
            }
            func mark(_ object: [String: Any]) -> [String?] {
                ((object["partial"] as? [String: Any])?["missing_shards"] as? [[String: Any]])?.map { $0["name"] as? String } ?? []
            }
            let search = try await Self.request("\(base)/api/search?q=Pakistan&facet=actor&allow_partial=1")
            try expectMarked(search, "search")
            #expect(mark(search.json) == [name])
            let expected = try survivor.search(SearchRequest(query: "Pakistan", facets: [.actor]))
            #expect(search.json["total"] as? Int == expected.total && expected.total > 0)
            #expect(expected.total < whole.json["total"] as? Int ?? 0, "the shard left out holds some of the matches")
            let facet = (search.json["facets"] as? [String: Any])?["actor"] as? [[String: Any]]
            #expect(facet?.map { $0["count"] as? Int } == expected.facets.first?.values.map(\.count))

            let count = try await Self.request("\(base)/api/count?by=actor&limit=1000&allow_partial=1")
            try expectMarked(count, "count")
            #expect(mark(count.json) == [name])
            let counts = try survivor.count(SearchRequest(), by: [.actor], limit: 1000)
            #expect((count.json["counts"] as? [[String: Any]])?.map { $0["count"] as? Int } == counts.rows.map(\.count))
            #expect(count.json["total"] as? Int == counts.total)

            let actors = try await Self.request("\(base)/api/actors?allow_partial=1")
            try expectMarked(actors, "actors")
            #expect(mark(actors.json) == [name])
            #expect((actors.json["actors"] as? [[String: Any]])?.map { $0["passages"] as? Int }
                == (try survivor.actorDirectory().actors(ofType: nil, limit: nil)).map(\.passages))

            let export = try await Self.request("\(base)/api/export?q=Pakistan&format=csv&allow_partial=1")
            try expectMarked(export, "export")
            #expect(export.headers["dossier-total"] == String(expected.total))
            let reader = try CSVReader(string: export.text, hasHeaderRow: true)
            var rows = 0
            while reader.next() != nil { rows += 1 }
            #expect(rows == expected.total)

            let batch = try await Self.request("\(base)/api/batch?allow_partial=1", method: "POST", body: Data("Pakistan\n".utf8))
            try expectMarked(batch, "batch")
            let row = try #require(try JSONSerialization.jsonObject(with: Data(batch.text.split(separator: "\n")[0].utf8)) as? [String: Any])
            #expect(mark(row) == [name] && row["total"] as? Int == expected.total)
        }
        withExtendedLifetime((copy, servers)) {}
    }
}
