/// The input formats Dossier reads, chosen by file name.
public enum InputFormat: String, Sendable, CaseIterable {
    /// Plain-text articles (`.txt`).
    case txt

    /// The format for a path, by its extension; nil when Dossier has no reader for it.
    public init?(path: String) {
        let lower = path.lowercased()
        if lower.hasSuffix(".txt") { self = .txt } else { return nil }
    }

    /// The reader for this format.
    public var reader: any ArticleReader {
        switch self {
        case .txt: return TextArticleReader()
        }
    }
}
