/// Known names by class, matched as whole token sequences: the gazetteer-membership feature.
///
/// Holds hashes of token sequences, never the names. A token inside the longest known name
/// that starts at or covers it gets the feature "begins/continues a known LOC/ORG/MISC".
public struct NameList: Sendable {
    /// Hashes of names' token sequences (exact case), ascending, and their classes.
    let keys: [UInt64]
    let classes: [EntityClass]
    /// Name hash to class.
    let classOfName: HashSlots
    /// The most tokens in a name.
    public let longestName: Int

    /// Creates a list from hashed names.
    public init(classOfName: [UInt64: EntityClass], longestName: Int) {
        let sorted = classOfName.sorted { $0.key < $1.key }
        keys = sorted.map(\.key)
        classes = sorted.map(\.value)
        self.classOfName = HashSlots(keys: keys, values: classes.map { Int32($0.rawValue) })
        self.longestName = longestName
    }

    /// Creates a list from name hashes in ascending order and their classes.
    init(keys: [UInt64], classes: [EntityClass], longestName: Int) {
        self.keys = keys
        self.classes = classes
        classOfName = HashSlots(keys: keys, values: classes.map { Int32($0.rawValue) })
        self.longestName = longestName
    }

    /// A list of names, each split into tokens at spaces.
    public init(names: [(name: String, entity: EntityClass)]) {
        var table: [UInt64: EntityClass] = [:]
        var longest = 0
        for (name, entity) in names {
            let tokens = NameList.tokens(of: name)
            guard !tokens.isEmpty else { continue }
            let key = NameList.key(tokens.map { TokenText($0).exactHash })
            // The first class given wins, so the list is the same whatever the input order of duplicates.
            if table[key] == nil { table[key] = entity }
            longest = max(longest, tokens.count)
        }
        self.init(classOfName: table, longestName: longest)
    }

    /// An empty list.
    public static let empty = NameList(classOfName: [:], longestName: 0)

    /// The hashed names and their classes, sorted, for writing the list out.
    public var entries: [(key: UInt64, entity: EntityClass)] {
        Array(zip(keys, classes))
    }

    /// Splits a name the way CoNLL tokenises: at spaces, with a trailing comma or a
    /// possessive split off.
    static func tokens(of name: String) -> [Substring] {
        name.split(separator: " ")
    }

    /// The key of a token sequence from its tokens' exact hashes.
    static func key(_ hashes: some Sequence<UInt64>) -> UInt64 {
        var key: UInt64 = 0x2545_f491_4f6c_dd1d
        for hash in hashes { key = FeatureHash.finalise(key ^ hash) }
        return key
    }

    /// For each token a known name covers, calls `set(index, 1 + 2 * class + (continues ? 1 : 0))`
    /// (tokens it does not call for are covered by none: membership 0). The longest name
    /// starting at a token wins; matching resumes after it.
    @inline(__always)
    func membership(_ tokens: UnsafeBufferPointer<TokenText>, _ set: (Int, UInt8) -> Void) {
        guard longestName > 0 else { return }
        var start = 0
        while start < tokens.count {
            var matched = 0
            var matchedClass: EntityClass?
            var key: UInt64 = 0x2545_f491_4f6c_dd1d
            var length = 0
            while length < longestName, start + length < tokens.count {
                key = FeatureHash.finalise(key ^ tokens[start + length].exactHash)
                length += 1
                if let found = classOfName.value(key) { matched = length; matchedClass = EntityClass(rawValue: UInt8(found)) }
            }
            if let matchedClass {
                for offset in 0..<matched {
                    set(start + offset, 1 + 2 * matchedClass.rawValue + (offset > 0 ? 1 : 0))
                }
                start += matched
            } else {
                start += 1
            }
        }
    }
}
