extension LearnedLabeller {
    /// A stable digest of the trained model: its feature keys, weights, transitions and
    /// provenance. Two labellers with the same digest label alike; `NewsTagger.fingerprint`
    /// carries it, so an index notices a new model. Read once per tagger: it walks the whole
    /// model (a few megabytes), eight bytes at a time.
    public var digest: UInt64 {
        var hash = FeatureHash.offsetBasis
        features.withUnsafeBytes { hash = Self.mix($0, into: hash) }
        weights.withUnsafeBytes { hash = Self.mix($0, into: hash) }
        transitions.withUnsafeBytes { hash = Self.mix($0, into: hash) }
        return FeatureHash.finalise(FeatureHash.fnv(provenance.utf8, from: hash))
    }

    /// FNV-1a's step over 64-bit words, then the tail byte by byte (stable across runs and
    /// machines of one byte order, as the model file itself).
    private static func mix(_ bytes: UnsafeRawBufferPointer, into hash: UInt64) -> UInt64 {
        var hash = hash
        let words = bytes.count / 8
        for k in 0..<words {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: k * 8, as: UInt64.self)) &* FeatureHash.prime
        }
        return FeatureHash.fnv(bytes[(words * 8)...], from: hash)
    }
}
