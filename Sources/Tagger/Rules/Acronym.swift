/// Decides whether an acronym abbreviates a name: "LeT" and "Lashkar-e-Taiba", "NACTA"
/// and "National Counter Terrorism Authority", "PPP" and "Pakistan People's Party".
enum Acronym {
    /// True when the acronym's letters can be read, in order, from the name: the first
    /// letter is the first word's initial, every other letter is a later word's initial or
    /// a later letter of the current word, and every word but particles and connectors
    /// contributes its initial; or, for three letters or more, when they are the initials
    /// of the name's words in another order (an acronym from the name's own language).
    static func abbreviates(_ acronym: String, _ words: [String], particles: Set<String>) -> Bool {
        let letters = Array(acronym.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic })
        var parts: [(initial: Unicode.Scalar, rest: [Unicode.Scalar], optional: Bool)] = []
        for word in words {
            for piece in Tokenizer.hyphenParts(word) {
                let scalars = Array(String(piece).lowercased().unicodeScalars.filter { $0.properties.isAlphabetic })
                guard let first = scalars.first else { continue }
                let key = String(piece).lowercased()
                let optional = particles.contains(key) || ["of", "and", "for", "the", "s", "in", "on", "at", "to"].contains(key)
                parts.append((first, Array(scalars.dropFirst()), optional))
            }
        }
        guard !letters.isEmpty, !parts.isEmpty else { return false }
        // An acronym of the name in its own language, whose word order differs: "Brazilian
        // Coffee Institute (IBC)" (Instituto Brasileiro do Café), "Revolutionary Armed
        // Forces of Colombia (FARC)". Every word's initial once, in any order; three
        // letters at least, so that two-letter codes do not match by chance.
        let initials = parts.filter { !$0.optional }.map(\.initial.value)
        if letters.count >= 3, initials.count == letters.count, initials.sorted() == letters.map(\.value).sorted() {
            return true
        }
        guard letters[0] == parts[0].initial else { return false }

        // Depth-first over (letter index, part index, position inside the part).
        func match(_ l: Int, _ p: Int, _ inner: Int) -> Bool {
            if l == letters.count {
                // Remaining parts must all be optional.
                return parts[(p + 1)...].allSatisfy(\.optional)
            }
            // Next letter from inside the current part.
            var k = inner
            while k < parts[p].rest.count {
                if parts[p].rest[k] == letters[l], match(l + 1, p, k + 1) { return true }
                k += 1
            }
            // Or from a later part's initial, skipping only optional parts.
            var q = p + 1
            while q < parts.count {
                if parts[q].initial == letters[l], match(l + 1, q, 0) { return true }
                if !parts[q].optional { break }
                q += 1
            }
            return false
        }
        return match(1, 0, 0)
    }
}
