import Foundation

/// One query of a batch file: an id, the line it came from, and the request to run.
public struct BatchQuery: Sendable, Equatable {
    /// The id given on the line (`--id`, or `"id"` in JSON), else the line number.
    public var id: String
    /// The 1-based line number.
    public var line: Int
    /// The query and its filters.
    public var request: SearchRequest
}

/// A batch line that cannot be run, reported as `file:line: message`.
public struct BatchLineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The batch file, as the user named it.
    public var file: String
    /// The 1-based line.
    public var line: Int
    /// The query's id, when the line got far enough to have one.
    public var id: String?
    /// What is wrong.
    public var message: String

    /// `file:line: message`, the form compilers use.
    public var description: String { "\(file):\(line): \(message)" }
}

/// Parses the lines of a batch file (see `dossier batch --help` and README).
///
/// Two line forms, mixable in one file:
/// - **Text**: a query in the query language, then optional filters written like the
///   command-line options: `extradition --actor "Tahawwur Rana" --from 2025-01 --to 2025-06`.
///   `--id NAME` names the row; `--actor` (repeat: all), `--type`, `--source` (repeat: any),
///   `--from`, `--to`, `--mentioned-from`, `--mentioned-to`, `--any`, `--plain`. The query is everything
///   before the first `--` option (quotes kept, so phrases work); option values may be quoted.
/// - **JSON**: an object per line, as the baseline tools' `queries.jsonl`:
///   `{"id", "text" (or "query"), "actor" (or "actor_slug", or "actors": [...]), "date_from",
///   "date_to", "types", "sources", "mentioned_from", "mentioned_to"}`; unknown keys are ignored.
///
/// Blank lines and lines starting with `#` are skipped.
public enum BatchFile {
    /// The query on one line, nil for a blank or comment line.
    /// - Throws: `BatchLineError` naming `file` and `number`.
    public static func parse(line raw: String, number: Int, file: String) throws(BatchLineError) -> BatchQuery? {
        let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if line.isEmpty || line.hasPrefix("#") { return nil }
        if line.hasPrefix("{") { return try parseJSON(line, number: number, file: file) }
        return try parseText(line, number: number, file: file)
    }

    // MARK: - Text lines

    private static func parseText(_ line: String, number: Int, file: String) throws(BatchLineError) -> BatchQuery {
        func fail(_ message: String) -> BatchLineError { BatchLineError(file: file, line: number, id: nil, message: message) }
        let characters = Array(line)
        // The query ends where the first option starts: "--" at the start of a word, outside quotes.
        var quote: Character? = nil
        var optionsStart = characters.count
        var index = 0
        while index < characters.count {
            let c = characters[index]
            if let open = quote {
                if c == open { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "-", index + 2 < characters.count, characters[index + 1] == "-", characters[index + 2].isLetter,
                      index == 0 || characters[index - 1].isWhitespace {
                optionsStart = index
                break
            }
            index += 1
        }
        let queryText = String(characters[..<optionsStart]).trimmingCharacters(in: .whitespaces)
        let tokens: [String]
        do { tokens = try words(String(characters[optionsStart...])) } catch { throw fail(error.message) }

        var request = SearchRequest(query: queryText)
        var id: String? = nil
        var position = 0
        while position < tokens.count {
            var name = tokens[position]
            var inlineValue: String? = nil
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            position += 1
            if name == "--any" || name == "--plain" {
                if name == "--any" { request.matchAny = true } else { request.plain = true }
                continue
            }
            guard name == "--id" || SearchFilter(option: name) != nil else {
                throw fail("unknown option \(name); use \(Self.valueOptions.joined(separator: ", ")) or --any, --plain")
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard position < tokens.count else { throw fail("\(name) needs a value") }
                value = tokens[position]
                position += 1
            }
            if let filter = SearchFilter(option: name) {
                do { try filter.apply(value, to: &request) } catch { throw fail(error.description) }
            } else {
                id = value
            }
        }
        return BatchQuery(id: id ?? String(number), line: number, request: request)
    }

    /// The options that take a value: `--id` and the filters.
    private static let valueOptions = ["--id"] + SearchFilter.allCases.map(\.option)

    private struct WordsError: Error { var message: String }

    /// Splits option text into words; single or double quotes group words and are removed.
    private static func words(_ text: String) throws(WordsError) -> [String] {
        var result: [String] = []
        var current = ""
        var inWord = false
        var quote: Character? = nil
        for c in text {
            if let open = quote {
                if c == open { quote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
                inWord = true
            } else if c.isWhitespace {
                if inWord { result.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(c)
                inWord = true
            }
        }
        if quote != nil { throw WordsError(message: "unbalanced quote in the options") }
        if inWord { result.append(current) }
        return result
    }

    // MARK: - JSON lines

    private struct JSONLine: Decodable {
        var id: String?
        var text: String?
        var query: String?
        var actor: String?
        var actorSlug: String?
        var actors: [String]?
        var dateFrom: String?
        var dateTo: String?
        var types: [String]?
        var sources: [String]?
        var mentionedFrom: String?
        var mentionedTo: String?
        var any: Bool?
        var plain: Bool?

        enum CodingKeys: String, CodingKey {
            case id, text, query, actor, actors, types, sources, any, plain
            case actorSlug = "actor_slug", dateFrom = "date_from", dateTo = "date_to"
            case mentionedFrom = "mentioned_from", mentionedTo = "mentioned_to"
        }
    }

    private static func parseJSON(_ line: String, number: Int, file: String) throws(BatchLineError) -> BatchQuery {
        let decoded: JSONLine
        do {
            decoded = try JSONDecoder().decode(JSONLine.self, from: Data(line.utf8))
        } catch {
            throw BatchLineError(file: file, line: number, id: nil, message: "not a valid JSON query object (\(Self.describe(error)))")
        }
        var request = SearchRequest(query: decoded.text ?? decoded.query ?? "")
        let single = [decoded.actor ?? decoded.actorSlug].compactMap { $0 }.filter { !$0.isEmpty }
        let values: [(SearchFilter, [String])] = [
            (.actor, (decoded.actors ?? []) + single), (.type, decoded.types ?? []), (.source, decoded.sources ?? []),
            (.from, decoded.dateFrom.map { [$0] } ?? []), (.to, decoded.dateTo.map { [$0] } ?? []),
            (.mentionedFrom, decoded.mentionedFrom.map { [$0] } ?? []), (.mentionedTo, decoded.mentionedTo.map { [$0] } ?? []),
        ]
        do {
            for (filter, list) in values { try filter.apply(list, to: &request) }
        } catch {
            throw BatchLineError(file: file, line: number, id: decoded.id, message: error.description)
        }
        request.matchAny = decoded.any ?? false
        request.plain = decoded.plain ?? false
        return BatchQuery(id: decoded.id ?? String(number), line: number, request: request)
    }

    private static func describe(_ error: any Error) -> String {
        if case let DecodingError.typeMismatch(_, context) = error {
            return "\(context.codingPath.map(\.stringValue).joined(separator: ".")): wrong type"
        }
        return "malformed JSON"
    }
}
