/// Lines that news pages carry but that say nothing: social-media embed captions and the
/// like. Kept in one list so that adding one is a one-line change.
///
/// A line is dropped when, trimmed and lower-cased, it equals an entry or starts with an entry
/// that ends in "…" (written here as a trailing `*`).
enum Boilerplate {
    static let patterns: [String] = [
        "view this post on instagram",
        "a post shared by *",
        "view this post on x",
        "view this post on twitter",
        "view this post on facebook",
        "view this video on youtube",
        "watch on youtube",
        "follow us on *",
        "click here to *",
        "also read:*",
        "read more:*",
        "advertisement",
        "story continues below this ad",
        "share this article",
        "pic.twitter.com/*",
    ]

    /// True when `line` is embed or navigation boilerplate.
    static func isBoilerplate(_ line: String) -> Bool {
        let folded = line.trimmingCharacters(in: .whitespaces).lowercased()
        return patterns.contains { pattern in
            pattern.hasSuffix("*") ? folded.hasPrefix(String(pattern.dropLast())) : folded == pattern
        }
    }
}
