/// Brown word clusters: each known word's cluster, read as bit-string prefixes.
///
/// Prefixes of a cluster's bit string are coarser clusters (the hierarchy Brown clustering
/// builds), so a word never seen in training still shares features with words of its kind.
/// The table holds only word hashes (see `FeatureHash`), never the words.
public struct WordClusters: Sendable {
    /// The prefix lengths the features read, as recommended by Turian et al. (2010).
    public static let prefixLengths = [4, 6, 10, 20]

    /// Each cluster's bit string.
    public let bitStrings: [String]
    /// The word hashes (`TokenText.exactHash`), ascending, and each one's cluster index.
    let words: [UInt64]
    let clusterOfWords: [UInt16]
    /// Word hash to cluster index.
    let clusterOfWord: HashSlots
    /// For each cluster, the hash of each prefix length's prefix: `prefixLengths.count` per
    /// cluster, cluster after cluster (one flat array: read for every token).
    let prefixHashes: [UInt64]

    /// Creates the table from cluster bit strings and word-hash assignments.
    public init(bitStrings: [String], clusterOfWord assignments: [UInt64: UInt16]) {
        let sorted = assignments.sorted { $0.key < $1.key }
        self.init(bitStrings: bitStrings, words: sorted.map(\.key), clusters: sorted.map(\.value))
    }

    /// Creates the table from word hashes in ascending order and their clusters.
    init(bitStrings: [String], words: [UInt64], clusters: [UInt16]) {
        self.bitStrings = bitStrings
        self.words = words
        self.clusterOfWords = clusters
        self.clusterOfWord = HashSlots(keys: words, values: clusters.map { Int32($0) })
        prefixHashes = bitStrings.flatMap { bits in
            WordClusters.prefixLengths.map { length in
                FeatureHash.fnv(Array(bits.utf8.prefix(length)), from: FeatureHash.offsetBasis &+ UInt64(length))
            }
        }
    }

    /// An empty table: no word has a cluster.
    public static let empty = WordClusters(bitStrings: [], clusterOfWord: [:])

    /// The word hashes and their cluster indices, for writing the table out.
    public var assignments: [(word: UInt64, cluster: UInt16)] {
        Array(zip(words, clusterOfWords))
    }

    /// The cluster of a token: its exact form, else its lower-case form, else its title-case
    /// form (all-caps headline words are mostly in the table in one of those).
    func cluster(of token: TokenText) -> Int? {
        if let found = clusterOfWord.value(token.exactHash) ?? clusterOfWord.value(token.lowerHash)
            ?? clusterOfWord.value(token.titleHash) { return Int(found) }
        return nil
    }

    /// Reads the Brown-cluster file format (`bitstring<TAB>word<TAB>count` per line), keeping
    /// the words counted at least `minimumCount` times.
    ///
    /// Throws `TaggerError.malformed` naming the line for a line without three fields.
    public static func reading(text: String, path: String, minimumCount: Int) throws(TaggerError) -> WordClusters {
        var bitStrings: [String] = []
        var index: [Substring: UInt16] = [:]
        var assignments: [UInt64: UInt16] = [:]
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.isEmpty { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, let count = Int(fields[2]) else {
                throw .malformed(path: path, line: lineNumber, reason: "expected bitstring<TAB>word<TAB>count")
            }
            guard count >= minimumCount else { continue }
            let cluster: UInt16
            if let known = index[fields[0]] {
                cluster = known
            } else {
                cluster = UInt16(bitStrings.count)
                index[fields[0]] = cluster
                bitStrings.append(String(fields[0]))
            }
            assignments[TokenText(Array(fields[1].utf8)).exactHash] = cluster
        }
        return WordClusters(bitStrings: bitStrings, clusterOfWord: assignments)
    }
}
