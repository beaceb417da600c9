/// One word, number or punctuation mark of a passage, with what the taggers need to know
/// about it precomputed once.
struct Token: Sendable, Equatable {
    /// What sort of token this is.
    enum Kind: Sendable, Equatable {
        /// Letters, possibly with internal hyphens, apostrophes or abbreviation dots.
        case word
        /// Digits, possibly with internal `/`, `,` or `.` (`26/11`, `1,500`, `3.5`) or an
        /// ISO date (`2025-07-05`).
        case number
        /// The possessive ending split off a word (`’s`).
        case possessive
        /// Anything else; one character.
        case punctuation
    }

    /// The token's kind.
    var kind: Kind
    /// The exact text.
    var text: String
    /// The matching key: lower-cased, curly apostrophes straightened, diacritics folded.
    var key: String
    /// `TextKey.hash(key)`, computed once here for every table the rules look the key up in.
    var keyHash: UInt64
    /// Byte offsets in the passage's UTF-8 text.
    var start: Int
    var end: Int
    /// True when whitespace separates this token from the one before it.
    var spaceBefore: Bool
    /// True for the first word of a sentence (after `.`, `!`, `?`, `:`, a bullet, or the
    /// passage start, looking through opening quotes and brackets).
    var sentenceStart: Bool

    /// True when the first letter is upper case.
    var isCapitalised: Bool
    /// True for words written entirely in capitals with at least two letters (`NACTA`, `US`).
    var isAllCaps: Bool
    /// True for a word with two or more capitals and at most 8 bytes, as acronyms are
    /// (`LeT`, `PPP`, `IS-K`).
    var looksLikeAcronym: Bool
    /// True for a word with a hyphen inside ("Indo-US", "Lashkar-e-Taiba").
    var isHyphenated: Bool
    /// What the gazetteer's cue lists say about the word (`CueIndex` bits), filled in by
    /// `NameFinder` with one lookup per word.
    var cues: UInt16 = 0

    /// True for the given single punctuation character.
    func isPunctuation(_ character: String) -> Bool { kind == .punctuation && text == character }
}

/// Splits text into `Token`s in one pass over its UTF-8 bytes.
///
/// Regular expressions are avoided on purpose: `NSRegularExpression` is slow on Linux and
/// tagging must stay well under 0.1 ms per passage.
enum Tokenizer {
    /// Abbreviations whose trailing dot does not end a sentence.
    private static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "maj", "capt", "sen", "rep", "gov",
        "jr", "sr", "prof", "no", "vs", "inc", "corp", "co", "ltd", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.n", "u.k", "mt", "ft",
    ]

    /// The parts of a hyphenated word between its hyphens ("Lashkar-e-Taiba": "Lashkar",
    /// "e", "Taiba"), as `split(separator: "-")` gives them.
    ///
    /// An ASCII word is split by a loop over its bytes: splitting by `Character` runs
    /// grapheme breaking over every character (about 6,000 instructions for one short
    /// compound), and the generic split of its UTF-8 view costs over 1,000. Any other word
    /// keeps the `Character` split, where a hyphen followed by a combining mark is no separator.
    static func hyphenParts(_ word: String) -> [String] {
        let bytes = Array(word.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return word.split(separator: "-").map(String.init) }
        var parts: [String] = []
        var start = 0
        for k in 0...bytes.count where k == bytes.count || bytes[k] == 45 {
            // Empty parts are left out, as `split` leaves them out.
            if k > start { parts.append(String(decoding: bytes[start..<k], as: UTF8.self)) }
            start = k + 1
        }
        return parts
    }

    /// Tokenises `text`.
    static func tokenize(_ text: String) -> [Token] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        bytes.append(contentsOf: text.utf8)
        return tokenize(bytes: bytes)
    }

    // Byte classes. Non-ASCII bytes count as letters except the punctuation and spaces
    // handled by `multiBytePunctuation`.
    @inline(__always) private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    @inline(__always) private static func isASCIILetter(_ b: UInt8) -> Bool {
        (b >= 65 && b <= 90) || (b >= 97 && b <= 122)
    }

    /// The length of a multi-byte punctuation mark or space at `i`, and whether it is a space.
    @inline(__always)
    private static func multiBytePunctuation(_ bytes: [UInt8], _ i: Int) -> (length: Int, isSpace: Bool)? {
        let b = bytes[i]
        if b == 0xC2, i + 1 < bytes.count {
            let c = bytes[i + 1]
            if c == 0xA0 { return (2, true) }                       // no-break space
            if c == 0xAB || c == 0xBB || c == 0xB7 { return (2, false) } // « » ·
        }
        if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80 || bytes[i + 1] == 0x81 {
            let c = bytes[i + 2]
            if bytes[i + 1] == 0x80 && (c <= 0x8A || c == 0xAF) { return (3, true) } // spaces
            if bytes[i + 1] == 0x81 && c == 0x9F { return (3, true) }
            return (3, false)                                        // ‘ ’ “ ” – — … • etc.
        }
        return nil
    }

    @inline(__always) private static func isLetter(_ bytes: [UInt8], _ i: Int) -> Bool {
        guard i < bytes.count else { return false }
        let b = bytes[i]
        if isASCIILetter(b) { return true }
        if b >= 0x80 { return b >= 0xC0 && multiBytePunctuation(bytes, i) == nil }
        return false
    }

    /// True where the bytes at `i` are an apostrophe (`'` or `’`); returns its length.
    @inline(__always) private static func apostrophe(_ bytes: [UInt8], _ i: Int) -> Int {
        guard i < bytes.count else { return 0 }
        if bytes[i] == 39 { return 1 }
        if bytes[i] == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x99 { return 3 }
        return 0
    }

    private static func scalarEnd(_ bytes: [UInt8], _ i: Int) -> Int {
        var j = i + 1
        while j < bytes.count, bytes[j] & 0xC0 == 0x80 { j += 1 }
        return j
    }

    static func tokenize(bytes: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        // News text averages about 3 bytes a token, spaces included: one allocation, not a
        // regrowth that copies every token.
        tokens.reserveCapacity(bytes.count / 2 + 1)
        var i = 0
        var spaceBefore = true
        var atBoundary = true
        let n = bytes.count

        func emit(_ kind: Token.Kind, _ s: Int, _ e: Int) {
            let text = String(decoding: bytes[s..<e], as: UTF8.self)
            // Letter case, counted once here: ASCII by byte, anything else by scalar.
            var upper = 0, lower = 0, firstUpper = false, hyphen = false
            var ascii = true
            if kind == .word {
                for k in s..<e where bytes[k] >= 0x80 { ascii = false; break }
                if ascii {
                    for k in s..<e {
                        let b = bytes[k]
                        if b >= 65 && b <= 90 { upper += 1 } else if b >= 97 && b <= 122 { lower += 1 } else if b == 45 { hyphen = true }
                    }
                    firstUpper = bytes[s] >= 65 && bytes[s] <= 90
                } else {
                    for scalar in text.unicodeScalars {
                        if scalar.properties.isUppercase { upper += 1 } else if scalar.properties.isLowercase { lower += 1 }
                        else if scalar == "-" { hyphen = true }
                    }
                    firstUpper = text.unicodeScalars.first?.properties.isUppercase ?? false
                }
            }
            // Punctuation needs no folding ("“", "–" are their own keys).
            // A lower-case ASCII word is its own key: no second string to build.
            let key = kind == .punctuation || (kind == .word && ascii && upper == 0) ? text : TextKey.fold(bytes[s..<e])
            let token = Token(kind: kind, text: text, key: key, keyHash: TextKey.hash(key), start: s, end: e,
                              spaceBefore: spaceBefore, sentenceStart: atBoundary && kind == .word,
                              isCapitalised: firstUpper, isAllCaps: upper >= 2 && lower == 0,
                              looksLikeAcronym: upper >= 2 && e - s <= 8, isHyphenated: hyphen)
            tokens.append(token)
            spaceBefore = false
        }

        while i < n {
            let b = bytes[i]
            if b == 32 || b == 9 || b == 10 || b == 13 { spaceBefore = true; i += 1; continue }
            if let mb = multiBytePunctuation(bytes, i) {
                if mb.isSpace { spaceBefore = true; i += mb.length; continue }
                // ’ between letters joins a word; handled in the word loop. Here it stands alone.
                let isDash = bytes[i + 1] == 0x80 && (bytes[i + 2] == 0x93 || bytes[i + 2] == 0x94)
                let isBullet = bytes[i + 1] == 0x80 && bytes[i + 2] == 0xA2
                emit(.punctuation, i, i + mb.length)
                if isBullet || (isDash && tokens.count == 1) { atBoundary = true }
                i += mb.length
                continue
            }
            if isDigit(b) {
                let s = i
                while i < n, isDigit(bytes[i]) { i += 1 }
                // ISO date 2025-07-05.
                if i - s == 4, i + 5 < n, bytes[i] == 45, isDigit(bytes[i + 1]), isDigit(bytes[i + 2]),
                   bytes[i + 3] == 45, isDigit(bytes[i + 4]), isDigit(bytes[i + 5]) {
                    i += 6
                } else {
                    // 26/11, 1,500, 3.5: a joiner between digits.
                    while i + 1 < n, bytes[i] == 47 || bytes[i] == 44 || bytes[i] == 46, isDigit(bytes[i + 1]) {
                        i += 1
                        while i < n, isDigit(bytes[i]) { i += 1 }
                    }
                }
                // 1980s, 5th: letters glued to digits stay in the number.
                while i < n, isASCIILetter(bytes[i]) { i += 1 }
                emit(.number, s, i)
                atBoundary = false
                continue
            }
            if isLetter(bytes, i) {
                let s = i
                var possessiveAt: Int? = nil
                var segmentStart = s
                while i < n {
                    if isASCIILetter(bytes[i]) || isDigit(bytes[i]) { i += 1; continue }
                    if bytes[i] >= 0xC0, isLetter(bytes, i) { i = scalarEnd(bytes, i); continue }
                    // Hyphen or & between letters/digits: Indo-US, Lashkar-e-Taiba, J&K, IS-K.
                    if (bytes[i] == 45 || bytes[i] == 38), i + 1 < n, isLetter(bytes, i + 1) || isDigit(bytes[i + 1]) {
                        i += 1; segmentStart = i; continue
                    }
                    // Abbreviation dots: U.S., U.N., U.S.A. (single capitals between dots).
                    if bytes[i] == 46, i - segmentStart == 1, bytes[segmentStart] >= 65, bytes[segmentStart] <= 90 {
                        let opensAbbreviation = i + 2 < n && isASCIILetter(bytes[i + 1]) && bytes[i + 2] == 46
                        let closesAbbreviation = segmentStart > s && bytes[segmentStart - 1] == 46
                        if opensAbbreviation || closesAbbreviation {
                            i += 1; segmentStart = i
                            if closesAbbreviation && !opensAbbreviation { break }
                            continue
                        }
                    }
                    let apos = apostrophe(bytes, i)
                    if apos > 0, isLetter(bytes, i + apos) {
                        // Possessive 's stays a token of its own: Pakistan’s -> Pakistan + ’s.
                        let after = i + apos
                        if (bytes[after] == 115 || bytes[after] == 83), !isLetter(bytes, after + 1) {
                            possessiveAt = i
                            break
                        }
                        i = after
                        segmentStart = i
                        continue
                    }
                    break
                }
                emit(.word, s, i)
                atBoundary = false
                if let p = possessiveAt {
                    let e = p + apostrophe(bytes, p) + 1
                    emit(.possessive, p, e)
                    i = e
                } else if i < n, apostrophe(bytes, i) > 0, i > 0, bytes[i - 1] == 115 || bytes[i - 1] == 83,
                          !isLetter(bytes, i + apostrophe(bytes, i)) {
                    // Plural possessive: terrorists' -> terrorists + '.
                    let e = i + apostrophe(bytes, i)
                    emit(.possessive, i, e)
                    i = e
                }
                continue
            }
            // One ASCII punctuation mark (or an unexpected byte).
            let e = b < 0x80 ? i + 1 : scalarEnd(bytes, i)
            emit(.punctuation, i, e)
            switch b {
            case 33, 63, 58, 59: atBoundary = true                  // ! ? : ;
            case 46:                                                 // .
                if let previous = tokens.dropLast().last, previous.kind == .word,
                   abbreviations.contains(previous.key) {
                    // "Mr." does not end a sentence.
                } else {
                    atBoundary = true
                }
            case 45 where tokens.count == 1: atBoundary = true       // "- bullet"
            default: break
            }
            i = e
        }
        return tokens
    }
}
