/// The learned sequence labeller: finds PER, ORG, LOC and MISC spans in a tokenised sentence.
///
/// A first-order linear model (trained as an averaged perceptron by `PerceptronTrainer`)
/// decoded exactly by Viterbi. Weights are looked up by feature hash in an open-addressing
/// table built once at load; a lookup touches one or two slots.
public struct LearnedLabeller: Sendable {
    /// The feature extractor, with the clusters and names the model was trained with.
    public let extractor: FeatureExtractor
    /// The feature hashes, one per weight row.
    let features: [UInt64]
    /// Feature hash to weight row.
    let rowOfFeature: HashSlots
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
        self.features = features
        rowOfFeature = HashSlots(keys: features, values: features.indices.map { Int32($0) })
    }

    /// The number of features with weights.
    public var featureCount: Int { weights.count / EntityLabel.count }

    /// The labels of a sentence's tokens (see `EntityLabel`).
    public func labels(of tokens: [TokenText], capitalisedInDocument: Set<UInt64> = []) -> [Int] {
        let features = extractor.features(of: tokens, capitalisedInDocument: capitalisedInDocument)
        let labels = EntityLabel.count
        var emissions = [Float](repeating: 0, count: tokens.count * labels)
        weights.withUnsafeBufferPointer { weights in
            emissions.withUnsafeMutableBufferPointer { emissions in
                for i in 0..<tokens.count {
                    let base = i * labels
                    for f in (i * FeatureExtractor.featuresPerToken)..<((i + 1) * FeatureExtractor.featuresPerToken) {
                        guard let found = rowOfFeature.value(features[f]) else { continue }
                        let row = Int(found) * labels
                        for y in 0..<labels { emissions[base + y] += weights[row + y] }
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
