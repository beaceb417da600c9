/// The input formats Dossier reads, chosen by file name or by `--stdin-format`.
public enum InputFormat: String, Sendable, CaseIterable, Codable {
    /// Plain text (`.txt`): the first line is the title.
    case txt
    /// Markdown with optional front matter (`.md`, `.markdown`).
    case markdown
    /// A saved web page (`.html`, `.htm`, `.xhtml`).
    case html
    /// One JSON article per line (`.jsonl`, `.ndjson`).
    case jsonl
    /// Reuters-21578 SGML (`.sgm`).
    case reuters

    /// The file name endings of each format, lower-case, without the dot. Any of them may
    /// be followed by `.gz`: readers gunzip by content (see `TextDecoding`).
    public var extensions: [String] {
        switch self {
        case .txt: return ["txt", "text"]
        case .markdown: return ["md", "markdown"]
        case .html: return ["html", "htm", "xhtml"]
        case .jsonl: return ["jsonl", "ndjson"]
        case .reuters: return ["sgm", "sgml"]
        }
    }

    /// The format a path's extension names (case-insensitive; `x.sgm.gz` is `reuters`),
    /// or nil for an extension no reader handles.
    public init?(path: String) {
        let name = path.split(separator: "/").last.map(String.init)?.lowercased() ?? ""
        var parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return nil }
        if parts.last == "gz" {
            parts.removeLast()
            guard parts.count >= 2 else { return nil }
        }
        let ext = String(parts.last!)
        guard let format = InputFormat.allCases.first(where: { $0.extensions.contains(ext) }) else { return nil }
        self = format
    }

    /// The format a `--stdin-format` value names: a case name or any of its extensions
    /// (`md`, `ndjson`, `sgm`…).
    public init?(name: String) {
        let key = name.lowercased().trimmingPrefix(".")
        guard let format = InputFormat.allCases.first(where: { $0.rawValue == key || $0.extensions.contains(String(key)) })
        else { return nil }
        self = format
    }

    /// Every name `init(name:)` accepts, for help texts and error messages.
    public static var names: [String] {
        var seen = Set<String>()
        return allCases.flatMap { [$0.rawValue] + $0.extensions }.filter { seen.insert($0).inserted }
    }

    /// The reader for this format.
    public var reader: any ArticleReader {
        switch self {
        case .txt: return TextArticleReader()
        case .markdown: return MarkdownArticleReader()
        case .html: return HTMLArticleReader()
        case .jsonl: return JSONLinesArticleReader()
        case .reuters: return ReutersSGMLArticleReader()
        }
    }
}
