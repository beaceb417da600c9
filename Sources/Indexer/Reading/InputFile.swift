import Foundation
import Output

/// One input the `FileCollector` found: where it is, what it is called in the index, and
/// how to read it. Loading is separate so a run can read files one at a time.
public struct InputFile: Sendable, Equatable {
    /// The path as the user would write it (the named root joined with the relative path),
    /// or `-` for standard input. Used in messages and as `Article.file`.
    public var path: String
    /// The stable identity: the path relative to the named root's parent (`dawn/2025/x.txt`),
    /// the file name for a file named directly, `stdin` for standard input.
    public var identity: String
    /// The format, from the extension or `--stdin-format`.
    public var format: InputFormat

    /// Creates an input file.
    public init(path: String, identity: String, format: InputFormat) {
        self.path = path
        self.identity = identity
        self.format = format
    }

    /// Whether this is standard input.
    public var isStandardInput: Bool { path == "-" }

    /// Reads the bytes (standard input to its end). Large files are memory-mapped where the
    /// system allows, so a 50 MB file is not copied before it is decoded.
    ///
    /// Throws `.unreadable` with the system's reason (permission denied, no such file…).
    public func load() throws(IndexerError) -> SourceFile {
        if isStandardInput {
            do {
                return SourceFile(path: path, identity: identity, data: try SystemIO.readStandardInput())
            } catch {
                throw .unreadable(path: "standard input", reason: SystemIO.reason(of: error))
            }
        }
        // open(2) first: its errno is the reason the user needs ("Permission denied"),
        // which Foundation's error for the same failure buries in userInfo.
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        close(descriptor)
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
            return SourceFile(path: path, identity: identity, data: data)
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
    }

    /// Loads and reads the file with its format's reader.
    public func read() throws(IndexerError) -> ReadResult {
        try format.reader.read(load())
    }
}
