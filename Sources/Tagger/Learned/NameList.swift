/// Known names by class, matched as whole token sequences: the gazetteer-membership feature.
///
/// Holds hashes of token sequences, never the names. A token inside the longest known name
/// that starts at or covers it gets the feature "begins/continues a known LOC/ORG/MISC".
public struct NameList: Sendable {
    /// Hashes of names' token sequences (exact case), ascending, and their classes.
    let keys: [UInt64]
    let classes: [EntityClass]
    /// Hashes of the token sequences a longer name begins with ("New" and "New York" for
    /// "New York City"), ascending: matching stops at a sequence that is neither a name nor
    /// one of these, instead of trying every length up to `longestName` at every token.
    let prefixes: [UInt64]
    /// A sequence's hash to `class.rawValue + 1` when it is a name (0 when not), plus
    /// `beginsLongerName` when a longer name begins with it.
    let table: HashSlots
    /// The most tokens in a name.
    public let longestName: Int

    /// The `table` bit of a sequence a longer name begins with.
    static let beginsLongerName: Int32 = 8

    /// Creates a list from hashed names (`key(_:)` of their tokens' exact hashes), and the
    /// hashes of every shorter sequence a name begins with (without them, no name longer
    /// than one token is found).
    public init(classOfName: [UInt64: EntityClass], prefixes: Set<UInt64>, longestName: Int) {
        let sorted = classOfName.sorted { $0.key < $1.key }
        self.init(keys: sorted.map(\.key), classes: sorted.map(\.value), prefixes: prefixes.sorted(), longestName: longestName)
    }

    /// Creates a list from name hashes in ascending order, their classes, and prefix hashes
    /// in ascending order.
    init(keys: [UInt64], classes: [EntityClass], prefixes: [UInt64], longestName: Int) {
        self.keys = keys
        self.classes = classes
        self.prefixes = prefixes
        var value: [UInt64: Int32] = [:]
        for (key, entity) in zip(keys, classes) { value[key] = Int32(entity.rawValue) + 1 }
        for key in prefixes { value[key, default: 0] |= NameList.beginsLongerName }
        // Sorted, so the table is built in the same order on every run.
        let entries = value.sorted { $0.key < $1.key }
        table = HashSlots(keys: entries.map(\.key), values: entries.map(\.value))
        self.longestName = longestName
    }

    /// A list of names, each split into tokens at spaces.
    public init(names: [(name: String, entity: EntityClass)]) {
        var table: [UInt64: EntityClass] = [:]
        var prefixes = Set<UInt64>()
        var longest = 0
        for (name, entity) in names {
            let tokens = NameList.tokens(of: name)
            guard !tokens.isEmpty else { continue }
            let hashes = tokens.map { TokenText($0).exactHash }
            let key = NameList.key(hashes)
            // The first class given wins, so the list is the same whatever the input order of duplicates.
            if table[key] == nil { table[key] = entity }
            for length in 1..<hashes.count { prefixes.insert(NameList.key(hashes.prefix(length))) }
            longest = max(longest, tokens.count)
        }
        self.init(classOfName: table, prefixes: prefixes, longestName: longest)
    }

    /// An empty list.
    public static let empty = NameList(classOfName: [:], prefixes: [], longestName: 0)

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
            // A longer name begins with every shorter sequence of its tokens, so the search
            // ends at the first sequence that begins none.
            while length < longestName, start + length < tokens.count {
                key = FeatureHash.finalise(key ^ tokens[start + length].exactHash)
                length += 1
                guard let found = table.value(key) else { break }
                let name = found & 7
                if name != 0 { matched = length; matchedClass = EntityClass(rawValue: UInt8(name - 1)) }
                if found & NameList.beginsLongerName == 0 { break }
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
