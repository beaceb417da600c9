/// Trains a `LearnedLabeller` as an averaged structured perceptron (Collins 2002).
///
/// Deterministic: sentences are visited in an order shuffled by a seeded SplitMix64
/// generator, features get rows in order of first appearance, and arithmetic is in a fixed
/// order, so the same corpus, options and seed give the same weights bit for bit.
public struct PerceptronTrainer {
    /// What training does.
    public struct Options: Sendable, Equatable {
        /// Passes over the training sentences.
        public var epochs: Int = 10
        /// The shuffling seed.
        public var seed: UInt64 = 12
        /// Features seen fewer times in the training data get no weight.
        public var minimumFeatureCount: Int = 1
        /// Creates the default options.
        public init() {}
    }

    /// The feature extractor.
    public let extractor: FeatureExtractor
    /// The options.
    public let options: Options

    /// Creates a trainer.
    public init(extractor: FeatureExtractor, options: Options) {
        self.extractor = extractor
        self.options = options
    }

    /// A sentence ready for training or scoring: its tokens and their feature hashes.
    public struct PreparedSentence: Sendable {
        /// The tokens.
        public let tokens: [TokenText]
        /// The gold labels.
        public let labels: [Int]
        /// `FeatureExtractor.featuresPerToken` features per token.
        public let features: [UInt64]
        /// The document-level set the features were computed with.
        public let capitalisedInDocument: Set<UInt64>
    }

    /// Extracts every sentence's features once.
    public func prepare(_ documents: [LabelledDocument]) -> [PreparedSentence] {
        var prepared: [PreparedSentence] = []
        for document in documents {
            let sentences = document.sentences.map { $0.words.map { TokenText($0) } }
            let capitalised = FeatureExtractor.capitalisedWords(in: sentences)
            for (tokens, sentence) in zip(sentences, document.sentences) {
                prepared.append(PreparedSentence(
                    tokens: tokens, labels: sentence.labels,
                    features: extractor.features(of: tokens, capitalisedInDocument: capitalised),
                    capitalisedInDocument: capitalised))
            }
        }
        return prepared
    }

    /// Trains on `sentences`; calls `afterEpoch` with the epoch number (from 1) and the
    /// averaged model so far, and returns the averaged model after the last epoch.
    ///
    /// - Parameter frequentWords: the words the model keeps for its labeller's shared
    ///   vocabulary (`LearnedLabeller.frequentWords(in:count:)`); no weight depends on them.
    public func train(_ sentences: [PreparedSentence], provenance: String, frequentWords: [TokenText],
                      afterEpoch: (Int, LearnedLabeller) -> Void = { _, _ in }) -> LearnedLabeller {
        let labels = EntityLabel.count
        let perToken = FeatureExtractor.featuresPerToken

        // Rows in order of first appearance, for features seen often enough.
        var counts: [UInt64: Int32] = [:]
        for sentence in sentences { for feature in sentence.features { counts[feature, default: 0] += 1 } }
        var rowOf: [UInt64: Int32] = [:]
        var features: [UInt64] = []
        for sentence in sentences {
            for feature in sentence.features where rowOf[feature] == nil && counts[feature]! >= options.minimumFeatureCount {
                rowOf[feature] = Int32(features.count)
                features.append(feature)
            }
        }
        counts = [:]
        let rows: [[Int32]] = sentences.map { $0.features.map { rowOf[$0] ?? -1 } }
        rowOf = [:]

        var weights = [Float](repeating: 0, count: features.count * labels)
        var accumulated = [Double](repeating: 0, count: features.count * labels)
        var transitions = [Float](repeating: 0, count: (labels + 1) * labels)
        var transitionsAccumulated = [Double](repeating: 0, count: (labels + 1) * labels)
        var step: Double = 1
        var generator = SplitMix64(seed: options.seed)
        var order = Array(sentences.indices)
        var emissions: [Float] = []

        func averaged() -> LearnedLabeller {
            let average = zip(weights, accumulated).map { Float(Double($0) - $1 / step) }
            let averageTransitions = zip(transitions, transitionsAccumulated).map { Float(Double($0) - $1 / step) }
            return LearnedLabeller(extractor: extractor, features: features, weights: average,
                                   transitions: averageTransitions, provenance: provenance, frequentWords: frequentWords)
        }

        for epoch in 1...max(options.epochs, 1) {
            // Fisher–Yates with the seeded generator.
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                let j = Int(generator.next() % UInt64(i + 1))
                order.swapAt(i, j)
            }
            for index in order {
                let sentence = sentences[index]
                let count = sentence.tokens.count
                let sentenceRows = rows[index]
                emissions = [Float](repeating: 0, count: count * labels)
                for i in 0..<count {
                    for f in (i * perToken)..<((i + 1) * perToken) where sentenceRows[f] >= 0 {
                        let row = Int(sentenceRows[f]) * labels
                        for y in 0..<labels { emissions[i * labels + y] += weights[row + y] }
                    }
                }
                let predicted = emissions.withUnsafeBufferPointer { emissions in
                    transitions.withUnsafeBufferPointer { transitions in
                        Viterbi.decode(emissions: emissions, count: count, transitions: transitions)
                    }
                }
                let gold = sentence.labels
                if predicted != gold {
                    for i in 0..<count {
                        let g = gold[i], p = predicted[i]
                        if g != p {
                            for f in (i * perToken)..<((i + 1) * perToken) where sentenceRows[f] >= 0 {
                                let row = Int(sentenceRows[f]) * labels
                                weights[row + g] += 1; accumulated[row + g] += step
                                weights[row + p] -= 1; accumulated[row + p] -= step
                            }
                        }
                        let goldPrevious = i == 0 ? labels : gold[i - 1]
                        let predictedPrevious = i == 0 ? labels : predicted[i - 1]
                        if goldPrevious != predictedPrevious || g != p {
                            transitions[goldPrevious * labels + g] += 1
                            transitionsAccumulated[goldPrevious * labels + g] += step
                            transitions[predictedPrevious * labels + p] -= 1
                            transitionsAccumulated[predictedPrevious * labels + p] -= step
                        }
                    }
                }
                step += 1
            }
            afterEpoch(epoch, averaged())
        }
        return averaged()
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a small seeded generator, the same on every platform.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    /// Creates a generator from a seed.
    public init(seed: UInt64) { state = seed }
    /// The next value.
    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        return FeatureHash.finalise(state)
    }
}
