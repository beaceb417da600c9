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
    /// The weight offset (row × `EntityLabel.count`, -1 for a feature the model lacks) of
    /// every small-valued feature, `template * smallValues + value`: the bias, casing and
    /// membership templates take only a few values, so their rows are looked up once here,
    /// not per token (`FeatureExtractor.Sentence.features`' `small`).
    let smallRows: [Int32]
    /// The values `smallRows` covers per template.
    static let smallValues = 128
    /// The most frequent words of the training text (`frequentWords(in:count:)`), in the model
    /// so that their one-word features are looked up once per process, not once per article.
    /// Kept as their hashes (a `TokenText` is nothing else), like every word in the model.
    /// Not the rule stage's English vocabulary (`Gazetteer.commonWords`): these only save
    /// lookups and change no score.
    public let frequentWords: [TokenText]
    /// `frequentWords` as a vocabulary every article's vocabulary starts from.
    let frequent: Vocabulary.Frozen

    /// Builds a labeller from feature hashes and their weight rows.
    ///
    /// - Parameters:
    ///   - features: feature hashes, one per row of `weights`.
    ///   - weights: `features.count * EntityLabel.count` weights.
    ///   - frequentWords: words whose features every article's vocabulary reads from one shared
    ///     table (a cache: they change no score).
    init(extractor: FeatureExtractor, features: [UInt64], weights: [Float], transitions: [Float], provenance: String,
         frequentWords: [TokenText]) {
        self.extractor = extractor
        self.weights = weights
        self.transitions = transitions
        self.provenance = provenance
        self.features = features
        // `labels(of:)` sums the nine label scores in registers.
        precondition(EntityLabel.count == 9, "LearnedLabeller.labels(of:) assumes 9 labels")
        let rowOfFeature = HashSlots(keys: features, values: features.indices.map { Int32($0) })
        self.rowOfFeature = rowOfFeature
        var smallRows = [Int32](repeating: -1, count: FeatureExtractor.featuresPerToken * Self.smallValues)
        for template in 0..<FeatureExtractor.featuresPerToken {
            for value in 0..<Self.smallValues {
                let feature = FeatureHash.feature(UInt8(template), UInt64(value))
                if let row = rowOfFeature.value(feature) { smallRows[template * Self.smallValues + value] = row * Int32(EntityLabel.count) }
            }
        }
        self.smallRows = smallRows
        self.frequentWords = frequentWords
        var frequent = Vocabulary(capacity: frequentWords.count, frequent: nil, rowOfFeature)
        for word in frequentWords { _ = frequent.word(word, rowOfFeature, extractor.clusters) }
        self.frequent = Vocabulary.Frozen(frequent)
    }

    /// The `count` most frequent words of `documents` (ties in byte order), for
    /// `frequentWords`: what the trainer stores in the model.
    public static func frequentWords(in documents: [LabelledDocument], count: Int) -> [TokenText] {
        var counts: [String: Int] = [:]
        for document in documents {
            for sentence in document.sentences { for word in sentence.words { counts[word, default: 0] += 1 } }
        }
        return counts
            .sorted { $0.value != $1.value ? $0.value > $1.value : Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
            .prefix(count).map { TokenText($0.key) }
    }

    /// The number of features with weights.
    public var featureCount: Int { weights.count / EntityLabel.count }

    /// The weight offset of a feature (row × `EntityLabel.count`), or -1 when the model lacks it.
    @inline(__always)
    func offset(_ feature: UInt64) -> Int32 { Self.offset(feature, rowOfFeature) }

    @inline(__always)
    static func offset(_ feature: UInt64, _ rowOfFeature: HashSlots) -> Int32 {
        rowOfFeature.value(feature).map { $0 &* Int32(EntityLabel.count) } ?? -1
    }

    /// The distinct words of an article, each with its window values and the weight offsets
    /// of its one-word features (`FeatureExtractor.WordSlot`), looked up once per word: about
    /// half of an article's tokens repeat a word it already had, and 31 of a token's 47
    /// features depend on one word alone.
    ///
    /// A word is a `TokenText` value (all of its hashes), so a repeated word's features are
    /// the ones it would have been given afresh.
    struct Vocabulary: Sendable {
        /// `WordSlot.count` offsets per word, word after word.
        private(set) var offsets: [Int32] = []
        /// Each word's window values.
        private(set) var values: [FeatureExtractor.WindowValues] = []
        /// Each word's text, to tell words whose hashes collide in `table`.
        private var texts: [TokenText] = []
        /// Open addressing from a word's exact hash (multiplied, its top bits) to its index,
        /// -1 when empty; at most half full.
        private var table: [Int32] = []
        private var shift: UInt64 = 0
        /// The model's frequent words (`LearnedLabeller.frequent`), asked first: index `-1 - k`
        /// is its word `k`, so an article's vocabulary adds only the words it lacks.
        let frequent: Frozen?

        /// A vocabulary shared, unchanged, by every article.
        final class Frozen: Sendable {
            /// The words.
            let words: Vocabulary
            init(_ words: Vocabulary) { self.words = words }
        }

        /// The stand-ins for the words before a sentence and after it.
        static let before: Int32 = 0, after: Int32 = 1

        /// An empty vocabulary (but for the boundary stand-ins) with room for `capacity`
        /// words before its table grows, reading `frequent` first.
        init(capacity: Int, frequent: Frozen?, _ rowOfFeature: HashSlots) {
            self.frequent = frequent
            resize(to: capacity + 2)
            offsets.reserveCapacity((capacity + 2) * FeatureExtractor.WordSlot.count)
            values.reserveCapacity(capacity + 2)
            append(nil, FeatureExtractor.WindowValues.before, rowOfFeature)
            append(nil, FeatureExtractor.WindowValues.after, rowOfFeature)
        }

        /// An article's empty vocabulary, reading the labeller's frequent words first.
        init(capacity: Int, labeller: LearnedLabeller) {
            self.init(capacity: capacity, frequent: labeller.frequent, labeller.rowOfFeature)
        }

        @inline(__always)
        private func slot(of token: TokenText) -> Int {
            Int(truncatingIfNeeded: (token.exactHash &* 0x9e37_79b9_7f4a_7c15) >> shift)
        }

        /// The index of `token` in this vocabulary's own words, or nil.
        @inline(__always)
        private func find(_ token: TokenText) -> (index: Int32?, slot: Int) {
            let mask = table.count - 1
            var slot = slot(of: token)
            while true {
                let index = table[slot]
                if index < 0 { return (nil, slot) }
                if texts[Int(index)] == token { return (index, slot) }
                slot = (slot + 1) & mask
            }
        }

        /// The index of `token`, added when new (see `frequent` for negative indices).
        mutating func word(_ token: TokenText, _ labeller: LearnedLabeller) -> Int32 {
            word(token, labeller.rowOfFeature, labeller.extractor.clusters)
        }

        /// The index of `token`, added when new.
        mutating func word(_ token: TokenText, _ rowOfFeature: HashSlots, _ clusters: WordClusters) -> Int32 {
            if let frequent, let index = frequent.words.find(token).index { return -1 - index }
            if 2 * (texts.count + 1) > table.count { resize(to: texts.count + 1) }
            let (found, slot) = find(token)
            if let found { return found }
            let index = Int32(texts.count)
            table[slot] = index
            append(token, FeatureExtractor.WindowValues(of: token, clusters: clusters), rowOfFeature)
            return index
        }

        private mutating func append(_ token: TokenText?, _ value: FeatureExtractor.WindowValues, _ rowOfFeature: HashSlots) {
            values.append(value)
            texts.append(token ?? TokenText([]))
            // A stand-in's own slots are never read: they stay -1.
            let first = token == nil ? FeatureExtractor.WordSlot.firstNeighbour : 0
            // Into temporary memory, then one contiguous append: an append of
            // `repeatElement(-1, count:)` was not specialised, about 160 instructions a word.
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: FeatureExtractor.WordSlot.count) { out in
                var slot = 0
                FeatureExtractor.wordFeatures(of: token, value) { feature in
                    out[slot] = slot >= first ? LearnedLabeller.offset(feature, rowOfFeature) : -1
                    slot &+= 1
                }
                offsets.append(contentsOf: UnsafeBufferPointer(out))
            }
        }

        /// Makes the table at least twice `words` and reinserts the words (not the stand-ins,
        /// which are never looked up).
        private mutating func resize(to words: Int) {
            var size = 16, bits: UInt64 = 4
            while size < 2 * words { size <<= 1; bits += 1 }
            table = [Int32](repeating: -1, count: size)
            shift = 64 - bits
            let mask = size - 1
            for index in texts.indices.dropFirst(2) {
                var slot = slot(of: texts[index])
                while table[slot] >= 0 { slot = (slot + 1) & mask }
                table[slot] = Int32(index)
            }
        }
    }

    /// The labels of a sentence's tokens (see `EntityLabel`).
    public func labels(of tokens: [TokenText], capitalisedInDocument: Set<UInt64> = []) -> [Int] {
        var vocabulary = Vocabulary(capacity: tokens.count, labeller: self)
        let words = tokens.map { vocabulary.word($0, self) }
        return tokens.withUnsafeBufferPointer { tokens in
            words.withUnsafeBufferPointer { words in
                labels(of: tokens, words: words, in: vocabulary, capitalisedInDocument: { capitalisedInDocument.contains($0) })
            }
        }
    }

    /// The emission scores of each sentence's tokens (`EntityLabel.count` per token, token
    /// after token), the sentences sharing one vocabulary as an article's do: what
    /// `labels(of:)` decodes, for checking them against the trainer's `features(of:)`.
    func emissions(of sentences: [[TokenText]], capitalisedInDocument: Set<UInt64>) -> [[Float]] {
        var vocabulary = Vocabulary(capacity: 0, labeller: self)
        let words = sentences.map { $0.map { vocabulary.word($0, self) } }
        return zip(sentences, words).map { tokens, words in
            [Float](unsafeUninitializedCapacity: tokens.count * EntityLabel.count) { out, initialised in
                tokens.withUnsafeBufferPointer { tokens in
                    words.withUnsafeBufferPointer { words in
                        emissions(of: tokens, words: words, in: vocabulary,
                                  capitalisedInDocument: { capitalisedInDocument.contains($0) }, into: out.baseAddress!)
                    }
                }
                initialised = tokens.count * EntityLabel.count
            }
        }
    }

    /// The labels of a sentence's tokens, read in place (no copy of the sentence); `words`
    /// are the tokens' indices in `vocabulary`, and `capitalisedInDocument` answers whether
    /// the document capitalises a lower-case hash elsewhere (see
    /// `FeatureExtractor.features(of:capitalisedInDocument:)`).
    func labels(of tokens: UnsafeBufferPointer<TokenText>, words: UnsafeBufferPointer<Int32>, in vocabulary: Vocabulary,
                capitalisedInDocument: (UInt64) -> Bool) -> [Int] {
        let count = tokens.count
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: count * EntityLabel.count) { emissions in
            self.emissions(of: tokens, words: words, in: vocabulary, capitalisedInDocument: capitalisedInDocument,
                           into: emissions.baseAddress!)
            return transitions.withUnsafeBufferPointer { transitions in
                Viterbi.decode(emissions: UnsafeBufferPointer(emissions), count: count, transitions: transitions)
            }
        }
    }

    /// Writes the emission scores of a sentence's tokens (`EntityLabel.count` per token) to
    /// `emissions`.
    @inline(__always)
    private func emissions(of tokens: UnsafeBufferPointer<TokenText>, words: UnsafeBufferPointer<Int32>, in vocabulary: Vocabulary,
                           capitalisedInDocument: (UInt64) -> Bool, into emissions: UnsafeMutablePointer<Float>) {
        let labels = EntityLabel.count
        let perToken = FeatureExtractor.featuresPerToken
        let slots = FeatureExtractor.WordSlot.count
        let count = tokens.count
        // Token by token: each feature's weight offset is taken from the word's entry in the
        // vocabulary, the small-value table, or a lookup of its hash, then the rows are
        // summed feature by feature in template order, as ever, so the scores are bit for
        // bit what the trainer's `features(of:)` array gives.
        withUnsafeTemporaryAllocation(of: Int.self, capacity: perToken) { rows in
            withUnsafeTemporaryAllocation(of: UnsafePointer<Int32>.self, capacity: count + 4) { window in
                weights.withUnsafeBufferPointer { weights in
                    smallRows.withUnsafeBufferPointer { smallRows in
                        vocabulary.offsets.withUnsafeBufferPointer { offsets in
                            vocabulary.values.withUnsafeBufferPointer { values in
                                let shared = (vocabulary.frequent ?? frequent).words
                                shared.offsets.withUnsafeBufferPointer { frequentOffsets in
                                shared.values.withUnsafeBufferPointer { frequentValues in
                                // The entries of the words at positions -2 ..< count + 2; a
                                // negative index is a frequent word's (`Vocabulary.frequent`).
                                let base = offsets.baseAddress!, frequentBase = frequentOffsets.baseAddress!
                                window[0] = base + Int(Vocabulary.before) * slots; window[1] = window[0]
                                for i in 0..<count {
                                    let word = Int(words[i])
                                    window[i + 2] = word >= 0 ? base + word * slots : frequentBase + (-1 - word) * slots
                                }
                                window[count + 2] = base + Int(Vocabulary.after) * slots; window[count + 3] = window[count + 2]
                                extractor.withSentence(tokens, values: { i in
                                    let word = Int(words[i])
                                    return word >= 0 ? values[word] : frequentValues[-1 - word]
                                },
                                                       capitalisedInDocument: capitalisedInDocument) { sentence in
                                    for i in 0..<count {
                                        var found = 0
                                        @inline(__always) func add(_ offset: Int32) {
                                            if offset >= 0 { rows[found] = Int(offset); found &+= 1 }
                                        }
                                        sentence.features(of: i, word: { p, slot in add(window[p &+ 2][slot.rawValue]) },
                                                          small: { template, value in
                                                              add(smallRows[Int(template) &* LearnedLabeller.smallValues &+ Int(value)])
                                                          },
                                                          hashed: { add(offset($0)) })
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
                            }
                        }
                    }
                }
            }
        }
    }

    /// The spans of a sentence's tokens.
    public func spans(of tokens: [TokenText], capitalisedInDocument: Set<UInt64> = []) -> [EntitySpan] {
        EntityLabel.spans(labels(of: tokens, capitalisedInDocument: capitalisedInDocument))
    }
}
