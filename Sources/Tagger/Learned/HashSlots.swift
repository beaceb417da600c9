/// An open-addressing table from 64-bit hashes to small integers, built once and then only
/// read: the model's feature, word-cluster and name tables.
///
/// The hashes are already well mixed (see `FeatureHash`), so the low bits index the table
/// directly and a lookup touches one or two slots; no `Hasher` (SipHash) runs per lookup,
/// and building it costs two array writes per entry, which keeps model loading in milliseconds.
struct HashSlots: Sendable {
    private let keys: [UInt64]
    private let values: [Int32]
    private let mask: Int
    /// The number of entries.
    let count: Int

    /// Key 0 marks an empty slot; a real 0 hash is stored under this stand-in.
    private static let zeroKey: UInt64 = 0x9e37_79b9_7f4a_7c15

    /// Builds the table; a later duplicate key replaces the value of an earlier one.
    init(keys entries: [UInt64], values entryValues: [Int32]) {
        var capacity = 16
        while capacity < entries.count * 2 { capacity <<= 1 }
        var keys = [UInt64](repeating: 0, count: capacity)
        var values = [Int32](repeating: 0, count: capacity)
        let mask = capacity - 1
        var count = 0
        for (key, value) in zip(entries, entryValues) {
            let key = key == 0 ? HashSlots.zeroKey : key
            var slot = Int(truncatingIfNeeded: key) & mask
            while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
            if keys[slot] == 0 { count += 1 }
            keys[slot] = key
            values[slot] = value
        }
        self.keys = keys
        self.values = values
        self.mask = mask
        self.count = count
    }

    /// The value stored under `key`, or nil.
    @inline(__always)
    func value(_ key: UInt64) -> Int32? {
        let key = key == 0 ? HashSlots.zeroKey : key
        return keys.withUnsafeBufferPointer { keys in
            var slot = Int(truncatingIfNeeded: key) & mask
            while true {
                let stored = keys[slot]
                if stored == key { return values[slot] }
                if stored == 0 { return nil }
                slot = (slot + 1) & mask
            }
        }
    }
}
