import Foundation
import Output

/// Writes the actor list of `dossier actors` in any export format.
public struct ActorTable {
    /// The actors, in order.
    public var actors: [ActorInfo]
    /// When shards were left out (`SearchEngine.partial`): the passage counts are the others'.
    public var partial: PartialAnswer?

    /// Creates a table.
    public init(actors: [ActorInfo], partial: PartialAnswer? = nil) {
        self.actors = actors
        self.partial = partial
    }

    /// The columns: name, type, passages, aliases (joined with "; " in flat formats).
    static let columns = ["name", "type", "passages", "aliases"]

    private func cells(_ actor: ActorInfo) -> [String] {
        [actor.name, actor.type, String(actor.passages), actor.aliases.joined(separator: "; ")]
    }

    private func object(_ actor: ActorInfo) -> [String: Any] {
        ["name": actor.name, "id": actor.id, "type": actor.type, "passages": actor.passages, "aliases": actor.aliases]
    }

    /// A JSON Lines row: the actor, and in a partial answer the mark (there is no header line).
    private func row(_ actor: ActorInfo) -> [String: Any] {
        var row = object(actor)
        if let partial { row["partial"] = partial.jsonObject }
        return row
    }

    /// Writes the table.
    public func write(_ format: OutputFormat, to sink: OutputSink) throws {
        switch format {
        case .json:
            try sink.write(JSONStyle.document(["actors": actors.map(object), "partial": PartialAnswer.json(partial)]))
        case .jsonl:
            for actor in actors { try sink.write(jsonText(row(actor)) + "\n") }
        case .csv:
            for row in [Self.columns] + actors.map(cells) { try sink.write(DelimitedWriter.row(row, style: .csv)) }
        case .tsv:
            for row in [Self.columns] + actors.map(cells) { try sink.write(DelimitedWriter.row(row, style: .tsv)) }
        case .markdown:
            if let note = ResultSummary.partialNote(partial) { try sink.write("> **\(note)**\n\n") }
            try sink.write("| " + Self.columns.joined(separator: " | ") + " |\n|" + Self.columns.map { _ in " --- |" }.joined() + "\n")
            for actor in actors { try sink.write("| " + cells(actor).map(MarkdownWriter.escaped).joined(separator: " | ") + " |\n") }
        case .text:
            if let note = ResultSummary.partialNote(partial) { try sink.write(note + "\n") }
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
