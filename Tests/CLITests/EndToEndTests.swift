import CSV
import Foundation
import Testing
import TestSupport

/// Runs the built `dossier` binary as a user would.
@Suite(.serialized) struct EndToEndTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `dossier` executable built beside this test bundle.
    static var binary: URL {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = testBinary.deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("dossier")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return Paths.packageRoot.appendingPathComponent(".build/debug/dossier")
    }

    @discardableResult
    static func dossier(_ arguments: [String], cwd: URL? = nil, stdin: FileHandle? = nil) throws -> Run {
        try run(binary, arguments, cwd: cwd, stdin: stdin)
    }

    /// Runs `executable` with `arguments` (and `stdin` as its standard input, when given) and
    /// collects its output and status.
    static func run(_ executable: URL, _ arguments: [String], cwd: URL? = nil, stdin: FileHandle? = nil) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let cwd { process.currentDirectoryURL = cwd }
        if let stdin { process.standardInput = stdin }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let (stdout, stderr) = PipeReading.readBoth(out.fileHandleForReading, err.fileHandleForReading)
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func extradtionCSVExportParsesBackToTheTotal() throws {
        let dir = TemporaryDirectory()
        let index = dir.path("idx")
        let indexed = try Self.dossier(["index", Paths.seeds.path, "--index", index])
        #expect(indexed.status == 0, "\(indexed.stderr)")
        #expect(indexed.stderr.contains("5 articles indexed, 75 passages"))

        let csv = try Self.dossier(["search", "extradition", "--index", index, "--format", "csv", "--limit", "all"])
        #expect(csv.status == 0)
        let json = try Self.dossier(["search", "extradition", "--index", index, "--format", "json", "--limit", "0"])
        let total = try #require((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["total"] as? Int)
        let reader = try CSVReader(string: csv.stdout, hasHeaderRow: true)
        var articles = Set<String>()
        var rows = 0
        let column = try #require(reader.headerRow?.firstIndex(of: "article_id"))
        while let row = reader.next() {
            rows += 1
            articles.insert(String(row[column].dropFirst("seeds/".count).prefix(3)))
        }
        #expect(rows == total)
        #expect(articles == ["000", "001", "002", "003"])
    }

    @Test func outputFileAndSummaryLine() throws {
        let dir = TemporaryDirectory()
        let index = dir.path("idx")
        try Self.dossier(["index", Paths.seeds.path, "--index", index])
        let run = try Self.dossier(["search", "ceasefire", "--index", index, "--format", "jsonl", "--limit", "all", "-o", dir.path("hits.jsonl")])
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        let lines = try String(contentsOfFile: dir.path("hits.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(run.stderr == "wrote \(lines.count) of \(lines.count) hits to \(dir.path("hits.jsonl"))\n")
    }

    @Test func errorsAreOneLineWithDocumentedExitCodes() throws {
        let dir = TemporaryDirectory()
        let missing = try Self.dossier(["search", "x", "--index", dir.path("none")])
        #expect(missing.status == 66)
        #expect(missing.stderr.split(separator: "\n").count == 1)
        #expect(missing.stderr.hasPrefix("dossier: error: no index at "))

        try Self.dossier(["index", Paths.seeds.path, "--index", dir.path("idx")])
        let bad = try Self.dossier(["search", "extradition AND", "--index", dir.path("idx")])
        #expect(bad.status == 65)
        #expect(bad.stderr.hasPrefix("dossier: error: invalid query \"extradition AND\": "))

        let usage = try Self.dossier(["search", "--limit", "lots", "--index", dir.path("idx")])
        #expect(usage.status == 64)

        let unreadableOutput = try Self.dossier(["search", "x", "--index", dir.path("idx"), "-o", "/nonexistent/dir/out.csv"])
        #expect(unreadableOutput.status == 73)
        #expect(unreadableOutput.stderr.contains("cannot create /nonexistent/dir/out.csv"))

        let unknownActor = try Self.dossier(["search", "actor:Zardary", "--index", dir.path("idx")])
        #expect(unknownActor.status == 65)
        #expect(unknownActor.stderr == "dossier: error: no actor named \"Zardary\" in the index; did you mean: \"Bilawal Bhutto Zardari\" (4 passages)?\n")
    }

    @Test func anIndexOfAnotherSchemaIsRefusedByBothCommandsWithExit66() throws {
        let dir = TemporaryDirectory()
        try FixtureIndex.emptyIndex(at: dir.path("old"), schemaVersion: "2")
        let search = try Self.dossier(["search", "x", "--index", dir.path("old")])
        let index = try Self.dossier(["index", Paths.seeds.path, "--index", dir.path("old")])
        for run in [search, index] {
            #expect(run.status == 66)
            #expect(run.stderr.hasSuffix("rebuild it: `dossier index PATH... --rebuild --index \(dir.path("old"))`\n"))
        }
        let rebuilt = try Self.dossier(["index", Paths.seeds.path, "--rebuild", "--index", dir.path("old")])
        #expect(rebuilt.status == 0)
        #expect(try Self.dossier(["search", "extradition", "--index", dir.path("old")]).status == 0)
    }

    @Test func skippedInputsGiveExitOneAndAreListed() throws {
        let dir = TemporaryDirectory()
        try dir.write("in/good.txt", "Good title\n\nA good paragraph about talks.\n")
        try dir.write("in/empty.txt", "\n\n")
        try dir.write("in/binary.txt", bytes: [0x00, 0x01, 0x02, 0xFF])
        let run = try Self.dossier(["index", dir.path("in"), "--index", dir.path("idx")])
        #expect(run.status == 1)
        #expect(run.stderr.contains("skipped: \(dir.path("in"))/binary.txt: looks like binary data"))
        #expect(run.stderr.contains("skipped: \(dir.path("in"))/empty.txt: no text in the file"))
        #expect(run.stderr.contains("1 article indexed, 2 passages"))
    }

    /// `--weighting` picks the weighting; a parameter of another weighting is refused (exit
    /// 64, naming it) rather than ignored, in `search` and `batch` alike.
    @Test func aParameterOfAnotherWeightingIsRefused() throws {
        let dir = TemporaryDirectory()
        let index = dir.path("idx")
        try Self.dossier(["index", Paths.seeds.path, "--index", index])
        func scores(_ options: [String]) throws -> [String] {
            let run = try Self.dossier(["search", "extradition", "--index", index, "--format", "tsv", "--fields", "score"] + options)
            #expect(run.status == 0, "\(options): \(run.stderr)")
            return run.stdout.split(separator: "\n").dropFirst().map(String.init)
        }
        let standard = try scores([])
        #expect(!standard.isEmpty)
        #expect(try scores(["--weighting", "ineb2"]) == standard)
        #expect(try scores(["--dfr-c", "2"]) != standard)
        #expect(try scores(["--weighting", "bm25"]) != standard)
        #expect(try scores(["--weighting", "bm25", "--bm25-k1", "1.2", "--bm25-b", "0.5"]) != scores(["--weighting", "bm25"]))
        for (options, message) in [
            (["--bm25-k1", "1.2"], "--bm25-k1 and --bm25-b apply to --weighting bm25"),
            (["--weighting", "ineb2", "--bm25-b", "0.5"], "--bm25-k1 and --bm25-b apply to --weighting bm25"),
            (["--weighting", "ifb2"], "--weighting"),
            (["--weighting", "bm25", "--dfr-c", "2"], "--dfr-c applies to --weighting ineb2"),
            (["--dfr-c", "0"], "--dfr-c must be more than 0"),
            (["--weighting", "tfidf"], "--weighting"),
        ] {
            for command in [["search", "extradition"], ["batch", "-"]] {
                let run = try Self.dossier(command + ["--index", index] + options)
                #expect(run.status == 64, "\(command) \(options)")
                #expect(run.stderr.contains(message), "\(command) \(options): \(run.stderr)")
            }
        }
    }

    @Test func theAnyHintGoesInTheDocumentOrOnStandardErrorByFormat() throws {
        // No seed passage has a made-up word, so a plain AND search of it with real ones finds nothing.
        let dir = TemporaryDirectory()
        let index = dir.path("idx")
        try Self.dossier(["index", Paths.seeds.path, "--index", index])
        let hint = "No passage has all the words;"
        for format in ["csv", "tsv", "jsonl"] {
            let run = try Self.dossier(["search", "--plain", "Pakistan mumbai zzzunknownword", "--index", index, "--format", format])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stderr.contains(hint), "\(format): \(run.stderr)")
            #expect(!run.stdout.contains(hint), "\(format)")
        }
        for format in ["text", "json", "markdown"] {
            let run = try Self.dossier(["search", "--plain", "Pakistan mumbai zzzunknownword", "--index", index, "--format", format])
            #expect(run.stdout.contains(hint), "\(format): \(run.stdout)")
            #expect(!run.stderr.contains(hint), "\(format): \(run.stderr)")
        }
        let counted = try Self.dossier(["count", "--plain", "Pakistan mumbai zzzunknownword", "--by", "actor", "--index", index, "--format", "csv"])
        #expect(counted.stderr.contains(hint), "\(counted.stderr)")
    }

    @Test func aLockedIndexIsExit75() throws {
        // Hold the write lock from this process through the library-free route: a second CLI
        // writer started while the first still runs. A large batch keeps the first busy.
        let dir = TemporaryDirectory()
        let index = dir.path("idx")
        try Self.dossier(["index", Paths.seeds.path, "--index", index])
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", "import fcntl,os,sys,time; f=open(sys.argv[1]+'/flintlock','a+'); fcntl.lockf(f, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(30)", index]
        let pipe = Pipe()
        holder.standardOutput = pipe
        try holder.run()
        defer { holder.terminate() }
        _ = pipe.fileHandleForReading.availableData  // wait for "locked"
        let run = try Self.dossier(["index", Paths.seeds.path, "--index", index])
        #expect(run.status == 75)
        #expect(run.stderr.contains("being written by another process"))
    }

    @Test func helpTeachesTheQueryLanguageAndExitCodes() throws {
        let root = try Self.dossier(["--help"])
        #expect(root.stdout.contains("EXIT CODES"))
        #expect(root.stdout.contains("75  the index is being written by another process"))
        let search = try Self.dossier(["search", "--help"])
        #expect(search.stdout.contains("QUERY LANGUAGE"))
        #expect(search.stdout.contains("--format <format>"))
    }
}

extension EndToEndTests {
    /// Standard input that cannot be read (here a directory) is a clear error naming it, not
    /// a crash (Foundation's `readDataToEndOfFile` ends in `try!`).
    @Test func standardInputThatCannotBeReadIsAnError() throws {
        let dir = TemporaryDirectory()
        let text = try dir.write("news/a.txt", "Title\n\nPakistan and India met.\n")
        let index = dir.path("idx")
        #expect(try Self.dossier(["index", text, "--index", index]).status == 0)
        let folder = try #require(FileHandle(forReadingAtPath: dir.path("news")))
        let batch = try Self.dossier(["batch", "-", "--index", index], stdin: folder)
        #expect(batch.status == 66, "\(batch.stderr)")
        #expect(batch.stderr.contains("cannot read standard input: Is a directory"), "\(batch.stderr)")
        let indexing = try Self.dossier(["index", "-", "--stdin-format", "txt", "--index", index],
                                        stdin: try #require(FileHandle(forReadingAtPath: dir.path("news"))))
        #expect(indexing.status == 1, "\(indexing.stderr)")
        #expect(indexing.stderr.contains("standard input") && indexing.stderr.contains("Is a directory"), "\(indexing.stderr)")
    }

    @Test func standardInputAndTheJSONSummary() throws {
        let dir = TemporaryDirectory()
        let input = try dir.write("in.jsonl", """
            {"id":"s1","title":"Piped","published":"2025-03-02","source":"Dawn","text":"Pakistan and India met.\\n\\nTalks continue."}
            {"title":"no text"}

            """)
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["index", "-", "--stdin-format", "jsonl", "--index", dir.path("idx"), "--json"]
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: input))
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = PipeReading.readAll(out.fileHandleForReading)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        let summary = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(summary["format_version"] as? Int == 1)
        #expect(summary["articles"] as? Int == 1)
        #expect(summary["index_passages"] as? Int == 3)
        let skipped = try #require(summary["skipped"] as? [[String: Any]])
        #expect(skipped.count == 1)
        #expect(skipped.first?["file"] as? String == "-")
        #expect(skipped.first?["line"] as? Int == 2)
        let search = try Self.dossier(["search", "source:dawn", "--index", dir.path("idx"), "--format", "jsonl", "--fields", "passage_id,source,published"])
        #expect(search.stdout.split(separator: "\n").count == 3)
        #expect(search.stdout.contains(#""passage_id":"stdin#s1#1","published":"2025-03-02","source":"Dawn""#))
    }
}
