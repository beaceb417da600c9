import Foundation

/// The shipped model's binary form, little-endian throughout:
///
///     "DSTG" u32 version
///     u32 labels  u32 featuresPerToken  f32 transitions[(labels + 1) * labels]
///     u32 features  f32 scale  u64 keys[features] (ascending)  i16 weights[features * labels]
///     u32 clusters  { u8 length, bit string }[clusters]
///     u32 words  { u64 word hash, u16 cluster }[words] (ascending by hash)
///     u32 names  u32 longest  { u64 name key, u8 class }[names] (ascending by key)
///     u32 prefixes  u64 prefix keys[prefixes] (ascending): the sequences longer names begin with
///     u32 frequent  { u64 exact, lower, title, shape, prefixes[4], suffixes[4]  u8 casing }[frequent]:
///         the `TokenText` hashes of the training text's most frequent words (no word text)
///     u32 length  provenance (UTF-8)
///
/// Weights are quantised to 16 bits with one scale (`weight = i16 * scale`); features whose
/// quantised weights are all zero are not written. Sorted sections make the bytes depend on
/// the model only, never on hash-table order.
public enum ModelFile {
    /// The format version this code reads and writes.
    /// Version 2 added the name prefixes (`NameList.prefixes`), version 3 the frequent words
    /// (`LearnedLabeller.frequentWords`).
    public static let version: UInt32 = 3

    /// The bytes of `labeller`.
    public static func encode(_ labeller: LearnedLabeller) -> [UInt8] {
        var out: [UInt8] = Array("DSTG".utf8)
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func f32(_ v: Float) { u32(v.bitPattern) }
        let labels = EntityLabel.count
        u32(version); u32(UInt32(labels)); u32(UInt32(FeatureExtractor.featuresPerToken))
        for value in labeller.transitions { f32(value) }

        let maximum = labeller.weights.reduce(Float(0)) { max($0, abs($1)) }
        let scale = maximum > 0 ? maximum / 32767 : 1
        var rows: [(key: UInt64, weights: [Int16])] = []
        for (index, key) in labeller.features.enumerated() {
            let row = index * labels
            let quantised = (0..<labels).map { Int16((labeller.weights[row + $0] / scale).rounded()) }
            if quantised.contains(where: { $0 != 0 }) { rows.append((key, quantised)) }
        }
        rows.sort { $0.key < $1.key }
        u32(UInt32(rows.count)); f32(scale)
        for row in rows { u64(row.key) }
        for row in rows { for weight in row.weights { withUnsafeBytes(of: weight.littleEndian) { out.append(contentsOf: $0) } } }

        let clusters = labeller.extractor.clusters
        u32(UInt32(clusters.bitStrings.count))
        for bits in clusters.bitStrings { out.append(UInt8(bits.utf8.count)); out.append(contentsOf: bits.utf8) }
        let words = clusters.assignments
        u32(UInt32(words.count))
        for word in words { u64(word.word); withUnsafeBytes(of: word.cluster.littleEndian) { out.append(contentsOf: $0) } }

        let names = labeller.extractor.names
        let entries = names.entries
        u32(UInt32(entries.count)); u32(UInt32(names.longestName))
        for entry in entries { u64(entry.key); out.append(entry.entity.rawValue) }
        u32(UInt32(names.prefixes.count))
        for key in names.prefixes { u64(key) }
        u32(UInt32(labeller.frequentWords.count))
        for word in labeller.frequentWords {
            for hash in [word.exactHash, word.lowerHash, word.titleHash, word.shapeHash] { u64(hash) }
            for hash in [word.prefixHashes.0, word.prefixHashes.1, word.prefixHashes.2, word.prefixHashes.3] { u64(hash) }
            for hash in [word.suffixHashes.0, word.suffixHashes.1, word.suffixHashes.2, word.suffixHashes.3] { u64(hash) }
            out.append(word.casing.rawValue)
        }

        let provenance = Array(labeller.provenance.utf8)
        u32(UInt32(provenance.count)); out.append(contentsOf: provenance)
        return out
    }

    /// Reads a model; `path` names it in errors.
    ///
    /// Throws `TaggerError.malformed` for a file of another format or version, or truncated.
    public static func decode(_ bytes: [UInt8], path: String) throws(TaggerError) -> LearnedLabeller {
        var reader = ByteReader(bytes: bytes, path: path)
        guard bytes.count >= 8, Array(bytes[0..<4]) == Array("DSTG".utf8) else {
            throw .malformed(path: path, line: nil, reason: "not a Dossier tagger model (no DSTG header)")
        }
        reader.offset = 4
        let fileVersion = try reader.u32()
        guard fileVersion == version else {
            throw .malformed(path: path, line: nil, reason: "model format version \(fileVersion); this build reads version \(version): retrain with scripts/train-tagger.sh")
        }
        let labels = Int(try reader.u32()), perToken = Int(try reader.u32())
        guard labels == EntityLabel.count, perToken == FeatureExtractor.featuresPerToken else {
            throw .malformed(path: path, line: nil, reason: "model has \(labels) labels and \(perToken) features per token; this build uses \(EntityLabel.count) and \(FeatureExtractor.featuresPerToken): retrain with scripts/train-tagger.sh")
        }
        var transitions: [Float] = []
        for _ in 0..<((labels + 1) * labels) { transitions.append(Float(bitPattern: try reader.u32())) }
        let featureCount = Int(try reader.u32())
        let scale = Float(bitPattern: try reader.u32())
        try reader.require(featureCount * (8 + 2 * labels))
        var features = [UInt64](repeating: 0, count: featureCount)
        for i in 0..<featureCount { features[i] = reader.uncheckedU64() }
        var weights = [Float](repeating: 0, count: featureCount * labels)
        for i in 0..<(featureCount * labels) { weights[i] = Float(reader.uncheckedI16()) * scale }

        let clusterCount = Int(try reader.u32())
        var bitStrings: [String] = []
        for _ in 0..<clusterCount {
            let length = Int(try reader.u8())
            try reader.require(length)
            bitStrings.append(String(decoding: bytes[reader.offset..<(reader.offset + length)], as: UTF8.self))
            reader.offset += length
        }
        let wordCount = Int(try reader.u32())
        try reader.require(wordCount * 10)
        var words = [UInt64](repeating: 0, count: wordCount)
        var wordClusters = [UInt16](repeating: 0, count: wordCount)
        for i in 0..<wordCount {
            words[i] = reader.uncheckedU64()
            let cluster = UInt16(bitPattern: reader.uncheckedI16())
            guard Int(cluster) < clusterCount else {
                throw .malformed(path: path, line: nil, reason: "word cluster \(cluster) out of range")
            }
            wordClusters[i] = cluster
        }
        let nameCount = Int(try reader.u32()), longest = Int(try reader.u32())
        try reader.require(nameCount * 9)
        var nameKeys = [UInt64](repeating: 0, count: nameCount)
        var nameClasses: [EntityClass] = []
        nameClasses.reserveCapacity(nameCount)
        for i in 0..<nameCount {
            nameKeys[i] = reader.uncheckedU64()
            guard let entity = EntityClass(rawValue: try reader.u8()) else {
                throw .malformed(path: path, line: nil, reason: "unknown name class")
            }
            nameClasses.append(entity)
        }
        let prefixCount = Int(try reader.u32())
        try reader.require(prefixCount * 8)
        var prefixes = [UInt64](repeating: 0, count: prefixCount)
        for i in 0..<prefixCount { prefixes[i] = reader.uncheckedU64() }
        let frequentCount = Int(try reader.u32())
        try reader.require(frequentCount * (12 * 8 + 1))
        var frequentWords: [TokenText] = []
        frequentWords.reserveCapacity(frequentCount)
        for _ in 0..<frequentCount {
            let exact = reader.uncheckedU64(), lower = reader.uncheckedU64(), title = reader.uncheckedU64(), shape = reader.uncheckedU64()
            let prefixes = (reader.uncheckedU64(), reader.uncheckedU64(), reader.uncheckedU64(), reader.uncheckedU64())
            let suffixes = (reader.uncheckedU64(), reader.uncheckedU64(), reader.uncheckedU64(), reader.uncheckedU64())
            guard let casing = TokenText.Casing(rawValue: try reader.u8()) else {
                throw .malformed(path: path, line: nil, reason: "unknown casing of a frequent word")
            }
            frequentWords.append(TokenText(exactHash: exact, lowerHash: lower, titleHash: title, shapeHash: shape,
                                         prefixHashes: prefixes, suffixHashes: suffixes, casing: casing))
        }
        let provenanceLength = Int(try reader.u32())
        try reader.require(provenanceLength)
        let provenance = String(decoding: bytes[reader.offset..<(reader.offset + provenanceLength)], as: UTF8.self)
        reader.offset += provenanceLength
        guard reader.offset == bytes.count else {
            throw .malformed(path: path, line: nil, reason: "\(bytes.count - reader.offset) unexpected bytes after the model")
        }
        let extractor = FeatureExtractor(clusters: WordClusters(bitStrings: bitStrings, words: words, clusters: wordClusters),
                                         names: NameList(keys: nameKeys, classes: nameClasses, prefixes: prefixes, longestName: longest))
        return LearnedLabeller(extractor: extractor, features: features, weights: weights,
                               transitions: transitions, provenance: provenance, frequentWords: frequentWords)
    }

    /// Reads a model file.
    public static func load(contentsOf url: URL) throws(TaggerError) -> LearnedLabeller {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .unreadable(path: url.path, reason: "\(error.localizedDescription)") }
        return try decode([UInt8](data), path: url.path)
    }
}

/// A bounds-checked little-endian cursor over a model's bytes.
private struct ByteReader {
    let bytes: [UInt8]
    let path: String
    var offset = 0

    func require(_ count: Int) throws(TaggerError) {
        guard count >= 0, offset + count <= bytes.count else {
            throw .malformed(path: path, line: nil, reason: "truncated at byte \(offset): the model file is incomplete; retrain or restore it")
        }
    }
    mutating func u8() throws(TaggerError) -> UInt8 {
        try require(1); defer { offset += 1 }; return bytes[offset]
    }
    mutating func u32() throws(TaggerError) -> UInt32 {
        try require(4)
        var value: UInt32 = 0
        for i in 0..<4 { value |= UInt32(bytes[offset + i]) << (8 * i) }
        offset += 4
        return value
    }
    mutating func uncheckedU64() -> UInt64 {
        var value: UInt64 = 0
        for i in 0..<8 { value |= UInt64(bytes[offset + i]) << (8 * i) }
        offset += 8
        return value
    }
    mutating func uncheckedI16() -> Int16 {
        let value = UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
        offset += 2
        return Int16(bitPattern: value)
    }
}

extension LearnedLabeller {
    /// The model shipped in the package (`Resources/name-model.dstg`, made by
    /// `scripts/train-tagger.sh`), read once on first use.
    public static var shipped: LearnedLabeller {
        get throws(TaggerError) { try ShippedModel.result.get() }
    }
}

/// Loads the shipped model once; a missing or damaged resource is reported, not crashed on.
private enum ShippedModel {
    static let result: Result<LearnedLabeller, TaggerError> = {
        guard let url = Bundle.module.url(forResource: "name-model", withExtension: "dstg") else {
            return .failure(.unreadable(path: "Resources/name-model.dstg", reason: "not in the Tagger bundle; rebuild the package"))
        }
        return Result { () throws(TaggerError) in try ModelFile.load(contentsOf: url) }
    }()
}
