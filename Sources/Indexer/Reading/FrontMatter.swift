/// The YAML front matter at the top of a Markdown note, read as the flat subset notes use:
///
/// ```
/// ---
/// title: "Talks resume in Doha"
/// date: 2025-07-05
/// source: dawn
/// url: https://example.com/x
/// actors: [Hamas, "Benjamin Netanyahu"]   # or a block list of "- name" lines
/// ---
/// ```
///
/// Scalars (plain, single- or double-quoted) and lists of scalars only. A full YAML parser
/// (Yams) is available as a package, but it would add a C library and a build step for five
/// flat keys; nested values are reported as warnings instead of being guessed at.
struct FrontMatter: Equatable {
    /// Scalar values by lower-cased key.
    var scalars: [String: String] = [:]
    /// List values by lower-cased key.
    var lists: [String: [String]] = [:]
    /// Lines that could not be read, as (1-based line, reason).
    var problems: [(line: Int, reason: String)] = []
    /// The 1-based line after the closing `---`, where the body starts.
    var bodyStart: Int = 1

    static func == (a: FrontMatter, b: FrontMatter) -> Bool {
        a.scalars == b.scalars && a.lists == b.lists && a.bodyStart == b.bodyStart
    }

    /// A key's value as a list: a list as is, a scalar split at commas.
    func list(_ key: String) -> [String] {
        if let list = lists[key] { return list }
        guard let scalar = scalars[key] else { return [] }
        return scalar.split(separator: ",").map { String($0.trimmingWhitespace()) }.filter { !$0.isEmpty }
    }

    /// Parses the front matter if `lines` start with `---`; returns nil when there is none
    /// (or when the block is never closed, in which case the `---` is ordinary text).
    static func parse(_ lines: [(text: Substring, number: Int)]) -> FrontMatter? {
        guard let first = lines.first, first.text.trimmingWhitespace() == "---" else { return nil }
        guard let close = lines.dropFirst().firstIndex(where: {
            let t = $0.text.trimmingWhitespace()
            return t == "---" || t == "..."
        }) else { return nil }
        var matter = FrontMatter()
        matter.bodyStart = lines[close].number + 1
        var openList: String?
        for (text, number) in lines[1..<close] {
            let trimmed = text.trimmingWhitespace()
            if trimmed.isEmpty || trimmed.first == "#" { continue }
            if let key = openList, let item = Paragraphs.bulletItem(trimmed), trimmed.first == "-" {
                matter.lists[key, default: []].append(unquote(item))
                continue
            }
            openList = nil
            guard let colon = trimmed.firstIndex(of: ":"), colon > trimmed.startIndex else {
                matter.problems.append((number, "front matter line is not `key: value`; ignored"))
                continue
            }
            let key = trimmed[..<colon].trimmingWhitespace().lowercased()
            let value = stripComment(trimmed[trimmed.index(after: colon)...]).trimmingWhitespace()
            if value.isEmpty {
                openList = key
                matter.lists[key] = []
            } else if value.first == "[" {
                guard value.last == "]" else {
                    matter.problems.append((number, "front matter list `\(key)` has no closing `]`; ignored"))
                    continue
                }
                matter.lists[key] = splitInlineList(value.dropFirst().dropLast())
            } else if value.first == "{" {
                matter.problems.append((number, "front matter `\(key)` is a mapping; only text and lists are read"))
            } else {
                matter.scalars[key] = unquote(value)
            }
        }
        return matter
    }

    /// Removes a ` #` comment outside quotes.
    private static func stripComment(_ value: Substring) -> Substring {
        var quote: Character?
        var previous: Character = " "
        for index in value.indices {
            let c = value[index]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "#" && (previous == " " || previous == "\t") {
                return value[..<index]
            }
            previous = c
        }
        return value
    }

    /// `"a, b", c` inside `[...]`, quotes respected.
    private static func splitInlineList(_ body: Substring) -> [String] {
        var items: [String] = []
        var current = ""
        var quote: Character?
        for c in body {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "," {
                let item = Substring(current).trimmingWhitespace()
                if !item.isEmpty { items.append(String(item)) }
                current = ""
            } else {
                current.append(c)
            }
        }
        let item = Substring(current).trimmingWhitespace()
        if !item.isEmpty { items.append(String(item)) }
        return items
    }

    /// A scalar without its surrounding quotes (`\"` and `''` escapes undone).
    private static func unquote(_ value: Substring) -> String {
        let v = value.trimmingWhitespace()
        if v.count >= 2, let f = v.first, f == v.last, f == "\"" || f == "'" {
            let inner = v.dropFirst().dropLast()
            return f == "\"" ? inner.replacingOccurrences(of: "\\\"", with: "\"")
                : inner.replacingOccurrences(of: "''", with: "'")
        }
        return String(v)
    }
}
