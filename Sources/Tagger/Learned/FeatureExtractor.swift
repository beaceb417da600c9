/// Turns a sentence into the feature hashes of each token: the features known to carry
/// named-entity recognition in news (Ratinov & Roth 2009; Turian et al. 2010).
///
/// Word forms and shapes in a ±2 window, prefixes and suffixes, capitalisation against the
/// position in the sentence and against an all-caps headline, Brown-cluster prefixes of the
/// word and its neighbours, and known-name membership. Features depend on the input only,
/// never on predicted labels, so each sentence is extracted once.
///
/// Of a token's 47 features, 31 depend on one word alone — the token's own form, shape,
/// affixes and cluster, or a neighbour's form, shape or cluster in its place in the window —
/// (`WordSlot`), 6 on a small number alone (bias, casing, membership: `Sentence.features`
/// says which), and 11 are bigrams. The labeller looks the first kind up once per distinct
/// word of an article (`LearnedLabeller.Vocabulary`) and the second once per model; the
/// trainer hashes them all. Both read the one list of templates in `Sentence.features`.
public struct FeatureExtractor: Sendable {
    /// The word clusters the cluster features read.
    public let clusters: WordClusters
    /// The known names the membership features read.
    public let names: NameList

    /// The feature count per token (the same for every token).
    public static let featuresPerToken = 47

    /// Creates an extractor.
    public init(clusters: WordClusters, names: NameList) {
        self.clusters = clusters
        self.names = names
    }

    /// The features of every token, `featuresPerToken` per token, token after token.
    ///
    /// - Parameter capitalisedInDocument: lower-case hashes of words the document writes
    ///   capitalised away from a sentence start; tells a headline's or a sentence-initial
    ///   word's name use from its common use.
    public func features(of tokens: [TokenText], capitalisedInDocument: Set<UInt64> = []) -> [UInt64] {
        let count = tokens.count
        var output = [UInt64]()
        output.reserveCapacity(count * Self.featuresPerToken)
        // Every window position's word features (boundary stand-ins at -2, -1, count, count + 1).
        let slots = WordSlot.count
        var words = [UInt64](repeating: 0, count: (count + 4) * slots)
        let values = tokens.map { WindowValues(of: $0, clusters: clusters) }
        for p in 0..<(count + 4) {
            let i = p - 2
            let value = i < 0 ? WindowValues.before : i >= count ? WindowValues.after : values[i]
            let token = i >= 0 && i < count ? tokens[i] : nil
            var slot = 0
            FeatureExtractor.wordFeatures(of: token, value) { words[p * slots + slot] = $0; slot += 1 }
        }
        tokens.withUnsafeBufferPointer { tokens in
            values.withUnsafeBufferPointer { values in
                withSentence(tokens, values: { values[$0] }, capitalisedInDocument: { capitalisedInDocument.contains($0) }) { sentence in
                    for i in 0..<count {
                        sentence.features(of: i, word: { p, slot in output.append(words[(p + 2) * slots + slot.rawValue]) },
                                          small: { template, value in output.append(FeatureHash.feature(template, UInt64(value))) },
                                          hashed: { output.append($0) })
                    }
                }
            }
        }
        return output
    }

    /// What one word puts in the window of the tokens around it: its lower-case and shape
    /// hashes, their finalised forms (the first half of a bigram's hash,
    /// `FeatureHash.feature(_:mixedFirst:_:)`), and its four cluster-prefix hashes (0 for a
    /// word without a cluster). The same word always gives the same values.
    struct WindowValues {
        var lower: UInt64
        var lowerMixed: UInt64
        var shape: UInt64
        var shapeMixed: UInt64
        var cluster: (UInt64, UInt64, UInt64, UInt64)
        /// `finalise(cluster.1)`, the first half of the cluster bigrams (templates 43, 44).
        var cluster1Mixed: UInt64

        /// The values of a token.
        @inline(__always)
        init(of token: TokenText, clusters: WordClusters) {
            let found = clusters.cluster(of: token)
            let c: (UInt64, UInt64, UInt64, UInt64)
            if let found {
                c = clusters.prefixHashes.withUnsafeBufferPointer { ($0[found * 4], $0[found * 4 + 1], $0[found * 4 + 2], $0[found * 4 + 3]) }
            } else {
                c = (0, 0, 0, 0)
            }
            self.init(lower: token.lowerHash, shape: token.shapeHash, cluster: c)
        }

        init(lower: UInt64, shape: UInt64, cluster: (UInt64, UInt64, UInt64, UInt64)) {
            self.lower = lower
            self.lowerMixed = FeatureHash.finalise(lower)
            self.shape = shape
            self.shapeMixed = FeatureHash.finalise(shape)
            self.cluster = cluster
            self.cluster1Mixed = FeatureHash.finalise(cluster.1)
        }

        /// The stand-in for the words before the sentence start, and after its end.
        static let before = WindowValues(lower: Sentence.boundary, shape: Sentence.boundary,
                                         cluster: (Sentence.boundary, Sentence.boundary, Sentence.boundary, Sentence.boundary))
        static let after = WindowValues(lower: Sentence.boundaryAfter, shape: Sentence.boundaryAfter,
                                        cluster: (Sentence.boundaryAfter, Sentence.boundaryAfter, Sentence.boundaryAfter, Sentence.boundaryAfter))
    }

    /// The features that depend on one word alone, in the order `wordFeatures` gives them:
    /// the word's own (as the token being labelled) and the ones it gives a neighbour.
    enum WordSlot: Int {
        /// As the token itself: lower case (template 1), as written (2), shape (9), the four
        /// prefixes (14–17) and suffixes (18–21), the shape in ordinary text and in a
        /// headline (23), the four cluster prefixes (24–27).
        case lower, exact, shape, prefix1, prefix2, prefix3, prefix4, suffix1, suffix2, suffix3, suffix4
        case shapeInText, shapeInHeadline, cluster1, cluster2, cluster3, cluster4
        /// As the word before the token: lower case (3), shape (10), cluster prefixes (28–31).
        case previousLower, previousShape, previousCluster1, previousCluster2, previousCluster3, previousCluster4
        /// As the word after it: lower case (4), shape (11), cluster prefixes (32–35).
        case nextLower, nextShape, nextCluster1, nextCluster2, nextCluster3, nextCluster4
        /// Two words before (5) and after (6): lower case.
        case twoBeforeLower, twoAfterLower

        /// The number of slots.
        static let count = 31
        /// The first slot a neighbour's word fills (a boundary stand-in fills only these).
        static let firstNeighbour = WordSlot.previousLower.rawValue
    }

    /// Passes a word's `WordSlot.count` one-word features to `emit`, in slot order; `token`
    /// nil for a boundary stand-in, whose own slots (never read) are then 0.
    @inline(__always)
    static func wordFeatures(of token: TokenText?, _ value: WindowValues, _ emit: (UInt64) -> Void) {
        @inline(__always) func add(_ template: UInt8, _ value: UInt64) { emit(FeatureHash.feature(template, value)) }
        if let token {
            add(1, token.lowerHash)
            add(2, token.exactHash)
            add(9, token.shapeHash)
            add(14, token.prefixHashes.0); add(15, token.prefixHashes.1)
            add(16, token.prefixHashes.2); add(17, token.prefixHashes.3)
            add(18, token.suffixHashes.0); add(19, token.suffixHashes.1)
            add(20, token.suffixHashes.2); add(21, token.suffixHashes.3)
            emit(FeatureHash.feature(23, mixedFirst: FeatureHash.finalise(0), token.shapeHash))
            emit(FeatureHash.feature(23, mixedFirst: FeatureHash.finalise(1), token.shapeHash))
            add(24, value.cluster.0); add(25, value.cluster.1); add(26, value.cluster.2); add(27, value.cluster.3)
        } else {
            for _ in 0..<WordSlot.firstNeighbour { emit(0) }
        }
        add(3, value.lower)
        add(10, value.shape)
        add(28, value.cluster.0); add(29, value.cluster.1); add(30, value.cluster.2); add(31, value.cluster.3)
        add(4, value.lower)
        add(11, value.shape)
        add(32, value.cluster.0); add(33, value.cluster.1); add(34, value.cluster.2); add(35, value.cluster.3)
        add(5, value.lower)
        add(6, value.lower)
    }

    /// Calls `body` with the sentence's per-token context, which `Sentence.features(of:word:small:hashed:)`
    /// reads; `values(i)` gives token i's `WindowValues`. The context lives in temporary
    /// (stack) memory for the duration of `body`: the labeller extracts every sentence of
    /// every passage, so nothing is allocated per sentence.
    @inline(__always)
    func withSentence<Result>(_ tokens: UnsafeBufferPointer<TokenText>, values: (Int) -> WindowValues,
                              capitalisedInDocument: (UInt64) -> Bool, _ body: (Sentence) -> Result) -> Result {
        let count = tokens.count
        // Window values at positions -2 ..< count + 2 (index = position + 2), and four
        // per-token columns.
        let window = count + 4
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 4 * window + 4 * count) { memory in
            let base = memory.baseAddress!
            let lower = base, lowerMixed = base + window, shape = base + 2 * window, shapeMixed = base + 3 * window
            let columns = base + 4 * window
            let membership = columns, membershipMixed = columns + count, elsewhere = columns + 2 * count
            let cluster1Mixed = columns + 3 * count
            for p in 0..<window {
                let i = p - 2
                let value = i < 0 ? WindowValues.before : i >= count ? WindowValues.after : values(i)
                lower[p] = value.lower; lowerMixed[p] = value.lowerMixed
                shape[p] = value.shape; shapeMixed[p] = value.shapeMixed
                if i >= 0 && i < count { cluster1Mixed[i] = value.cluster1Mixed }
            }
            membership.initialize(repeating: 0, count: count)
            names.membership(tokens) { i, value in membership[i] = UInt64(value) }
            var allCapitalsSomewhere = false, noLowerCase = true
            for i in 0..<count {
                membershipMixed[i] = FeatureHash.finalise(membership[i])
                elsewhere[i] = capitalisedInDocument(tokens[i].lowerHash) ? 1 : 0
                let casing = tokens[i].casing
                if casing == .lower || casing == .mixed { noLowerCase = false }
                if casing == .allCapitals { allCapitalsSomewhere = true }
            }
            let headline = noLowerCase && allCapitalsSomewhere && count > 1
            return body(Sentence(tokens: tokens, headline: headline, lower: lower, lowerMixed: lowerMixed, shape: shape,
                                 shapeMixed: shapeMixed, cluster1Mixed: cluster1Mixed, membership: membership,
                                 membershipMixed: membershipMixed, elsewhere: elsewhere))
        }
    }

    /// A sentence's tokens with the context their features read, computed once per sentence:
    /// the ±2 window of word and shape hashes (with sentence-boundary stand-ins) and their
    /// finalised forms, each token's finalised cluster prefix, name membership, and whether
    /// the document capitalises the word elsewhere.
    struct Sentence {
        /// Stand-ins for the words before the sentence start and after its end.
        static let boundary: UInt64 = 0x5bd1_e995_0000_0001
        static let boundaryAfter: UInt64 = 0x5bd1_e995_0000_0002

        let tokens: UnsafeBufferPointer<TokenText>
        /// Whether the sentence reads as an all-caps headline: no lower-case word, some word
        /// in capitals, more than one token.
        let headline: Bool
        /// Position p's word hash (lower case) and shape at index p + 2, and their finalised forms.
        let lower: UnsafeMutablePointer<UInt64>
        let lowerMixed: UnsafeMutablePointer<UInt64>
        let shape: UnsafeMutablePointer<UInt64>
        let shapeMixed: UnsafeMutablePointer<UInt64>
        /// Per token: `WindowValues.cluster1Mixed`, the membership value
        /// (`NameList.membership`), its finalised form, and whether the document capitalises
        /// the word elsewhere (0 or 1).
        let cluster1Mixed: UnsafeMutablePointer<UInt64>
        let membership: UnsafeMutablePointer<UInt64>
        let membershipMixed: UnsafeMutablePointer<UInt64>
        let elsewhere: UnsafeMutablePointer<UInt64>

        /// Token `i`'s `featuresPerToken` features, in template order (the order the shipped
        /// model's keys were made in and its scores are summed in: never change it, nor any
        /// template), each through the callback for its kind:
        ///
        /// - `word(position, slot)`: the one-word feature `slot` (`wordFeatures`) of the word
        ///   at `position` (-2 ..< count + 2; outside the sentence, the boundary stand-ins);
        /// - `small(template, value)`: `FeatureHash.feature(template, value)`, value < 128;
        /// - `hashed(feature)`: any other feature, hashed here.
        @inline(__always)
        func features(of i: Int, word: (Int, WordSlot) -> Void, small: (UInt8, UInt8) -> Void, hashed: (UInt64) -> Void) {
            let token = tokens[i]
            let count = tokens.count
            let w = i + 2  // window index of position i
            @inline(__always) func add(_ template: UInt8, mixed first: UInt64, _ second: UInt64) {
                hashed(FeatureHash.feature(template, mixedFirst: first, second))
            }
            small(0, 0)                                             // bias
            word(i, .lower)                                         // 1
            word(i, .exact)                                         // 2
            word(i - 1, .previousLower)                             // 3
            word(i + 1, .nextLower)                                 // 4
            word(i - 2, .twoBeforeLower)                            // 5
            word(i + 2, .twoAfterLower)                             // 6
            add(7, mixed: lowerMixed[w - 1], token.lowerHash)
            add(8, mixed: lowerMixed[w], lower[w + 1])
            word(i, .shape)                                         // 9
            word(i - 1, .previousShape)                             // 10
            word(i + 1, .nextShape)                                 // 11
            add(12, mixed: shapeMixed[w - 1], token.shapeHash)
            add(13, mixed: shapeMixed[w], shape[w + 1])
            word(i, .prefix1); word(i, .prefix2); word(i, .prefix3); word(i, .prefix4)  // 14–17
            word(i, .suffix1); word(i, .suffix2); word(i, .suffix3); word(i, .suffix4)  // 18–21
            let initial: UInt8 = i == 0 ? 1 : 0
            small(22, token.casing.rawValue << 1 | initial)
            word(i, headline ? .shapeInHeadline : .shapeInText)     // 23
            word(i, .cluster1); word(i, .cluster2); word(i, .cluster3); word(i, .cluster4)  // 24–27
            word(i - 1, .previousCluster1); word(i - 1, .previousCluster2)                  // 28–31
            word(i - 1, .previousCluster3); word(i - 1, .previousCluster4)
            word(i + 1, .nextCluster1); word(i + 1, .nextCluster2)                          // 32–35
            word(i + 1, .nextCluster3); word(i + 1, .nextCluster4)
            small(36, UInt8(truncatingIfNeeded: membership[i]))
            small(37, i > 0 ? UInt8(truncatingIfNeeded: membership[i - 1]) : 99)
            small(38, i + 1 < count ? UInt8(truncatingIfNeeded: membership[i + 1]) : 99)
            add(39, mixed: lowerMixed[w - 1], token.shapeHash)
            add(40, mixed: shapeMixed[w], lower[w + 1])
            add(41, mixed: membershipMixed[i], token.lowerHash)
            // Capitalised elsewhere in the document (not at a sentence start), against how
            // the token itself is written and where.
            small(42, UInt8(truncatingIfNeeded: elsewhere[i]) << 4 | token.casing.rawValue << 1 | (headline || i == 0 ? 1 : 0))
            add(43, mixed: cluster1Mixed[i], lower[w - 1])
            add(44, mixed: cluster1Mixed[i], lower[w + 1])
            add(45, mixed: lowerMixed[w - 2], lower[w - 1])
            add(46, mixed: lowerMixed[w + 1], lower[w + 2])
        }
    }

    /// The lower-case hashes of the words a document writes capitalised away from a sentence
    /// start and outside all-caps lines, for `features(of:capitalisedInDocument:)`.
    public static func capitalisedWords(in sentences: [[TokenText]]) -> Set<UInt64> {
        var words = Set<UInt64>()
        for sentence in sentences where !sentence.allSatisfy({ $0.casing != .lower }) {
            for token in sentence.dropFirst() where token.casing == .initialCapital {
                words.insert(token.lowerHash)
            }
        }
        return words
    }
}
