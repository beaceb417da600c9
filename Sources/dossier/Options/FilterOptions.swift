import ArgumentParser
import Search

/// Filters shared by `search` and `count`; they restrict matches and never change ranking.
struct FilterOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Only passages with this actor (name, alias or unambiguous surname; repeat: all of them).", valueName: "name"))
    var actor: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "Only passages with an actor of this type: person, organization, country, location, group (repeat: any).",
        valueName: "type"))
    var type: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only articles from this source (repeat: any).", valueName: "source"))
    var source: [String] = []

    @Option(name: .long, help: ArgumentHelp("Published on or after (YYYY, YYYY-MM or YYYY-MM-DD).", valueName: "date"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("Published on or before (YYYY, YYYY-MM or YYYY-MM-DD).", valueName: "date"))
    var to: String?

    @Option(name: .customLong("mentioned-from"), help: ArgumentHelp("Mentions a date on or after.", valueName: "date"))
    var mentionedFrom: String?

    @Option(name: .customLong("mentioned-to"), help: ArgumentHelp("Mentions a date on or before.", valueName: "date"))
    var mentionedTo: String?

    /// Checks a request built from these options (and the command's own) with the library's
    /// one rule (`SearchRequest.validate`), as a usage error (exit 64).
    static func validate(_ request: SearchRequest) throws {
        do { try request.validate() } catch { throw ValidationError(error.description) }
    }

    /// Copies the filters into a request.
    func apply(to request: inout SearchRequest) {
        request.actors = actor
        request.actorTypes = type.map { $0.lowercased() }
        request.sources = source
        request.publishedFrom = from
        request.publishedTo = to
        request.mentionedFrom = mentionedFrom
        request.mentionedTo = mentionedTo
    }
}
