import ArgumentParser
import Search
import Output

/// `--format`, `--output`, `--fields`: how results are written.
struct OutputOptions: ParsableArguments {
    @Option(help: ResultKind.hits.formatHelp)
    var format: OutputFormat = ResultKind.hits.defaultFormat

    @Option(name: [.short, .long], help: Self.outputFileHelp)
    var output: String?

    /// The help of `-o/--output`, which every command that writes results has.
    static let outputFileHelp = ArgumentHelp("Write to a file instead of standard output.", valueName: "file")

    @Option(help: ArgumentHelp(
        "Columns/keys, comma-separated, in order. Fields: \(ExportField.allCases.map(\.rawValue).joined(separator: ", ")).",
        valueName: "a,b,c"))
    var fields: String?

    /// The chosen fields (validated in `validate()`).
    var exportFields: [ExportField] {
        fields.flatMap { try? ExportField.parseList($0) } ?? ExportField.defaults
    }

    func validate() throws {
        try ResultKind.hits.validate(format)
        if let fields {
            do { _ = try ExportField.parseList(fields) } catch { throw ValidationError("--fields: \(error)") }
        }
    }
}
