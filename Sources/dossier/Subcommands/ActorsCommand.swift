import ArgumentParser
import Foundation
import NewsModel
import Search
import Output

extension DossierCommand {
    /// `dossier actors`: every actor in the index.
    struct Actors: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "actors",
            abstract: "List the actors in the index with their type, aliases and passage count.",
            discussion: """
                Actors are listed by passage count. The name in the first column is what \
                --actor and actor: accept; so do the aliases and an unambiguous surname.

                  dossier actors --type person --limit 20
                  dossier actors --format csv -o actors.csv
                """)

        @OptionGroup var location: IndexLocationOptions

        @OptionGroup var partial: PartialOptions

        @Option(help: ArgumentHelp("Only actors of this type.", valueName: "type"))
        var type: String?

        @Option(help: ArgumentHelp("Actors to list: a number, or 'all'.", valueName: "n|all"))
        var limit: Limit = .all

        @Option(help: ResultKind.actors.formatHelp)
        var format: OutputFormat = ResultKind.actors.defaultFormat

        @Option(name: [.short, .long], help: OutputOptions.outputFileHelp)
        var output: String?

        func validate() throws {
            try ResultKind.actors.validate(format)
            if let type { do { _ = try ActorType.parse(type) } catch { throw ValidationError(error.description) } }
        }

        func run() throws {
            let engine = try partial.openEngine(location.path)
            let actors: [ActorInfo]
            do {
                actors = try engine.actorDirectory().actors(ofType: type, limit: limit.value)
            } catch {
                throw Diagnostics.fail(error)
            }
            let sink = try OutputTarget.open(output)
            do {
                try ActorTable(actors: actors, partial: engine.partial).write(format, to: sink)
                try sink.close()
            } catch {
                throw Diagnostics.fail(SearchError.output(reason: "\(error)"))
            }
            try Diagnostics.finish(partial: engine.partial)
        }
    }
}
