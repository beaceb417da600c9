/// An open-addressing table from 64-bit hashes to small integers, built once and then only
/// read: the model's feature, word-cluster and name tables.
///
/// The hashes are already well mixed (see `FeatureHash`), so the low bits pick a slot
/// directly and no `Hasher` (SipHash) runs per lookup. Linear probing over line-aligned
/// memory (eight keys to a 64-byte cache line), filled to between 35 and 70 %: the labeller
/// makes about 30 lookups per token in a table larger than the core's cache, many of them
/// for features the model does not have, so a lookup must cost one line and few compares.
/// A key's run starts at its own slot, not at the start of its line: a miss then stops at
/// the first empty slot after it (one or two compares at 35 %), where a run from the line's
/// start passed every key of the line first; a run reaches the next line only when it
/// starts near the line's end.
struct HashSlots: Sendable {
    private let storage: Storage
    /// The number of entries.
    let count: Int

    /// Key 0 marks an empty slot; a real 0 hash is stored under this stand-in.
    private static let zeroKey: UInt64 = 0x9e37_79b9_7f4a_7c15
    /// Line-aligned memory for the keys and their values; written only while building.
    private final class Storage: @unchecked Sendable {
        // Sendable: the buffers are filled in `HashSlots.init` before the storage is shared and
        // never written again.
        let keys: UnsafeMutablePointer<UInt64>
        let values: UnsafeMutablePointer<Int32>
        let capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            let raw = UnsafeMutableRawPointer.allocate(byteCount: capacity * 8, alignment: 64)
            keys = raw.initializeMemory(as: UInt64.self, repeating: 0, count: capacity)
            values = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
            values.initialize(repeating: 0, count: capacity)
        }

        deinit {
            UnsafeMutableRawPointer(keys).deallocate()
            values.deallocate()
        }
    }

    /// Builds the table; a later duplicate key replaces the value of an earlier one.
    init(keys entries: [UInt64], values entryValues: [Int32]) {
        var capacity = 16
        while capacity * 7 < entries.count * 10 { capacity <<= 1 }
        let storage = Storage(capacity: capacity)
        var count = 0
        for (key, value) in zip(entries, entryValues) {
            let key = key == 0 ? HashSlots.zeroKey : key
            var slot = Int(truncatingIfNeeded: key) & (capacity - 1)
            while storage.keys[slot] != 0 && storage.keys[slot] != key { slot = (slot + 1) & (capacity - 1) }
            if storage.keys[slot] == 0 { count += 1 }
            storage.keys[slot] = key
            storage.values[slot] = value
        }
        self.storage = storage
        self.count = count
    }

    /// The value stored under `key`, or nil.
    @inline(__always)
    func value(_ key: UInt64) -> Int32? {
        let key = key == 0 ? HashSlots.zeroKey : key
        let keys = storage.keys
        let last = storage.capacity - 1
        var slot = Int(truncatingIfNeeded: key) & last
        while true {
            let stored = keys[slot]
            if stored == key { return storage.values[slot] }
            if stored == 0 { return nil }
            slot = (slot &+ 1) & last
        }
    }
}
