/// Why a gazetteer could not be loaded.
public enum GazetteerError: Error, Equatable, CustomStringConvertible {
    /// The file cannot be read.
    case unreadable(file: String, reason: String)
    /// The file is not a valid gazetteer: bad JSON, a missing field, an unknown type.
    case malformed(file: String, reason: String)
    /// A data file that ships with Dossier is missing from the build.
    case missingResource(String)

    /// One line for the user naming the file and the problem.
    public var description: String {
        switch self {
        case let .unreadable(file, reason): return "\(file): cannot read gazetteer: \(reason)"
        case let .malformed(file, reason): return "\(file): not a valid gazetteer: \(reason)"
        case let .missingResource(name): return "bundled tagging data \(name) is missing from the build"
        }
    }
}
