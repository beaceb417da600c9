import NewsModel

/// The paragraph logic shared by the Markdown, JSON-lines and Reuters readers: lines in,
/// passages out. Pure functions, no I/O.
///
/// Each format decides what one line *is* (`Line.Role`); the assembly is the same for all:
/// a blank line ends a block, hard-wrapped lines are rejoined with one space, a bullet or a
/// heading stands alone. The plain-text reader (`TextArticleReader`) applies the same rules
/// to `.txt` files with its own code; the two should become one (see the readers' report).
enum Paragraphs {
    /// One source line and the role its format gave it.
    struct Line {
        /// What a line does to the block being built.
        enum Role: Equatable {
            /// Ends the current block.
            case blank
            /// Continues the current block, or starts a paragraph if there is none.
            case text
            /// Starts a new paragraph (Reuters: an indented line).
            case paragraphStart
            /// Starts a list item; the marker is already removed from `text`.
            case bullet
            /// A heading on its own.
            case heading
        }
        /// The role.
        var role: Role
        /// The line's text without its marker; trimmed by the assembler.
        var text: Substring
        /// The 1-based line number in the source file.
        var number: Int
    }

    /// One passage-to-be.
    struct Block: Equatable {
        /// The passage kind.
        var kind: PassageKind
        /// The joined text.
        var text: String
        /// The 1-based line where the block starts.
        var line: Int
        /// How many source lines were joined into it.
        var lineCount = 1
    }

    /// Splits `text` into lines numbered from `firstLine`. `\r\n`, `\r` and `\n` all end a
    /// line, so files from Windows and old Macs number their lines as editors do.
    static func lines(_ text: Substring, firstLine: Int = 1) -> [(text: Substring, number: Int)] {
        var result: [(text: Substring, number: Int)] = []
        var number = firstLine
        var start = text.startIndex
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x0A || byte == 0x0D {
                result.append((text[start..<index], number))
                number += 1
                var next = utf8.index(after: index)
                if byte == 0x0D, next < utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
                index = next
                start = index
            } else {
                index = utf8.index(after: index)
            }
        }
        if start < text.endIndex { result.append((text[start...], number)) }
        return result
    }

    /// Joins classified lines into blocks: blank lines end blocks, wrapped lines are joined
    /// with one space, bullets and headings stand alone.
    static func assemble(_ lines: [Line]) -> [Block] {
        var blocks: [Block] = []
        var current: Block?
        func flush() {
            if let block = current, !block.text.isEmpty { blocks.append(block) }
            current = nil
        }
        for line in lines {
            let text = line.text.trimmingWhitespace()
            switch line.role {
            case .blank:
                flush()
            case .heading:
                flush()
                if !text.isEmpty { blocks.append(Block(kind: .heading, text: String(text), line: line.number)) }
            case .bullet:
                flush()
                current = Block(kind: .bullet, text: String(text), line: line.number)
            case .paragraphStart:
                flush()
                current = Block(kind: .paragraph, text: String(text), line: line.number)
            case .text:
                if text.isEmpty { flush(); continue }
                if current == nil {
                    current = Block(kind: .paragraph, text: String(text), line: line.number)
                } else if current!.text.isEmpty {
                    current!.text = String(text)
                } else {
                    current!.lineCount += 1
                    current!.text.append(" ")
                    current!.text.append(contentsOf: text)
                }
            }
        }
        flush()
        return blocks
    }

    /// Plain prose (JSON-lines `text`): blank lines separate paragraphs, `- `/`* `/`• `
    /// lines are bullets, and a single short title-like line is a heading.
    static func plainBlocks(_ text: Substring, firstLine: Int = 1, sameLine: Bool = false) -> [Block] {
        let lines = lines(text, firstLine: firstLine).map { line -> Line in
            let number = sameLine ? firstLine : line.number
            let trimmed = line.text.trimmingWhitespace()
            if trimmed.isEmpty { return Line(role: .blank, text: trimmed, number: number) }
            if let item = bulletItem(trimmed) { return Line(role: .bullet, text: item, number: number) }
            return Line(role: .text, text: trimmed, number: number)
        }
        return promoteHeadings(assemble(lines))
    }

    /// The item text if `line` (trimmed) starts with a list marker `- `, `* `, `+ `, `• ` or `– `.
    static func bulletItem(_ line: Substring) -> Substring? {
        guard let first = line.first, "-*+•–".contains(first) else { return nil }
        let rest = line.dropFirst()
        guard rest.first == " " || rest.first == "\t" else { return nil }
        let item = rest.trimmingWhitespace()
        return item.isEmpty ? nil : item
    }

    /// Whether a one-line block reads like a sub-heading: short, few words, no closing
    /// punctuation. This mirrors the `.txt` rule ("short title-like lines are headings").
    static func looksLikeHeading(_ text: String) -> Bool {
        guard text.utf8.count <= 320, text.count <= 80, let last = text.last, let first = text.first else { return false }
        if ".,;:!?\"”’')]".contains(last) { return false }
        guard first.isUppercase || first.isNumber else { return false }
        return text.split(separator: " ").count <= 10
    }

    /// Turns one-line paragraphs that look like a heading and are followed by another block
    /// into headings.
    private static func promoteHeadings(_ blocks: [Block]) -> [Block] {
        guard blocks.count > 1 else { return blocks }
        var result = blocks
        for i in result.indices where result[i].kind == .paragraph && result[i].lineCount == 1
            && looksLikeHeading(result[i].text) {
            // Only when something follows for it to head; `OK` or `No` alone is not a heading.
            guard i + 1 < result.count, result[i].text.count >= 4 else { continue }
            result[i].kind = .heading
        }
        return result
    }

    /// Numbers the title (passage 0, when there is one) and the blocks (from 1).
    ///
    /// An article without a title has no passage 0, so its passages start at 1 and
    /// `passages[i].number == i + 1`; every reader here supplies a title instead (the first
    /// line or paragraph) so that case does not arise from them.
    static func passages(title: String, titleLine: Int, blocks: [Block]) -> [Passage] {
        var passages: [Passage] = []
        passages.reserveCapacity(blocks.count + 1)
        if !title.isEmpty { passages.append(Passage(number: 0, kind: .title, text: title, line: titleLine)) }
        for (offset, block) in blocks.enumerated() {
            passages.append(Passage(number: offset + 1, kind: block.kind, text: block.text, line: block.line))
        }
        return passages
    }

    /// Collapses runs of whitespace (including newlines) into single spaces and trims.
    static func collapseWhitespace<S: StringProtocol>(_ text: S) -> String {
        let trimmed = Substring(text).trimmingWhitespace()
        if isCollapsed(trimmed) { return String(trimmed) }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.unicodeScalars.append(" ") }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether trimmed `text` is ASCII with no repeated spaces and no other whitespace:
    /// then collapsing changes nothing. A byte scan, so a 50 MB paragraph is checked in
    /// milliseconds instead of being rebuilt scalar by scalar.
    private static func isCollapsed(_ text: Substring) -> Bool {
        var copy = String(text)
        return copy.withUTF8 { bytes in
            var previous: UInt8 = 0
            for byte in bytes {
                if byte >= 0x80 || byte < 0x20 || (byte == 0x20 && previous == 0x20) { return false }
                previous = byte
            }
            return true
        }
    }

    /// Whether `text` contains any of the ASCII `bytes`, by a byte scan (fast on 50 MB).
    static func containsASCII(_ text: String, anyOf bytes: Set<UInt8>) -> Bool {
        var table = [Bool](repeating: false, count: 256)
        for byte in bytes { table[Int(byte)] = true }
        var copy = text
        return copy.withUTF8 { buffer in
            for byte in buffer where table[Int(byte)] { return true }
            return false
        }
    }
}

extension Substring {
    /// The substring without leading and trailing spaces and tabs (and stray CRs).
    func trimmingWhitespace() -> Substring {
        var s = self
        while let c = s.first, c == " " || c == "\t" || c == "\r" || c == "\u{A0}" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" || c == "\u{A0}" { s = s.dropLast() }
        return s
    }
}
