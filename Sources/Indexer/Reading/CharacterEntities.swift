/// SGML/XML character references as the Reuters-21578 files use them.
///
/// The corpus uses `&lt;`, `&amp;` and numeric references; `&#2;`, `&#3;` etc. are the wire
/// service's control codes (start and end of text), which decode to control characters and
/// are then dropped because they are not text. HTML's full entity table is not needed
/// here: the HTML reader gets entities decoded by libxml2's parser.
enum CharacterEntities {
    /// Named references beyond the numeric ones.
    private static let named: [Substring: Unicode.Scalar] = [
        "lt": "<", "gt": ">", "amp": "&", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
    ]

    /// `text` with references decoded and control characters (other than tab and newline)
    /// removed. An unknown or malformed reference is kept as written.
    static func decode(_ text: String) -> String {
        guard needsWork(text) else { return text }
        var out = String.UnicodeScalarView()
        let scalars = text.unicodeScalars
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let c = scalars[i]
            if c == "&", let (decoded, next) = reference(scalars, at: i) {
                if !isControl(decoded) { out.append(decoded) }
                i = next
                continue
            }
            if !isControl(c) { out.append(c) }
            i = scalars.index(after: i)
        }
        return String(out)
    }

    /// Whether `text` has a `&` or a control character, by a byte scan (fast on 50 MB).
    /// In UTF-8 the C1 controls start with 0xC2, so that byte sends the text the slow way.
    private static func needsWork(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes in
            for byte in bytes where byte == 0x26 || byte == 0x7F || byte == 0xC2
                || (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) {
                return true
            }
            return false
        }
    }

    /// Control characters other than tab, LF and CR are dropped.
    private static func isControl(_ s: Unicode.Scalar) -> Bool {
        (s.value < 0x20 && s != "\t" && s != "\n" && s != "\r") || (0x7F...0x9F).contains(s.value)
    }

    /// The reference starting at `start` (`&name;`, `&#123;`, `&#x7B;`) and the index after it.
    private static func reference(
        _ scalars: String.UnicodeScalarView, at start: String.Index
    ) -> (Unicode.Scalar, String.Index)? {
        var j = scalars.index(after: start)
        let bodyStart = j
        var length = 0
        while j < scalars.endIndex, scalars[j] != ";", length < 10 {
            j = scalars.index(after: j)
            length += 1
        }
        guard j < scalars.endIndex, scalars[j] == ";", length > 0 else { return nil }
        let body = Substring(scalars[bodyStart..<j])
        let next = scalars.index(after: j)
        if body.first == "#" {
            let digits = body.dropFirst()
            let value = digits.first == "x" || digits.first == "X"
                ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            guard let value, let scalar = Unicode.Scalar(value) else { return nil }
            return (scalar, next)
        }
        guard let scalar = named[body] else { return nil }
        return (scalar, next)
    }
}
