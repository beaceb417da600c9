import Foundation

/// Writes the JSON trees of the output writers byte for byte as
/// `JSONSerialization.data(withJSONObject:options: [.sortedKeys, .withoutEscapingSlashes,
/// .fragmentsAllowed])` does, several times faster.
///
/// Why: Foundation sorts every object's keys with a locale-aware ICU comparison and bridges
/// each dictionary to `NSDictionary`; profiling `dossier serve` on the 200k benchmark index put
/// 70% of a search request's time there (BENCHMARKS.md). Here each distinct key set is ordered
/// once, with the very comparison Foundation uses, and the order is remembered; strings are
/// escaped as Foundation escapes them. Numbers other than `Int` and anything this encoder does
/// not know are handed to Foundation itself, so no value is ever written differently.
enum JSONText {
    /// The encoded text, or nil when Foundation must encode the value (it has a type this
    /// encoder does not handle and Foundation rejects it as a fragment).
    static func encode(_ value: Any) -> String? {
        var out = ""
        out.reserveCapacity(1024)
        guard write(value, into: &out) else { return nil }
        return out
    }

    private static func write(_ value: Any, into out: inout String) -> Bool {
        switch value {
        case let string as String:
            writeString(string, into: &out)
        case let bool as Bool:
            out += bool ? "true" : "false"
        case let int as Int:
            out += String(int)
        case let object as [String: Any]:
            out += "{"
            var first = true
            for key in order(of: object) {
                if !first { out += "," }
                first = false
                writeString(key, into: &out)
                out += ":"
                guard write(object[key]!, into: &out) else { return false }
            }
            out += "}"
        case let array as [Any]:
            out += "["
            for (index, element) in array.enumerated() {
                if index > 0 { out += "," }
                guard write(element, into: &out) else { return false }
            }
            out += "]"
        case is NSNull:
            out += "null"
        default:
            // Doubles and the rest: Foundation's own formatting.
            guard let data = try? JSONSerialization.data(
                withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed]) else { return false }
            out += String(decoding: data, as: UTF8.self)
        }
        return true
    }

    /// Foundation's escaping (`JSONWriter.serializeString`, slashes unescaped).
    private static func writeString(_ string: String, into out: inout String) {
        out += "\""
        var plain = true
        for byte in string.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C {
            plain = false
            break
        }
        if plain {
            out += string
        } else {
            for scalar in string.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\u{8}": out += "\\b"
                case "\u{c}": out += "\\f"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{0}"..."\u{f}": out += "\\u000" + String(scalar.value, radix: 16)
                case "\u{10}"..."\u{1f}": out += "\\u00" + String(scalar.value, radix: 16)
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var orders: [[String]: [String]] = [:]

    /// The keys of `object` in Foundation's `.sortedKeys` order, computed once per key set.
    private static func order(of object: [String: Any]) -> [String] {
        let keys = object.keys.sorted()
        lock.lock()
        if let known = orders[keys] {
            lock.unlock()
            return known
        }
        lock.unlock()
        // The comparison swift-corelibs-foundation's JSONSerialization sorts keys with.
        let sorted = keys.sorted { a, b in
            a.compare(b, options: [.numeric, .caseInsensitive, .forcedOrdering], range: a.startIndex..<a.endIndex, locale: NSLocale.system)
                == .orderedAscending
        }
        lock.lock()
        // Key sets are the writers' field names (and facet kinds): few. A bound keeps a
        // long-running server from growing this if some object ever had data-derived keys.
        if orders.count < 4_096 { orders[keys] = sorted }
        lock.unlock()
        return sorted
    }
}
