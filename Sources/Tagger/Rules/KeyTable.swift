/// A table from token keys (`Token.key`) to values, looked up by the key's hash
/// (`TextKey.hash`), which the tokenizer computes once per token (`Token.keyHash`): the rule
/// stage asks several of these per word, and a `Dictionary<String, _>` would run a `Hasher`
/// over the key's bytes for every one of them.
///
/// Built once, then only read. A hit is confirmed by comparing the key itself, and keys that
/// share a hash are chained, so the answers are exactly a dictionary's.
struct KeyTable<Value> {
    /// Key hash to the first entry with that hash.
    private let firstOfHash: HashSlots
    /// The keys, in the order given.
    let keys: [String]
    private let values: [Value]
    /// The next entry with the same hash, or -1.
    private let nextOfSameHash: [Int32]

    /// Builds the table from distinct keys (a duplicate key is a programming error and traps).
    init(_ entries: some Sequence<(key: String, value: Value)>) {
        self.init(entries, keepingFirstOfDuplicates: false)
    }

    /// Builds the table; with `keepingFirstOfDuplicates` a repeated key keeps its first value,
    /// otherwise it traps.
    private init(_ entries: some Sequence<(key: String, value: Value)>, keepingFirstOfDuplicates: Bool) {
        var keys: [String] = [], values: [Value] = []
        for (key, value) in entries {
            keys.append(key)
            values.append(value)
        }
        let hashes = keys.map(TextKey.hash)
        // Fed last to first, each hash keeps its first entry (a later duplicate replaces an
        // earlier one in `HashSlots`).
        let slots = HashSlots(keys: hashes.reversed(), values: keys.indices.reversed().map { Int32($0) })
        // Chain the entries that share a hash with an earlier one: a repeated key, or (in
        // practice never: 64-bit hashes of some thousands of keys) another key.
        var next = [Int32](repeating: -1, count: keys.count)
        for index in keys.indices {
            var at = Int(slots.value(hashes[index])!)
            guard at != index else { continue }
            var repeated = false
            while true {
                if keys[at] == keys[index] { repeated = true; break }
                if next[at] < 0 { break }
                at = Int(next[at])
            }
            // A repeated key is never reached: lookups stop at its first entry.
            precondition(!repeated || keepingFirstOfDuplicates, "KeyTable: duplicate key \(keys[index])")
            if !repeated { next[at] = Int32(index) }
        }
        firstOfHash = slots
        self.keys = keys
        self.values = values
        nextOfSameHash = next
    }

    /// The value stored under `key`, whose `TextKey.hash` is `hash`.
    @inline(__always)
    func value(_ key: String, hash: UInt64) -> Value? {
        guard let first = firstOfHash.value(hash) else { return nil }
        var index = Int(first)
        while index >= 0 {
            if keys[index] == key { return values[index] }
            index = Int(nextOfSameHash[index])
        }
        return nil
    }

    /// The value stored under a token's key.
    @inline(__always)
    func value(_ token: Token) -> Value? { value(token.key, hash: token.keyHash) }

    /// The value stored under `key` (hashing it here: for keys that are not a token's).
    func value(_ key: String) -> Value? { value(key, hash: TextKey.hash(key)) }

    /// The number of keys.
    var count: Int { keys.count }
}

extension KeyTable: Sendable where Value: Sendable {}

extension KeyTable: ExpressibleByArrayLiteral where Value == Void {
    /// A set of keys written out, which may repeat.
    init(arrayLiteral keys: String...) {
        self.init(repeatedKeys: keys)
    }
}

extension KeyTable where Value == Void {
    /// A set of distinct keys.
    init(keys: some Sequence<String>) {
        self.init(keys.lazy.map { (key: $0, value: ()) })
    }

    /// A set of keys, which may repeat (the words an article capitalises).
    init(repeatedKeys keys: some Sequence<String>) {
        self.init(keys.lazy.map { (key: $0, value: ()) }, keepingFirstOfDuplicates: true)
    }

    /// Whether the table holds a token's key.
    @inline(__always)
    func contains(_ token: Token) -> Bool { value(token) != nil }

    /// Whether the table holds `key`.
    func contains(_ key: String) -> Bool { value(key) != nil }
}
