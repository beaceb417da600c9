/// What can go wrong reading the tagger's inputs: a corpus, a cluster file, a model file.
public enum TaggerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input is not in the expected format; `line` is 1-based where known.
    case malformed(path: String, line: Int?, reason: String)
    /// The input could not be read at all.
    case unreadable(path: String, reason: String)

    /// A message naming the file, the line and what to do.
    public var description: String {
        switch self {
        case let .malformed(path, line, reason):
            "\(path)\(line.map { ":\($0)" } ?? ""): \(reason)"
        case let .unreadable(path, reason):
            "\(path): cannot read (\(reason))"
        }
    }
}
