import Tagger
import ArgumentParser
import Foundation
import Indexer
import Logging
import NewsModel
import Output

extension DossierCommand {
    /// `dossier index PATH...`: read articles and write them into the index as passages.
    struct Index: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "index",
            abstract: "Index articles (files or folders, recursively) as passages.",
            discussion: """
                Re-running is cheap and safe: unchanged files are skipped, changed files replace \
                their passages, and nothing is ever duplicated. Changes are committed in batches, \
                so an interrupted run (Ctrl-C, a crash, a kill) leaves the index at its last \
                commit and the next run finishes the job.

                FORMATS (by file name; any may be gzipped, e.g. reut2-000.sgm.gz)
                  .txt            first line = title; 'Updated on 2025-07-05T18:21:54+05:30', \
                '- Nov 02, 2025' and '- By Web Desk -' lines give the date and byline
                  .md             Markdown; optional front matter: title, date, source, url, actors
                  .html .htm      a saved news page: <title>/og:title, article:published_time, <p> text
                  .jsonl .ndjson  one article per line: id, title, published, source, url, text
                  .sgm            Reuters-21578 SGML: every <REUTERS> story
                  -               standard input, with --stdin-format

                SHARDS
                  --shards N splits a new index into N Xapian databases (shard0...) listed in a \
                stub file (XAPIANDB); each article goes to one shard by a hash of its id, and each \
                shard is written by its own thread. search, count, actors and stats read the \
                shards as one index. `dossier shards` lists them; `dossier compact` merges or \
                re-splits them.

                Exit status 1 means the run finished but some inputs were skipped; the summary \
                lists each with the reason.
                """)

        @OptionGroup var location: IndexLocationOptions

        @Argument(help: ArgumentHelp("Files and folders to index.", valueName: "path"), completion: .file())
        var paths: [String]

        @Option(help: ArgumentHelp(
            "Publication date for articles whose file and text state none (YYYY, YYYY-MM or YYYY-MM-DD).",
            valueName: "date"))
        var published: String?

        @Option(help: ArgumentHelp(
            "The format of standard input when a path is '-': \(InputFormat.allCases.map(\.rawValue).joined(separator: ", ")).",
            valueName: "format"))
        var stdinFormat: String?

        @Option(help: ArgumentHelp(
            "A gazetteer of your own (JSON) merged over the bundled one: add, rename or merge actors. See Docs/actors.md.",
            valueName: "file"), completion: .file(extensions: ["json"]))
        var gazetteer: String?

        @Flag(help: "Index text only: no actors or dates (faster; facets by actor will be empty).")
        var noTagging = false

        @Flag(help: "Remove articles whose files are gone.")
        var prune = false

        @Flag(help: "Build a new index from these paths only; the old one is replaced when the new one is complete.")
        var rebuild = false

        @Option(help: ArgumentHelp(
            "The most bytes one record may have: a JSON-lines record, an SGML story, or a whole HTML, text or Markdown file (a .gz as inflated). K, M or G for KiB, MiB, GiB; default 16M. A longer one is reported and not indexed.",
            valueName: "size"))
        var maxRecordSize: String?

        @Option(help: ArgumentHelp("Passages written between commits.", valueName: "n"))
        var batchSize = 5_000

        @Option(help: ArgumentHelp(
            "Split a new index into n shards, each written by its own thread (default 1). An existing index keeps its count; --rebuild may change it. Searches read all shards as one index.",
            valueName: "n"))
        var shards: Int?

        @Flag(help: .hidden)
        var passages = false  // benchmark input: the baseline tools' passage JSONL, with its actors

        @Flag(help: .hidden)
        var sequential = false  // read and write on one thread (measurements)

        @Flag(name: .shortAndLong, help: "Print nothing but errors.")
        var quiet = false

        @Option(help: ArgumentHelp(
            "The closing summary: text (standard error) or json (standard output).", valueName: "format"))
        var format: OutputFormat = ResultKind.indexSummary.defaultFormat

        @Flag(help: "The same as --format json (kept for scripts written before --format).")
        var json = false

        /// The summary's format: `--json` is an alias of `--format json`.
        private var summaryFormat: OutputFormat { json ? .json : format }

        @Flag(name: .shortAndLong, help: "Log each file's fate and each commit to standard error.")
        var verbose = false

        func validate() throws {
            try ResultKind.indexSummary.validate(summaryFormat)
            if let published, CalendarDate(iso: published) == nil {
                throw ValidationError("--published \(published): use YYYY, YYYY-MM or YYYY-MM-DD")
            }
            if batchSize < 1 { throw ValidationError("--batch-size must be at least 1") }
            if let shards, !(1...IndexingOptions.maximumShards).contains(shards) {
                throw ValidationError("--shards \(shards): give a number from 1 to \(IndexingOptions.maximumShards)")
            }
            if let maxRecordSize, Self.bytes(maxRecordSize) == nil {
                throw ValidationError("--max-record-size \(maxRecordSize): give a positive size in bytes, or with K, M or G (e.g. 64M)")
            }
            if noTagging && gazetteer != nil { throw ValidationError("--gazetteer has no effect with --no-tagging") }
            if let stdinFormat, InputFormat(name: stdinFormat) == nil {
                throw ValidationError("--stdin-format \(stdinFormat): use one of \(InputFormat.names.joined(separator: ", "))")
            }
            if paths.contains("-") && stdinFormat == nil {
                throw ValidationError("reading standard input ('-') needs --stdin-format, e.g. --stdin-format jsonl")
            }
        }

        func run() throws {
            Interruption.install()
            let tagger: any ArticleTagger
            if noTagging {
                tagger = NoTagger()
            } else {
                do {
                    tagger = NewsTagger(gazetteer: try Gazetteer.loading(userFile: gazetteer.map { URL(fileURLWithPath: $0) }), labeller: try LearnedLabeller.shipped)
                } catch {
                    Diagnostics.say("dossier: error: \(error)")
                    throw ExitCodes.badQuery
                }
            }
            var options = IndexingOptions(
                indexPath: location.path, tagger: tagger, batchSize: batchSize,
                defaultPublished: published.flatMap(CalendarDate.init(iso:)), prune: prune,
                stdinFormat: stdinFormat.flatMap(InputFormat.init(name:)),
                logger: verbose ? Self.verboseLogger() : Logger(label: "dossier.index", factory: { _ in SwiftLogNoOpLogHandler() }))
            options.rebuild = rebuild
            options.shards = shards
            if let size = maxRecordSize.flatMap(Self.bytes) { options.maximumRecordBytes = size }
            if passages {
                options.reader = PassagesJSONLReader()
                options.tagger = DeclaredActorsTagger()
            }
            options.concurrent = !sequential
            let progress = ProgressLine(enabled: !quiet && summaryFormat != .json && !verbose && Diagnostics.isTerminal(.standardError))
            let summary: IndexSummary
            do {
                summary = try IndexingRun(options: options).run(
                    paths: paths, progress: progress.update, shouldStop: { Interruption.wasRequested })
            } catch {
                progress.clear()
                throw Diagnostics.fail(error)
            }
            progress.clear()
            if summaryFormat == .json {
                do { FileHandle.standardOutput.write(Data(try IndexSummaryWriter.json(summary, indexPath: location.path).utf8)) } catch {
                    throw Diagnostics.fail(error)
                }
            } else {
                IndexSummaryWriter.lines(summary, indexPath: location.path, quiet: quiet).forEach(Diagnostics.say)
            }
            if summary.interrupted { throw ExitCodes.interrupted }
            if !summary.skipped.isEmpty { throw ExitCodes.partial }
        }

        /// swift-log's standard-error handler at debug level.
        /// A size as `--max-record-size` takes it: bytes, or a whole number of KiB, MiB or GiB
        /// (`K`, `M`, `G`, case-insensitive); nil when it is not one or not positive.
        static func bytes(_ text: String) -> Int? {
            let units: [Character: Int] = ["k": 1 << 10, "m": 1 << 20, "g": 1 << 30]
            var digits = Substring(text), scale = 1
            if let last = text.last?.lowercased().first, let unit = units[last] {
                digits = digits.dropLast()
                scale = unit
            }
            guard let value = Int(digits), value > 0, value <= Int.max / scale else { return nil }
            return value * scale
        }

        static func verboseLogger() -> Logger {
            var logger = Logger(label: "dossier.index", factory: { StreamLogHandler.standardError(label: $0) })
            logger.logLevel = .debug
            return logger
        }
    }
}
