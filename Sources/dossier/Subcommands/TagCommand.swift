import ArgumentParser
import Foundation
import NewsModel
import Output
import Indexer
import Tagger

extension DossierCommand {
    /// `dossier tag [FILE…|-]`: each passage's actors and dates as JSON lines, no index.
    struct Tag: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tag",
            abstract: "Print each passage's actors (with the surface forms found) and dates as JSON lines, without indexing.",
            discussion: """
                Reads the same formats as 'dossier index' and tags them the same way, for \
                reviewing a corpus before indexing it and for measuring the tagger. One line per \
                passage: {"format_version","file","article_id","title","published","paragraph","kind",\
                "actors":[{"name","id","type","mentions"}],"dates":[{"text","value"}]}. \
                See Docs/output-schema.md.
                """)

        @Argument(help: ArgumentHelp("Files and folders to tag ('-': standard input, with --stdin-format).", valueName: "path"),
                  completion: .file())
        var paths: [String] = ["-"]

        @Option(help: ArgumentHelp(
            "The format of standard input: \(InputFormat.allCases.map(\.rawValue).joined(separator: ", ")).",
            valueName: "format"))
        var stdinFormat: String?

        @Option(help: ArgumentHelp("A gazetteer of your own (JSON) merged over the bundled one.", valueName: "file"),
                completion: .file(extensions: ["json"]))
        var gazetteer: String?

        @Option(help: ArgumentHelp(
            "Publication date for articles whose file and text state none (YYYY, YYYY-MM or YYYY-MM-DD).",
            valueName: "date"))
        var published: String?

        func validate() throws {
            if let stdinFormat, InputFormat(name: stdinFormat) == nil {
                throw ValidationError("--stdin-format \(stdinFormat): use one of \(InputFormat.names.joined(separator: ", "))")
            }
            if paths.contains("-") && stdinFormat == nil {
                throw ValidationError("reading standard input ('-') needs --stdin-format, e.g. --stdin-format txt")
            }
            if let published, CalendarDate(iso: published) == nil {
                throw ValidationError("--published \(published): use YYYY, YYYY-MM or YYYY-MM-DD")
            }
        }

        func run() throws {
            let tagger: NewsTagger
            do {
                tagger = NewsTagger(gazetteer: try Gazetteer.loading(userFile: gazetteer.map { URL(fileURLWithPath: $0) }),
                                    labeller: try LearnedLabeller.shipped)
            } catch {
                Diagnostics.say("dossier: error: \(error)")
                throw ExitCodes.badQuery
            }
            let defaultPublished = published.flatMap(CalendarDate.init(iso:))
            let collection = FileCollector(stdinFormat: stdinFormat.flatMap(InputFormat.init(name:))).collect(paths)
            var problems = collection.skipped
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let output = FileHandle.standardOutput
            for file in collection.files {
                let result: ReadResult
                do {
                    result = try file.format.reader.read(try file.load())
                } catch {
                    problems.append(ReadProblem(file: file.path, message: "\(error)", severity: .skipped))
                    continue
                }
                problems.append(contentsOf: result.problems)
                for var article in result.articles {
                    if article.published == nil, let defaultPublished {
                        article.published = PublishedDate(date: defaultPublished, origin: .user)
                    }
                    let tagged = tagger.tag(article)
                    var lines = Data()
                    for passage in tagged.passages {
                        lines.append(try encoder.encode(TaggedPassageLine(tagged.article, passage)))
                        lines.append(0x0A)
                    }
                    output.write(lines)
                }
            }
            for problem in problems { Diagnostics.say("dossier: \(problem)") }
            if problems.contains(where: { $0.severity == .skipped }) { throw ExitCodes.partial }
        }
    }
}

/// One line of `dossier tag`: a passage with its actors, their mentions, and its dates.
struct TaggedPassageLine: Encodable {
    /// The one output version of every machine format (`OutputFormat.version`,
    /// Docs/output-schema.md).
    let format_version = OutputFormat.version
    let file: String
    let article_id: String
    let title: String
    let published: String?
    let paragraph: Int
    let kind: String
    let actors: [Actor]
    let dates: [DateValue]

    struct Actor: Encodable {
        let name: String
        let id: String
        let type: String
        let mentions: [String]
    }

    struct DateValue: Encodable {
        let text: String
        let value: String
    }

    init(_ article: Article, _ passage: TaggedPassage) {
        file = article.file
        article_id = article.id
        title = article.title
        published = article.published.map { $0.date.description }
        paragraph = passage.passage.number
        kind = passage.passage.kind.rawValue
        actors = zip(passage.actors, passage.mentions).map {
            Actor(name: $0.name, id: $0.id, type: $0.type.rawValue, mentions: $1)
        }
        dates = passage.dates.map { DateValue(text: $0.text, value: $0.value) }
    }
}
