/// Stable 64-bit hashing of feature identities, with no `String` built per feature.
///
/// Features are hashed, not interned: a feature is a template number mixed with one or two
/// precomputed token hashes (FNV-1a over the token's UTF-8 bytes), so extraction costs a few
/// multiplications per feature. The values are stable across runs and machines (unlike
/// Swift's seeded `Hasher`), which the shipped model's keys depend on.
public enum FeatureHash {
    /// FNV-1a 64-bit offset basis.
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    /// FNV-1a 64-bit prime.
    public static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// FNV-1a over `bytes`, continuing from `hash`.
    @inlinable
    public static func fnv<S: Sequence>(_ bytes: S, from hash: UInt64 = offsetBasis) -> UInt64 where S.Element == UInt8 {
        var hash = hash
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= prime
        }
        return hash
    }

    /// The SplitMix64 finaliser: spreads every input bit over the output.
    @inlinable
    public static func finalise(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A feature made of a template and one value. Never 0 (0 marks an empty table slot).
    @inlinable
    public static func feature(_ template: UInt8, _ value: UInt64) -> UInt64 {
        let mixed = finalise(value &+ UInt64(template) &* 0x9e37_79b9_7f4a_7c15)
        return mixed == 0 ? 1 : mixed
    }

    /// A feature made of a template and two values (a bigram).
    @inlinable
    public static func feature(_ template: UInt8, _ first: UInt64, _ second: UInt64) -> UInt64 {
        feature(template, mixedFirst: finalise(first), second)
    }

    /// The bigram `feature(template, first, second)` from `finalise(first)`, for a caller
    /// that reuses one finalised value in several bigrams (`FeatureExtractor.Sentence`).
    @inlinable
    static func feature(_ template: UInt8, mixedFirst: UInt64, _ second: UInt64) -> UInt64 {
        feature(template, mixedFirst ^ (second &* 0xc2b2_ae3d_27d4_eb4f))
    }
}
