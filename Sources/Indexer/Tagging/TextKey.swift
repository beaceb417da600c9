import Foundation

/// Folds surface text to the key used for every lookup: "Türkiye’s" and "TURKIYE's" meet.
///
/// ASCII (nearly all news text) takes a byte loop; only text with other characters pays
/// for Foundation's diacritic folding.
enum TextKey {
    /// Lower-cases, straightens curly apostrophes and folds diacritics.
    static func fold(_ bytes: ArraySlice<UInt8>) -> String {
        var ascii = true
        for b in bytes where b >= 0x80 { ascii = false; break }
        if ascii {
            var out = [UInt8]()
            out.reserveCapacity(bytes.count)
            for b in bytes { out.append(b >= 65 && b <= 90 ? b + 32 : b) }
            return String(decoding: out, as: UTF8.self)
        }
        let text = String(decoding: bytes, as: UTF8.self)
            .replacingOccurrences(of: "\u{2019}", with: "'")
            .replacingOccurrences(of: "\u{2018}", with: "'")
        return text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// Folds a whole string (used when loading data, not per token).
    static func fold(_ text: String) -> String { fold(ArraySlice(Array(text.utf8))) }

    /// The keys of a phrase as the tokenizer would produce them ("People’s Party" ->
    /// `people`, `'s`, `party`), so data and text are split the same way.
    static func keys(of phrase: String) -> [String] {
        Tokenizer.tokenize(phrase).map(\.key)
    }
}
