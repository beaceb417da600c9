import ArgumentParser
import Search

// Library enums become option values here, so the libraries never import ArgumentParser.
extension ExportFormat: ExpressibleByArgument {}
extension CountFormat: ExpressibleByArgument {}
extension FacetKind: ExpressibleByArgument {}
extension SearchRequest.Order: ExpressibleByArgument {}
extension BatchFormat: ExpressibleByArgument {}
extension BatchHitID: ExpressibleByArgument {}
extension RankUnit: ExpressibleByArgument {}

/// `--limit N` or `--limit all`.
enum Limit: ExpressibleByArgument, Equatable {
    case count(Int)
    case all

    init?(argument: String) {
        if argument.lowercased() == "all" {
            self = .all
        } else if let n = Int(argument) {  // negative: refused by each command's validate(), with the rule
            self = .count(n)
        } else {
            return nil
        }
    }

    /// The limit for a `SearchRequest` (nil = all).
    var value: Int? {
        if case let .count(n) = self { return n }
        return nil
    }

    var defaultValueDescription: String {
        if case let .count(n) = self { return String(n) }
        return "all"
    }
}
