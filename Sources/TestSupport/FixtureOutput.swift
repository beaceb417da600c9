import Foundation
import Search

/// Captures what a writer prints and blanks what legitimately varies from run to run (times,
/// temporary paths, sizes on disk, the Xapian version), so that tests can pin every other
/// character of a writer's output.
public enum FixtureOutput {
    /// The text `write` sends to an `OutputSink` (a file in a temporary directory, read back).
    public static func captured(_ write: (OutputSink) throws -> Void) throws -> String {
        let directory = TemporaryDirectory("output")
        let sink = try OutputSink.file(directory.path("out"))
        try write(sink)
        try sink.close()
        return try String(contentsOfFile: directory.path("out"), encoding: .utf8)
    }

    /// One thing that varies: every match of the regular expression `pattern` becomes `placeholder`
    /// (a template: `$1` keeps the first group).
    public struct Variable: Sendable {
        /// The regular expression.
        public var pattern: String
        /// What each match becomes.
        public var placeholder: String

        /// Creates a variable part.
        public init(_ pattern: String, _ placeholder: String) {
            self.pattern = pattern
            self.placeholder = placeholder
        }

        /// `path` written out literally, shown as `name` (`<index>` unless told).
        public static func path(_ path: String, as name: String = "<index>") -> Variable {
            Variable(NSRegularExpression.escapedPattern(for: path), NSRegularExpression.escapedTemplate(for: name))
        }

        /// The text index summary's closing time, `in 0.3s`.
        public static let seconds = Variable(#" in [0-9]+\.[0-9]s$"#, " in <s>s")
        /// A JSON `"seconds"` value.
        public static let jsonSeconds = Variable(#""seconds" : [0-9.e+-]+"#, #""seconds" : <s>"#)
    }

    /// `text` with every `variables` match replaced, line by line (`^` and `$` match at each line).
    public static func normalised(_ text: String, _ variables: [Variable]) -> String {
        variables.reduce(text) { text, variable in
            let expression = try! NSRegularExpression(pattern: variable.pattern, options: [.anchorsMatchLines])
            return expression.stringByReplacingMatches(
                in: text, range: NSRange(text.startIndex..., in: text), withTemplate: variable.placeholder)
        }
    }
}
