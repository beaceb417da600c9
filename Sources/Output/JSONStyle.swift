import Foundation

/// The one JSON style of Dossier's machine output: keys sorted (stable byte for byte), slashes
/// unescaped, and `format_version` (`OutputFormat.version`) at the top of every document.
/// Documents read in a terminal (statistics, the index summary) are pretty-printed; streamed
/// ones (search, count, batch rows, actors) are compact, one value per line.
public enum JSONStyle {
    /// The layout of a document.
    public enum Layout: Sendable {
        /// One line.
        case compact
        /// Indented, one key per line.
        case pretty
    }

    /// The key every document carries.
    public static let versionKey = "format_version"

    /// Serialises one JSON value (a dictionary, array, string, number, bool or `NSNull`).
    public static func text(_ value: Any, layout: Layout = .compact) -> String {
        // Compact text is the hot path of every search answer: `JSONText` writes the same bytes
        // without Foundation's per-object key sort (BENCHMARKS.md, the serve profile).
        if layout == .compact, let text = JSONText.encode(value) { return text }
        var options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed]
        if layout == .pretty { options.insert(.prettyPrinted) }
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: options) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    /// `object` with `format_version` added: the top level of every JSON document.
    public static func versioned(_ object: [String: Any]) -> [String: Any] {
        var object = object
        object[versionKey] = OutputFormat.version
        return object
    }

    /// A document: `object` with `format_version`, serialised, then a newline.
    public static func document(_ object: [String: Any], layout: Layout = .compact) -> String {
        text(versioned(object), layout: layout) + "\n"
    }

    /// The encoder for `Encodable` rows and documents, in this style.
    public static func encoder(layout: Layout = .compact) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = layout == .pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// An `Encodable` value as a JSON object, so it can be versioned and serialised in this style.
    public static func object(_ value: some Encodable) throws -> [String: Any] {
        let data = try JSONEncoder().encode(value)
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
}
