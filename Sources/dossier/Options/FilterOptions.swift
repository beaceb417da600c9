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

    /// Copies the filters into a request through the library's one filter vocabulary
    /// (`SearchFilter`), which checks them as it does batch lines and HTTP parameters.
    /// - Throws: a usage error (exit 64) for a value the library rejects.
    func apply(to request: inout SearchRequest) throws {
        let values: [(SearchFilter, [String])] = [
            (.actor, actor), (.type, type), (.source, source), (.from, from.map { [$0] } ?? []),
            (.to, to.map { [$0] } ?? []), (.mentionedFrom, mentionedFrom.map { [$0] } ?? []),
            (.mentionedTo, mentionedTo.map { [$0] } ?? []),
        ]
        do {
            for (filter, list) in values { try filter.apply(list, to: &request) }
        } catch {
            throw ValidationError(error.description)
        }
    }
}
