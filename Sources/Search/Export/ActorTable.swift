import Foundation
import Output

/// Writes the actor list of `dossier actors` in any export format.
public struct ActorTable {
    /// The actors, in order.
    public var actors: [ActorInfo]

    /// Creates a table.
    public init(actors: [ActorInfo]) { self.actors = actors }

    /// The columns: name, type, passages, aliases (joined with "; " in flat formats).
    static let columns = ["name", "type", "passages", "aliases"]

    private func cells(_ actor: ActorInfo) -> [String] {
        [actor.name, actor.type, String(actor.passages), actor.aliases.joined(separator: "; ")]
    }

    private func object(_ actor: ActorInfo) -> [String: Any] {
        ["name": actor.name, "id": actor.id, "type": actor.type, "passages": actor.passages, "aliases": actor.aliases]
    }

    /// Writes the table.
    public func write(_ format: OutputFormat, to sink: OutputSink) throws {
        switch format {
        case .json:
            try sink.write(JSONStyle.document(["actors": actors.map(object)]))
        case .jsonl:
            for actor in actors { try sink.write(jsonText(object(actor)) + "\n") }
        case .csv:
            for row in [Self.columns] + actors.map(cells) { try sink.write(DelimitedWriter.row(row, style: .csv)) }
        case .tsv:
            for row in [Self.columns] + actors.map(cells) { try sink.write(DelimitedWriter.row(row, style: .tsv)) }
        case .markdown:
            try sink.write("| " + Self.columns.joined(separator: " | ") + " |\n|" + Self.columns.map { _ in " --- |" }.joined() + "\n")
            for actor in actors { try sink.write("| " + cells(actor).map(MarkdownWriter.escaped).joined(separator: " | ") + " |\n") }
        case .text:
            let width = min(40, actors.map(\.name.count).max() ?? 4)
            for actor in actors {
                let aliases = actor.aliases.isEmpty ? "" : "  (also: \(actor.aliases.joined(separator: ", ")))"
                try sink.write(actor.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                    + actor.type.padding(toLength: 12, withPad: " ", startingAt: 0)
                    + String(actor.passages).leftPadded(6) + aliases + "\n")
            }
            if actors.isEmpty { try sink.write("no actors in the index\n") }
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
