/// One token as the labeller sees it: its UTF-8 bytes and the hashes computed from them once.
///
/// Every feature is built from these hashes, so a token's bytes are read a few times per
/// sentence, not once per feature.
public struct TokenText: Sendable {
    /// Hash of the token as written.
    public let exactHash: UInt64
    /// Hash of the token in ASCII lower case with every digit folded to 0 ("1996" = "2000").
    public let lowerHash: UInt64
    /// Hash of the token with its first letter upper case and the rest lower case.
    public let titleHash: UInt64
    /// Hash of the word shape with runs collapsed: "Xx", "X.X.", "d-d", "XxXx".
    public let shapeHash: UInt64
    /// Hashes of the lower-case prefixes of 1...4 bytes (the whole token when shorter).
    public let prefixHashes: (UInt64, UInt64, UInt64, UInt64)
    /// Hashes of the lower-case suffixes of 1...4 bytes.
    public let suffixHashes: (UInt64, UInt64, UInt64, UInt64)
    /// The capitalisation class.
    public let casing: Casing

    /// How a token is capitalised.
    public enum Casing: UInt8, Sendable {
        /// All letters lower case: "said".
        case lower
        /// First letter upper, some lower: "Reuters", "McDonald".
        case initialCapital
        /// Every letter upper case, at least one letter: "NATO", "U.S.".
        case allCapitals
        /// Has a digit: "1996", "3-1", "F-16".
        case digits
        /// No letter and no digit: ",", "--".
        case punctuation
        /// Letters, first lower, some upper: "eBay", "iPhone".
        case mixed
    }

    /// Whether the token starts with an upper-case letter (ASCII or not).
    public var isCapitalised: Bool { casing == .initialCapital || casing == .allCapitals }

    /// A token from its hashes, as the model stores its frequent words (`ModelFile`).
    init(exactHash: UInt64, lowerHash: UInt64, titleHash: UInt64, shapeHash: UInt64, prefixHashes: (UInt64, UInt64, UInt64, UInt64),
         suffixHashes: (UInt64, UInt64, UInt64, UInt64), casing: Casing) {
        self.exactHash = exactHash
        self.lowerHash = lowerHash
        self.titleHash = titleHash
        self.shapeHash = shapeHash
        self.prefixHashes = prefixHashes
        self.suffixHashes = suffixHashes
        self.casing = casing
    }

    /// Reads a token's bytes.
    public init(_ bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { TokenText(buffer: $0) }
    }

    /// Reads a token's text; a native string is read in place (no copy of its bytes per token).
    public init(_ text: some StringProtocol) {
        if let read = text.utf8.withContiguousStorageIfAvailable({ TokenText(buffer: $0) }) {
            self = read
        } else {
            self.init(Array(text.utf8))
        }
    }

    private init(buffer bytes: UnsafeBufferPointer<UInt8>) {
        // One pass over the bytes. The first four bytes also fix the prefixes (`head`), the
        // first one the title-case form; the loops after them are the same without those cases.
        var exact = FeatureHash.offsetBasis
        var lower = FeatureHash.offsetBasis
        var title = FeatureHash.offsetBasis
        var shape = FeatureHash.offsetBasis
        var lastShape: UInt8 = 0
        var upper = 0, lowerCount = 0, digitCount = 0
        // 0: no letter yet, 1: the first letter is upper case, 2: it is lower case.
        var firstLetter: UInt8 = 0
        let count = bytes.count
        var prefixes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for offset in 0..<count {
            let byte = bytes[offset]
            exact = (exact ^ UInt64(byte)) &* FeatureHash.prime
            var folded = byte
            // The shape class, 0 for a UTF-8 continuation byte (part of the letter before).
            var shapeClass: UInt8
            var hasShape = true
            if byte >= 0x61 && byte <= 0x7A {
                shapeClass = 0x78 /* x */; lowerCount &+= 1
                if firstLetter == 0 { firstLetter = 2 }
            } else if byte >= 0x41 && byte <= 0x5A {
                folded = byte | 0x20; shapeClass = 0x58 /* X */; upper &+= 1
                if firstLetter == 0 { firstLetter = 1 }
            } else if byte >= 0x30 && byte <= 0x39 {
                folded = 0x30; shapeClass = 0x64 /* d */; digitCount &+= 1
            } else if byte >= 0x80 && byte <= 0xBF {
                shapeClass = 0; hasShape = false
            } else if byte >= 0xC0 {
                // A non-ASCII letter: lower case unless it is Latin-1 upper (C3 80...9E).
                let next = offset + 1 < count ? bytes[offset + 1] : 0
                let isUpper = byte == 0xC3 && next >= 0x80 && next <= 0x9E && next != 0x97
                shapeClass = isUpper ? 0x58 : 0x78
                if isUpper { upper &+= 1 } else { lowerCount &+= 1 }
                if firstLetter == 0 { firstLetter = isUpper ? 1 : 2 }
            } else {
                shapeClass = byte
            }
            lower = (lower ^ UInt64(folded)) &* FeatureHash.prime
            let titled = offset == 0 && folded >= 0x61 && folded <= 0x7A ? folded & ~0x20 : folded
            title = (title ^ UInt64(titled)) &* FeatureHash.prime
            if hasShape && shapeClass != lastShape {
                shape = (shape ^ UInt64(shapeClass)) &* FeatureHash.prime
                lastShape = shapeClass
            }
            if offset < 4 {
                switch offset {
                case 0: prefixes = (lower, lower, lower, lower)
                case 1: prefixes.1 = lower; prefixes.2 = lower; prefixes.3 = lower
                case 2: prefixes.2 = lower; prefixes.3 = lower
                default: prefixes.3 = lower
                }
            }
        }
        if count == 0 { prefixes = (lower, lower, lower, lower) }
        // Suffixes of 1...4 bytes; a shorter token repeats its whole-token suffix.
        var suffixes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var suffix = FeatureHash.offsetBasis &+ 1
        @inline(__always) func fold(_ byte: UInt8) -> UInt8 {
            byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte >= 0x30 && byte <= 0x39 ? 0x30 : byte
        }
        if count > 0 { suffix = (suffix ^ UInt64(fold(bytes[count - 1]))) &* FeatureHash.prime }
        suffixes.0 = suffix
        if count > 1 { suffix = (suffix ^ UInt64(fold(bytes[count - 2]))) &* FeatureHash.prime }
        suffixes.1 = suffix
        if count > 2 { suffix = (suffix ^ UInt64(fold(bytes[count - 3]))) &* FeatureHash.prime }
        suffixes.2 = suffix
        if count > 3 { suffix = (suffix ^ UInt64(fold(bytes[count - 4]))) &* FeatureHash.prime }
        suffixes.3 = suffix
        exactHash = exact
        lowerHash = lower
        titleHash = title
        shapeHash = shape
        prefixHashes = prefixes
        suffixHashes = suffixes
        if digitCount > 0 {
            casing = .digits
        } else if upper + lowerCount == 0 {
            casing = .punctuation
        } else if lowerCount == 0 {
            casing = .allCapitals
        } else if firstLetter == 1 {
            casing = .initialCapital
        } else {
            casing = upper > 0 ? .mixed : .lower
        }
    }
}

extension TokenText: Equatable {
    /// Whether two tokens have the same hashes and casing, so the same features: the
    /// labeller's per-article vocabulary (`LearnedLabeller.Vocabulary`) tells its words apart
    /// by this, not by the exact hash alone.
    @inline(__always)
    public static func == (a: TokenText, b: TokenText) -> Bool {
        a.exactHash == b.exactHash && a.lowerHash == b.lowerHash && a.titleHash == b.titleHash && a.shapeHash == b.shapeHash
            && a.prefixHashes == b.prefixHashes && a.suffixHashes == b.suffixHashes && a.casing == b.casing
    }
}
