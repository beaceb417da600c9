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
    /// Word hash (`TokenText.exactHash`) to cluster index.
    let clusterOfWord: [UInt64: UInt16]
    /// For each cluster, the hash of each prefix length's prefix.
    let prefixHashes: [[UInt64]]

    /// Creates the table from cluster bit strings and word-hash assignments.
    public init(bitStrings: [String], clusterOfWord: [UInt64: UInt16]) {
        self.bitStrings = bitStrings
        self.clusterOfWord = clusterOfWord
        prefixHashes = bitStrings.map { bits in
            WordClusters.prefixLengths.map { length in
                FeatureHash.fnv(Array(bits.utf8.prefix(length)), from: FeatureHash.offsetBasis &+ UInt64(length))
            }
        }
    }

    /// An empty table: no word has a cluster.
    public static let empty = WordClusters(bitStrings: [], clusterOfWord: [:])

    /// The word hashes and their cluster indices, for writing the table out.
    public var assignments: [(word: UInt64, cluster: UInt16)] {
        clusterOfWord.map { ($0.key, $0.value) }.sorted { $0.word < $1.word }
    }

    /// The cluster of a token: its exact form, else its lower-case form, else its title-case
    /// form (all-caps headline words are mostly in the table in one of those).
    func cluster(of token: TokenText) -> Int? {
        if let found = clusterOfWord[token.exactHash] ?? clusterOfWord[token.lowerHash]
            ?? clusterOfWord[token.titleHash] { return Int(found) }
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

    /// The same table keeping only the given words.
    public func keeping(words: Set<UInt64>) -> WordClusters {
        WordClusters(bitStrings: bitStrings, clusterOfWord: clusterOfWord.filter { words.contains($0.key) })
    }
}
