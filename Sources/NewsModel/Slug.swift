/// Folds names to slugs: the stable identity of an actor or a source in the index, in facets and
/// in exports (`Tahawwur Rana` → `tahawwur-rana`, `Dawn` → `dawn`).
///
/// The one owner of the rule. ASCII letters are lower-cased, ASCII digits and every non-ASCII
/// byte are kept, and any other run of bytes becomes one `-` between kept bytes; a slug is cut
/// at 200 bytes on a character boundary (Xapian limits a term to 245 bytes). The baseline tools
/// in `bench/` apply the same rule, so their facets compare value for value.
public enum Slug {
    /// The slug of `name`; empty when `name` has no letter, digit or non-ASCII character.
    public static func fold(_ name: String) -> String {
        var bytes: [UInt8] = []
        folded(name) { bytes.append($0); return true }
        if bytes.count > maximumBytes {
            bytes = Array(bytes.prefix(maximumBytes))
            while let last = bytes.last, last & 0xC0 == 0x80 { bytes.removeLast() }
            if let last = bytes.last, last >= 0xC0 { bytes.removeLast() }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `fold(name) == slug`, without building the slug: the tagger asks it of every
    /// mention (is this actor the outlet that published the article?), and most answers are
    /// "no" at the first byte.
    public static func fold(_ name: String, equals slug: String) -> Bool {
        // A slug cut at `maximumBytes` keeps at least `maximumBytes - 4` of them (one partial
        // UTF-8 sequence dropped), so below that length the cut cannot matter: any longer
        // output differs from `slug`, cut or not.
        guard slug.utf8.count < maximumBytes - 4 else { return fold(name) == slug }
        var expected = slug.utf8.makeIterator()
        var equal = true
        folded(name) { byte in
            equal = expected.next() == byte
            return equal
        }
        return equal && expected.next() == nil
    }

    /// The most bytes a slug keeps.
    private static let maximumBytes = 200

    /// Passes the bytes of `name`'s slug (before the cut at `maximumBytes`) to `emit`, until
    /// `emit` returns false: letters and digits lower-cased, non-ASCII bytes kept, every run
    /// of other bytes between kept ones one dash.
    @inline(__always)
    private static func folded(_ name: String, _ emit: (UInt8) -> Bool) {
        var pendingDash = false
        var emitted = false
        for byte in name.utf8 {
            var kept: UInt8? = nil
            if byte >= 65 && byte <= 90 { kept = byte + 32 } else if (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) || byte >= 0x80 { kept = byte }
            if let kept {
                if pendingDash && emitted { guard emit(45) else { return } }
                pendingDash = false
                guard emit(kept) else { return }
                emitted = true
            } else {
                pendingDash = true
            }
        }
    }
}
