import NewsModel

/// Caps the size of a passage and of a title, so that what one passage costs to tag, index
/// and show stays bounded whatever the input (a file that is one 200 MB line included).
///
/// Why: every later stage works a passage at a time (the tagger's tokens, Xapian's term
/// list with positions, the stored record, snippets), and a title is stored with every
/// passage of its article (`S` terms and the record). News paragraphs are a few hundred
/// bytes; a longer one is a table, a dump or a file without line breaks. So a paragraph
/// longer than `maximumPassageBytes` is split into passages at sentence ends (else at spaces,
/// else at a character boundary), and a title longer than `maximumTitleBytes` is cut at a
/// space for display, its whole text indexed as the first body passages (and not also as a
/// title passage). Nothing is dropped, and the
/// indexing run warns once per article where it applied (`file:line`).
public enum PassageLimit {
    /// The most UTF-8 bytes in one passage (16 KiB, about 2,500 words).
    public static let maximumPassageBytes = 16 * 1024
    /// The most UTF-8 bytes in a title.
    public static let maximumTitleBytes = 512

    /// `article` with every passage within `maximumPassageBytes` and its title within
    /// `maximumTitleBytes`, passages renumbered in order; and the warning to give, nil when
    /// nothing was changed.
    public static func apply(
        _ article: Article, path: String, maximumPassageBytes: Int = maximumPassageBytes,
        maximumTitleBytes: Int = maximumTitleBytes
    ) -> (article: Article, problem: ReadProblem?) {
        let longTitle = article.title.utf8.count > maximumTitleBytes
        guard longTitle || article.passages.contains(where: { $0.text.utf8.count > maximumPassageBytes }) else {
            return (article, nil)
        }
        var result = article
        var passages: [Passage] = []
        var split = 0, pieces = 0, firstLine: Int?
        func addSplit(_ text: String, kind: PassageKind, line: Int) {
            let parts = Self.pieces(of: text, maximumBytes: maximumPassageBytes)
            if parts.count > 1 {
                split += 1
                pieces += parts.count
                if firstLine == nil { firstLine = line }
            }
            for part in parts { passages.append(Passage(number: 0, kind: kind, text: part, line: line)) }
        }
        for passage in article.passages {
            if passage.kind == .title && longTitle {
                // The whole "title" becomes body passages, and the cut one is only shown: a
                // title passage of its first bytes as well would index them twice and skew
                // ranking (an article whose text is one long line, as in the TIME collection).
                addSplit(passage.text, kind: .paragraph, line: passage.line)
            } else if passage.text.utf8.count > maximumPassageBytes {
                addSplit(passage.text, kind: passage.kind, line: passage.line)
            } else {
                passages.append(passage)
            }
        }
        // Passage 0 is the title's; body passages count from 1 (Docs/output-schema.md).
        let first = passages.first?.kind == .title ? 0 : 1
        for index in passages.indices { passages[index].number = first + index }
        result.passages = passages
        var parts: [String] = []
        if longTitle {
            result.title = Self.pieces(of: article.title, maximumBytes: maximumTitleBytes, atSentences: false)[0]
            parts.append("the title is \(article.title.utf8.count) bytes, longer than a title may be (\(maximumTitleBytes)); "
                + "it is cut there and the whole of it indexed as passages")
        }
        if split > 0 {
            parts.append("\(split) paragraph\(split == 1 ? " is" : "s are") longer than a passage may be "
                + "(\(maximumPassageBytes) bytes); split into \(pieces) passages")
        }
        let line = longTitle ? article.passages.first?.line : firstLine
        return (result, ReadProblem(file: path, line: line, message: parts.joined(separator: "; "), severity: .warning))
    }

    /// `text` in pieces of at most `maximumBytes` UTF-8 bytes, each ending at a sentence end
    /// (". ", "! ", "? ") in its second half when there is one and `atSentences`, else at the
    /// last space, else at the last character boundary; pieces are trimmed of spaces.
    static func pieces(of text: String, maximumBytes: Int, atSentences: Bool = true) -> [String] {
        let bytes = Array(text.utf8)
        guard bytes.count > maximumBytes else { return [text] }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        var result: [String] = []
        var start = 0
        while start < bytes.count {
            while start < bytes.count && isSpace(bytes[start]) { start += 1 }
            guard start < bytes.count else { break }
            var end = min(start + maximumBytes, bytes.count)
            if end < bytes.count {
                let half = start + maximumBytes / 2
                var cut: Int?
                if atSentences {
                    var at = end - 1
                    while at > half {
                        if isSpace(bytes[at]) && [0x2E, 0x21, 0x3F].contains(bytes[at - 1]) { cut = at; break }
                        at -= 1
                    }
                }
                if cut == nil {
                    var at = end - 1
                    while at > start && !isSpace(bytes[at]) { at -= 1 }
                    if at > start { cut = at }
                }
                if let cut {
                    end = cut
                } else {
                    while end > start + 1 && bytes[end] & 0xC0 == 0x80 { end -= 1 }
                }
            }
            var last = end
            while last > start && isSpace(bytes[last - 1]) { last -= 1 }
            if last > start { result.append(String(decoding: bytes[start..<last], as: UTF8.self)) }
            start = end
        }
        return result.isEmpty ? [text] : result
    }
}
