import Foundation

/// Folds surface text to the key used for every lookup: "Türkiye’s" and "TURKIYE's" meet.
///
/// ASCII (nearly all news text) takes a byte loop; only text with other characters pays
/// for Foundation's diacritic folding.
enum TextKey {
    /// Lower-cases, straightens curly apostrophes and folds diacritics.
    static func fold(_ bytes: ArraySlice<UInt8>) -> String {
        // Fast path: ASCII plus curly apostrophes (E2 80 98 / E2 80 99), folded byte by byte.
        var simple = true
        var k = bytes.startIndex
        while k < bytes.endIndex {
            let b = bytes[k]
            if b < 0x80 { k += 1; continue }
            if b == 0xE2, k + 2 < bytes.endIndex, bytes[k + 1] == 0x80, bytes[k + 2] == 0x98 || bytes[k + 2] == 0x99 {
                k += 3; continue
            }
            simple = false
            break
        }
        if simple {
            return String(unsafeUninitializedCapacity: bytes.count) { buffer in
                var out = 0
                var k = bytes.startIndex
                while k < bytes.endIndex {
                    let b = bytes[k]
                    if b == 0xE2 { buffer[out] = 39; k += 3 } else { buffer[out] = b >= 65 && b <= 90 ? b + 32 : b; k += 1 }
                    out += 1
                }
                return out
            }
        }
        let text = String(decoding: bytes, as: UTF8.self)
            .replacingOccurrences(of: "\u{2019}", with: "'")
            .replacingOccurrences(of: "\u{2018}", with: "'")
        return text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// The hash of a key that `Token.keyHash` holds and `KeyTable` looks keys up by: FNV-1a
    /// over the key's UTF-8 bytes, finalised so that its low bits pick `HashSlots` buckets well.
    static func hash(_ key: String) -> UInt64 {
        let fnv = key.utf8.withContiguousStorageIfAvailable { FeatureHash.fnv($0) } ?? FeatureHash.fnv(key.utf8)
        return FeatureHash.finalise(fnv)
    }

    /// Folds a whole string (used when loading data, not per token).
    static func fold(_ text: String) -> String { fold(ArraySlice(Array(text.utf8))) }

    /// The keys of a phrase as the tokenizer would produce them ("People’s Party" ->
    /// `people`, `'s`, `party`), so data and text are split the same way.
    static func keys(of phrase: String) -> [String] {
        Tokenizer.tokenize(phrase).map(\.key)
    }
}
