/// The learned sequence labeller: finds PER, ORG, LOC and MISC spans in a tokenised sentence.
///
/// A first-order linear model (trained as an averaged perceptron by `PerceptronTrainer`)
/// decoded exactly by Viterbi. Weights are looked up by feature hash in an open-addressing
/// table built once at load; a lookup touches one or two slots.
public struct LearnedLabeller: Sendable {
    /// The feature extractor, with the clusters and names the model was trained with.
    public let extractor: FeatureExtractor
    /// Open-addressing table of feature hashes (0: empty slot).
    let slotKeys: [UInt64]
    /// The weight row of each slot.
    let slotRows: [Int32]
    /// `EntityLabel.count` weights per row.
    let weights: [Float]
    /// Transition scores, see `Viterbi.decode`.
    let transitions: [Float]
    /// A description of how the model was trained (corpus digests, seed, options).
    public let provenance: String

    /// Builds a labeller from feature hashes and their weight rows.
    ///
    /// - Parameters:
    ///   - features: feature hashes, one per row of `weights`.
    ///   - weights: `features.count * EntityLabel.count` weights.
    init(extractor: FeatureExtractor, features: [UInt64], weights: [Float], transitions: [Float], provenance: String) {
        self.extractor = extractor
        self.weights = weights
        self.transitions = transitions
        self.provenance = provenance
        var capacity = 16
        while capacity < features.count * 2 { capacity <<= 1 }
        var keys = [UInt64](repeating: 0, count: capacity)
        var rows = [Int32](repeating: -1, count: capacity)
        let mask = capacity - 1
        for (row, feature) in features.enumerated() {
            var slot = Int(truncatingIfNeeded: feature) & mask
            while keys[slot] != 0 && keys[slot] != feature { slot = (slot + 1) & mask }
            keys[slot] = feature
            rows[slot] = Int32(row)
        }
        slotKeys = keys
        slotRows = rows
    }

    /// The number of features with weights.
    public var featureCount: Int { weights.count / EntityLabel.count }

    /// The labels of a sentence's tokens (see `EntityLabel`).
    public func labels(of tokens: [TokenText], capitalisedInDocument: Set<UInt64> = []) -> [Int] {
        let features = extractor.features(of: tokens, capitalisedInDocument: capitalisedInDocument)
        let labels = EntityLabel.count
        var emissions = [Float](repeating: 0, count: tokens.count * labels)
        let mask = slotKeys.count - 1
        slotKeys.withUnsafeBufferPointer { keys in
            slotRows.withUnsafeBufferPointer { rows in
                weights.withUnsafeBufferPointer { weights in
                    emissions.withUnsafeMutableBufferPointer { emissions in
                        for i in 0..<tokens.count {
                            let base = i * labels
                            for f in (i * FeatureExtractor.featuresPerToken)..<((i + 1) * FeatureExtractor.featuresPerToken) {
                                let feature = features[f]
                                var slot = Int(truncatingIfNeeded: feature) & mask
                                while keys[slot] != 0 && keys[slot] != feature { slot = (slot + 1) & mask }
                                guard keys[slot] == feature else { continue }
                                let row = Int(rows[slot]) * labels
                                for y in 0..<labels { emissions[base + y] += weights[row + y] }
                            }
                        }
                    }
                }
            }
        }
        return emissions.withUnsafeBufferPointer { emissions in
            transitions.withUnsafeBufferPointer { transitions in
                Viterbi.decode(emissions: emissions, count: tokens.count, transitions: transitions)
            }
        }
    }

    /// The spans of a sentence's tokens.
    public func spans(of tokens: [TokenText], capitalisedInDocument: Set<UInt64> = []) -> [EntitySpan] {
        EntityLabel.spans(labels(of: tokens, capitalisedInDocument: capitalisedInDocument))
    }
}
