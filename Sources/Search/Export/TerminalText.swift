extension String {
    /// The text with control characters (C0, DEL and C1, except newline in `keepingNewlines`)
    /// written as `\u{1B}`: a query or a name echoed to a terminal must not move the cursor,
    /// change colours or ring the bell (`dossier search $'\e[31m'`). Every message that quotes
    /// user input goes through this, the CLI's error lines included.
    public func escapingControlCharacters(keepingNewlines: Bool = false) -> String {
        guard unicodeScalars.contains(where: { Self.isControl($0) && !(keepingNewlines && $0 == "\n") }) else { return self }
        var out = ""
        for scalar in unicodeScalars {
            if Self.isControl(scalar) && !(keepingNewlines && scalar == "\n") {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0)
    }
}
