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
        let count = tokens.count
        var output = [UInt64]()
        output.reserveCapacity(count * Self.featuresPerToken)
        let membership = names.membership(tokens)
        let clusterOf = tokens.map { clusters.cluster(of: $0) }
        let headline = tokens.allSatisfy { $0.casing != .lower && $0.casing != .mixed }
            && tokens.contains { $0.casing == .allCapitals } && count > 1
        let boundary: UInt64 = 0x5bd1_e995_0000_0001
        let boundaryAfter: UInt64 = 0x5bd1_e995_0000_0002
        @inline(__always) func lower(_ i: Int) -> UInt64 {
            i < 0 ? boundary : i >= count ? boundaryAfter : tokens[i].lowerHash
        }
        @inline(__always) func shape(_ i: Int) -> UInt64 {
            i < 0 ? boundary : i >= count ? boundaryAfter : tokens[i].shapeHash
        }
        @inline(__always) func clusterPrefix(_ i: Int, _ level: Int) -> UInt64 {
            guard i >= 0, i < count, let cluster = clusterOf[i] else { return i < 0 ? boundary : i >= count ? boundaryAfter : 0 }
            return clusters.prefixHashes[cluster][level]
        }
        for i in 0..<count {
            let token = tokens[i]
            var t: UInt8 = 0
            @inline(__always) func add(_ value: UInt64) { output.append(FeatureHash.feature(t, value)); t += 1 }
            @inline(__always) func add(_ a: UInt64, _ b: UInt64) { output.append(FeatureHash.feature(t, a, b)); t += 1 }
            add(0)                                  // 0 bias
            add(token.lowerHash)                    // 1
            add(token.exactHash)                    // 2
            add(lower(i - 1))                       // 3
            add(lower(i + 1))                       // 4
            add(lower(i - 2))                       // 5
            add(lower(i + 2))                       // 6
            add(lower(i - 1), token.lowerHash)      // 7
            add(token.lowerHash, lower(i + 1))      // 8
            add(token.shapeHash)                    // 9
            add(shape(i - 1))                       // 10
            add(shape(i + 1))                       // 11
            add(shape(i - 1), token.shapeHash)      // 12
            add(token.shapeHash, shape(i + 1))      // 13
            add(token.prefixHashes.0); add(token.prefixHashes.1)     // 14, 15
            add(token.prefixHashes.2); add(token.prefixHashes.3)     // 16, 17
            add(token.suffixHashes.0); add(token.suffixHashes.1)     // 18, 19
            add(token.suffixHashes.2); add(token.suffixHashes.3)     // 20, 21
            let initial: UInt64 = i == 0 ? 1 : 0
            add(UInt64(token.casing.rawValue) << 1 | initial)        // 22
            add(headline ? 1 : 0, token.shapeHash)                   // 23
            for level in 0..<4 { add(clusterPrefix(i, level)) }      // 24...27
            for level in 0..<4 { add(clusterPrefix(i - 1, level)) }  // 28...31
            for level in 0..<4 { add(clusterPrefix(i + 1, level)) }  // 32...35
            add(UInt64(membership[i]))                               // 36
            add(i > 0 ? UInt64(membership[i - 1]) : 99)              // 37
            add(i + 1 < count ? UInt64(membership[i + 1]) : 99)      // 38
            add(lower(i - 1), token.shapeHash)                       // 39
            add(token.shapeHash, lower(i + 1))                       // 40
            add(UInt64(membership[i]), token.lowerHash)              // 41
            // Capitalised elsewhere in the document (not at a sentence start), against how
            // the token itself is written and where.
            let elsewhere: UInt64 = capitalisedInDocument.contains(token.lowerHash) ? 1 : 0
            add(elsewhere << 4 | UInt64(token.casing.rawValue) << 1 | (headline || i == 0 ? 1 : 0)) // 42
            add(clusterPrefix(i, 1), lower(i - 1))                   // 43
            add(clusterPrefix(i, 1), lower(i + 1))                   // 44
            add(lower(i - 2), lower(i - 1))                          // 45
            add(lower(i + 1), lower(i + 2))                          // 46
        }
        return output
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
