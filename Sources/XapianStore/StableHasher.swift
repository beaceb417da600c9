import Foundation

/// 64-bit FNV-1a over bytes, fed whole or in pieces: the one stable hash of the index (file
/// fingerprints, article-id sets, shortened terms and keys). Unlike Swift's `Hasher` it gives
/// the same value in every process, so what it wrote can be compared on the next run.
public struct StableHasher: Sendable {
    private var hash: UInt64 = 0xcbf2_9ce4_8422_2325

    /// A hasher that has seen no bytes.
    public init() {}

    /// Adds `bytes`; feeding a text in pieces gives the same value as feeding it whole.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var h = hash
        for byte in bytes {
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01b3
        }
        hash = h
    }

    /// Adds the UTF-8 bytes of `text`.
    public mutating func update(_ text: String) {
        var h = hash
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01b3
        }
        hash = h
    }

    /// The hash of everything added.
    public var value: UInt64 { hash }

    /// The hash as 16 hex digits.
    public var hex: String {
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

extension IndexSchema {
    /// The stable hash (`StableHasher`) of `text` as 16 hex digits.
    public static func stableHash(_ text: String) -> String {
        var hasher = StableHasher()
        hasher.update(text)
        return hasher.hex
    }

    /// The stable hash (`StableHasher`) of `text`'s UTF-8 bytes.
    public static func stableHashValue(_ text: String) -> UInt64 {
        var hasher = StableHasher()
        hasher.update(text)
        return hasher.value
    }

    /// The stable hash (`StableHasher`) of `data` as 16 hex digits: a file's fingerprint.
    public static func stableHash(_ data: Data) -> String {
        var hasher = StableHasher()
        data.withUnsafeBytes { hasher.update($0) }
        return hasher.hex
    }
}

extension IndexSchema {
    /// The file naming a sharded index's shards, one per line in Xapian's stub database format
    /// (`auto shard0`, `remote HOST:PORT`): Xapian opens a directory holding it, or the file
    /// itself, as one database of all the shards it lists.
    public static let stubFileName = "XAPIANDB"

    /// The directory, inside a sharded index, of shard `index`.
    public static func shardDirectoryName(_ index: Int) -> String { "shard\(index)" }

    /// The shard an article's passages are written to, among `count` shards: its article id's
    /// stable hash, mixed, modulo `count`, so an article always lands in the same shard,
    /// whatever the order or the run it is indexed in.
    ///
    /// FNV-1a's low bits are poorly mixed (its lowest bit is the parity of the bytes' lowest
    /// bits, so ids made of the same bytes in another order always shared a shard of two); the
    /// SplitMix64 finaliser spreads every bit of the hash over the ones the modulo reads.
    public static func shard(ofArticle articleID: String, among count: Int) -> Int {
        precondition(count > 0, "an index has at least one shard")
        var z = stableHashValue(articleID)
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        z ^= z >> 31
        return Int(z % UInt64(count))
    }
}
