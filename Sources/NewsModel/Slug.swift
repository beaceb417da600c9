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
        var pendingDash = false
        for byte in name.utf8 {
            var kept: UInt8? = nil
            if byte >= 65 && byte <= 90 { kept = byte + 32 } else if (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) || byte >= 0x80 { kept = byte }
            if let kept {
                if pendingDash && !bytes.isEmpty { bytes.append(45) }
                pendingDash = false
                bytes.append(kept)
            } else {
                pendingDash = true
            }
        }
        if bytes.count > 200 {
            bytes = Array(bytes.prefix(200))
            while let last = bytes.last, last & 0xC0 == 0x80 { bytes.removeLast() }
            if let last = bytes.last, last >= 0xC0 { bytes.removeLast() }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
