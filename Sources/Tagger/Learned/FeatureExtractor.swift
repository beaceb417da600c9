/// Turns a sentence into the feature hashes of each token: the features known to carry
/// named-entity recognition in news (Ratinov & Roth 2009; Turian et al. 2010).
///
/// Word forms and shapes in a ±2 window, prefixes and suffixes, capitalisation against the
/// position in the sentence and against an all-caps headline, Brown-cluster prefixes of the
/// word and its neighbours, and known-name membership. Features depend on the input only,
/// never on predicted labels, so each sentence is extracted once.
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
        var output = [UInt64]()
        output.reserveCapacity(tokens.count * Self.featuresPerToken)
        tokens.withUnsafeBufferPointer { tokens in
            withSentence(tokens, capitalisedInDocument: { capitalisedInDocument.contains($0) }) { sentence in
                for i in 0..<tokens.count { sentence.features(of: i) { output.append($0) } }
            }
        }
        return output
    }

    /// Calls `body` with the sentence's per-token context, which `Sentence.features(of:_:)`
    /// reads. The context lives in temporary (stack) memory for the duration of `body`: the
    /// labeller extracts every sentence of every passage, so nothing is allocated per sentence.
    @inline(__always)
    func withSentence<Result>(_ tokens: UnsafeBufferPointer<TokenText>, capitalisedInDocument: (UInt64) -> Bool,
                              _ body: (Sentence) -> Result) -> Result {
        let count = tokens.count
        // Window values at positions -2 ..< count + 2 (index = position + 2), cluster prefixes
        // at positions -1 ..< count + 1 (4 per position), and three per-token columns.
        let window = count + 4
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 4 * window + 4 * (count + 2) + 3 * count) { memory in
            let base = memory.baseAddress!
            let lower = base, lowerMixed = base + window, shape = base + 2 * window, shapeMixed = base + 3 * window
            let cluster = base + 4 * window
            let columns = cluster + 4 * (count + 2)
            let membership = columns, membershipMixed = columns + count, elsewhere = columns + 2 * count
            for p in 0..<window {
                let i = p - 2
                lower[p] = i < 0 ? Sentence.boundary : i >= count ? Sentence.boundaryAfter : tokens[i].lowerHash
                shape[p] = i < 0 ? Sentence.boundary : i >= count ? Sentence.boundaryAfter : tokens[i].shapeHash
                lowerMixed[p] = FeatureHash.finalise(lower[p])
                shapeMixed[p] = FeatureHash.finalise(shape[p])
            }
            for p in 0..<(count + 2) {
                let i = p - 1
                let found = i >= 0 && i < count ? clusters.cluster(of: tokens[i]) : nil
                for level in 0..<4 {
                    if let found {
                        cluster[p * 4 + level] = clusters.prefixHashes[found * 4 + level]
                    } else {
                        cluster[p * 4 + level] = i < 0 ? Sentence.boundary : i >= count ? Sentence.boundaryAfter : 0
                    }
                }
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
                                 shapeMixed: shapeMixed, cluster: cluster, membership: membership,
                                 membershipMixed: membershipMixed, elsewhere: elsewhere))
        }
    }

    /// A sentence's tokens with the context their features read, computed once per sentence:
    /// the ±2 window of word and shape hashes (with sentence-boundary stand-ins), cluster
    /// prefixes, name membership, and the first half of every bigram's hash
    /// (`FeatureHash.feature(_:mixedFirst:_:)`), which neighbouring tokens share.
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
        /// Position p's four cluster-prefix hashes at (p + 1) * 4 (0 for a word without a cluster).
        let cluster: UnsafeMutablePointer<UInt64>
        /// Per token: the membership value (`NameList.membership`), its finalised form, and
        /// whether the document capitalises the word elsewhere (0 or 1).
        let membership: UnsafeMutablePointer<UInt64>
        let membershipMixed: UnsafeMutablePointer<UInt64>
        let elsewhere: UnsafeMutablePointer<UInt64>

        /// Passes token `i`'s `featuresPerToken` features to `emit`, in template order (the
        /// order the shipped model's keys were made in: never change it, nor any template).
        @inline(__always)
        func features(of i: Int, _ emit: (UInt64) -> Void) {
            let token = tokens[i]
            let count = tokens.count
            let w = i + 2  // window index of position i
            let c = (i + 1) * 4  // cluster index of position i
            let mixedCluster1 = FeatureHash.finalise(cluster[c + 1])
            @inline(__always) func add(_ template: UInt8, _ value: UInt64) { emit(FeatureHash.feature(template, value)) }
            @inline(__always) func add(_ template: UInt8, mixed first: UInt64, _ second: UInt64) {
                emit(FeatureHash.feature(template, mixedFirst: first, second))
            }
            add(0, 0)                                               // bias
            add(1, token.lowerHash)
            add(2, token.exactHash)
            add(3, lower[w - 1])
            add(4, lower[w + 1])
            add(5, lower[w - 2])
            add(6, lower[w + 2])
            add(7, mixed: lowerMixed[w - 1], token.lowerHash)
            add(8, mixed: lowerMixed[w], lower[w + 1])
            add(9, token.shapeHash)
            add(10, shape[w - 1])
            add(11, shape[w + 1])
            add(12, mixed: shapeMixed[w - 1], token.shapeHash)
            add(13, mixed: shapeMixed[w], shape[w + 1])
            add(14, token.prefixHashes.0); add(15, token.prefixHashes.1)
            add(16, token.prefixHashes.2); add(17, token.prefixHashes.3)
            add(18, token.suffixHashes.0); add(19, token.suffixHashes.1)
            add(20, token.suffixHashes.2); add(21, token.suffixHashes.3)
            let initial: UInt64 = i == 0 ? 1 : 0
            add(22, UInt64(token.casing.rawValue) << 1 | initial)
            add(23, mixed: FeatureHash.finalise(headline ? 1 : 0), token.shapeHash)
            add(24, cluster[c]); add(25, cluster[c + 1]); add(26, cluster[c + 2]); add(27, cluster[c + 3])
            add(28, cluster[c - 4]); add(29, cluster[c - 3]); add(30, cluster[c - 2]); add(31, cluster[c - 1])
            add(32, cluster[c + 4]); add(33, cluster[c + 5]); add(34, cluster[c + 6]); add(35, cluster[c + 7])
            add(36, membership[i])
            add(37, i > 0 ? membership[i - 1] : 99)
            add(38, i + 1 < count ? membership[i + 1] : 99)
            add(39, mixed: lowerMixed[w - 1], token.shapeHash)
            add(40, mixed: shapeMixed[w], lower[w + 1])
            add(41, mixed: membershipMixed[i], token.lowerHash)
            // Capitalised elsewhere in the document (not at a sentence start), against how
            // the token itself is written and where.
            add(42, elsewhere[i] << 4 | UInt64(token.casing.rawValue) << 1 | (headline || i == 0 ? 1 : 0))
            add(43, mixed: mixedCluster1, lower[w - 1])
            add(44, mixed: mixedCluster1, lower[w + 1])
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
