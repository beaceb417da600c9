import ArgumentParser
import Search
import Output

// Library enums become option values here, so the libraries never import ArgumentParser.
extension OutputFormat: ExpressibleByArgument {}
extension FacetKind: ExpressibleByArgument {}
extension SearchRequest.Order: ExpressibleByArgument {}
extension BatchHitID: ExpressibleByArgument {}
extension RankUnit: ExpressibleByArgument {}
extension Weighting: ExpressibleByArgument {}

extension ResultKind {
    /// The help of `--format` for this kind of result: the formats it accepts.
    var formatHelp: ArgumentHelp {
        ArgumentHelp("Output format: \(formats.map(\.rawValue).joined(separator: ", ")).", valueName: "format")
    }

    /// `format` if this kind can be written in it (the library's rule, `OutputFormat.check`),
    /// else a usage error naming the formats it can.
    func validate(_ format: OutputFormat) throws {
        do { try format.check(for: self) } catch { throw ValidationError(error.description) }
    }
}

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
