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
        // `labels(of:)` sums the nine label scores in registers.
        precondition(EntityLabel.count == 9, "LearnedLabeller.labels(of:) assumes 9 labels")
        rowOfFeature = HashSlots(keys: features, values: features.indices.map { Int32($0) })
    }

    /// The number of features with weights.
    public var featureCount: Int { weights.count / EntityLabel.count }

    /// The labels of a sentence's tokens (see `EntityLabel`).
    public func labels(of tokens: [TokenText], capitalisedInDocument: Set<UInt64> = []) -> [Int] {
        tokens.withUnsafeBufferPointer { tokens in
            labels(of: tokens, capitalisedInDocument: { capitalisedInDocument.contains($0) })
        }
    }

    /// The labels of a sentence's tokens, read in place (no copy of the sentence);
    /// `capitalisedInDocument` answers whether the document capitalises a lower-case hash
    /// elsewhere (see `FeatureExtractor.features(of:capitalisedInDocument:)`).
    func labels(of tokens: UnsafeBufferPointer<TokenText>, capitalisedInDocument: (UInt64) -> Bool) -> [Int] {
        let labels = EntityLabel.count
        let perToken = FeatureExtractor.featuresPerToken
        let count = tokens.count
        // Token by token: each feature's weight row is looked up as soon as the feature is
        // hashed (no array of the sentence's features: independent lookups, so the processor
        // overlaps their cache misses), then the rows are summed feature by feature in
        // template order, as ever, so the scores are bit for bit what the trainer's
        // `features(of:)` array gives.
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: count * labels) { emissions in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: perToken) { rows in
                weights.withUnsafeBufferPointer { weights in
                    extractor.withSentence(tokens, capitalisedInDocument: capitalisedInDocument) { sentence in
                        for i in 0..<count {
                            var found = 0
                            sentence.features(of: i) { feature in
                                if let row = rowOfFeature.value(feature) {
                                    rows[found] = Int(row) &* labels
                                    found &+= 1
                                }
                            }
                            var e0: Float = 0, e1: Float = 0, e2: Float = 0, e3: Float = 0, e4: Float = 0
                            var e5: Float = 0, e6: Float = 0, e7: Float = 0, e8: Float = 0
                            for k in 0..<found {
                                let row = rows[k]
                                e0 += weights[row]; e1 += weights[row + 1]; e2 += weights[row + 2]
                                e3 += weights[row + 3]; e4 += weights[row + 4]; e5 += weights[row + 5]
                                e6 += weights[row + 6]; e7 += weights[row + 7]; e8 += weights[row + 8]
                            }
                            let base = i * labels
                            emissions[base] = e0; emissions[base + 1] = e1; emissions[base + 2] = e2
                            emissions[base + 3] = e3; emissions[base + 4] = e4; emissions[base + 5] = e5
                            emissions[base + 6] = e6; emissions[base + 7] = e7; emissions[base + 8] = e8
                        }
                    }
                }
            }
            return transitions.withUnsafeBufferPointer { transitions in
                Viterbi.decode(emissions: UnsafeBufferPointer(emissions), count: count, transitions: transitions)
            }
        }
    }

    /// The spans of a sentence's tokens.
    public func spans(of tokens: [TokenText], capitalisedInDocument: Set<UInt64> = []) -> [EntitySpan] {
        EntityLabel.spans(labels(of: tokens, capitalisedInDocument: capitalisedInDocument))
    }
}
