import Foundation

/// A prepared sentence (features extracted), as the trainer and the scorers take it.
public typealias TrainerSentence = PerceptronTrainer.PreparedSentence

/// The settings that make the shipped model: one place, read by the training command and by
/// the test that checks the shipped model is what training gives.
public struct TrainingRecipe: Sendable, Equatable {
    /// Passes over eng.train (chosen on eng.testa).
    public var epochs: Int
    /// The shuffling seed.
    public var seed: UInt64
    /// Features seen fewer times in eng.train get no weight.
    public var minimumFeatureCount: Int
    /// Words counted fewer times in the cluster corpus are not in the cluster table.
    public var minimumClusterCount: Int
    /// How many of eng.train's most frequent words the model keeps for the labeller's
    /// shared vocabulary (`LearnedLabeller.frequentWords`: speed only, no score changes).
    public var frequentWords: Int

    /// Creates a recipe.
    public init(epochs: Int, seed: UInt64, minimumFeatureCount: Int, minimumClusterCount: Int, frequentWords: Int) {
        self.epochs = epochs
        self.seed = seed
        self.minimumFeatureCount = minimumFeatureCount
        self.minimumClusterCount = minimumClusterCount
        self.frequentWords = frequentWords
    }

    /// The recipe of the shipped model.
    public static let standard = TrainingRecipe(epochs: 10, seed: 12, minimumFeatureCount: 1, minimumClusterCount: 3, frequentWords: 2_000)
}

/// Everything training reads, loaded from the NER corpus folder and Dossier's resources.
public struct TrainingInputs {
    /// The cluster file inside the corpus folder.
    public static let clusterFile = "clusters/brown-rcv1.clean.tokenized-CoNLL03.txt-c1000-freq1.txt.gz"
    /// The training file inside the corpus folder.
    public static let trainingFile = "conll2003/eng.train.gz"

    /// The corpus folder.
    public let corpora: URL
    /// Turns gzip bytes into plain bytes; `path` names the file in errors.
    public let gunzip: (Data, String) throws -> Data
    /// The clusters, pruned as the recipe says.
    public let clusters: WordClusters
    /// The trainer, with its extractor.
    public let trainer: PerceptronTrainer
    /// eng.train, prepared.
    public let training: [TrainerSentence]
    /// eng.train's most frequent words, as many as the recipe says.
    public let frequentWords: [TokenText]
    /// What the model is derived from, recorded in it.
    public let provenance: String

    /// Loads the clusters, the name lists and eng.train.
    public static func load(corpora: URL, resources: URL, recipe: TrainingRecipe,
                            gunzip: @escaping (Data, String) throws -> Data) throws -> TrainingInputs {
        func text(_ file: String) throws -> (String, UInt64) {
            let url = corpora.appendingPathComponent(file)
            let plain = try gunzip(try Data(contentsOf: url), url.path)
            return (String(decoding: plain, as: UTF8.self), digest([UInt8](plain)))
        }
        let (clusterText, clusterDigest) = try text(clusterFile)
        let clusters = try WordClusters.reading(text: clusterText, path: clusterFile, minimumCount: recipe.minimumClusterCount)
        let names = try DossierNameLists.names(inResourceDirectory: resources)
        var resourceDigests: [String] = []
        for file in ["countries.json", "places.json", "gazetteer.json"] {
            let bytes = try [UInt8](Data(contentsOf: resources.appendingPathComponent(file)))
            resourceDigests.append("\(file) fnv64 \(String(digest(bytes), radix: 16))")
        }
        var options = PerceptronTrainer.Options()
        options.epochs = recipe.epochs
        options.seed = recipe.seed
        options.minimumFeatureCount = recipe.minimumFeatureCount
        let trainer = PerceptronTrainer(extractor: FeatureExtractor(clusters: clusters, names: names), options: options)
        let (trainText, trainDigest) = try text(trainingFile)
        let trainDocuments = try CoNLLCorpus.documents(text: trainText, path: trainingFile)
        let training = trainer.prepare(trainDocuments)
        let provenance = """
            Dossier learned tagger. Averaged perceptron, first order, BIO over PER/ORG/LOC/MISC.
            Trained on CoNLL-2003 eng.train (fnv64 \(String(trainDigest, radix: 16)) of the uncompressed file).
            Brown clusters: \(clusterFile) (fnv64 \(String(clusterDigest, radix: 16))), words counted >= \(recipe.minimumClusterCount).
            Name lists: \(resourceDigests.joined(separator: ", ")).
            Recipe: epochs \(recipe.epochs), seed \(recipe.seed), minimum feature count \(recipe.minimumFeatureCount), frequent words \(recipe.frequentWords).
            """
        return TrainingInputs(corpora: corpora, gunzip: gunzip, clusters: clusters, trainer: trainer,
                              training: training, frequentWords: LearnedLabeller.frequentWords(in: trainDocuments, count: recipe.frequentWords),
                              provenance: provenance)
    }

    /// Reads a CoNLL file of the corpus folder.
    public func documents(_ file: String) throws -> [LabelledDocument] {
        let url = corpora.appendingPathComponent(file)
        let plain = try gunzip(try Data(contentsOf: url), url.path)
        return try CoNLLCorpus.documents(text: String(decoding: plain, as: UTF8.self), path: url.path)
    }

    /// Scores a labeller on prepared sentences.
    public static func score(_ labeller: LearnedLabeller, _ sentences: [TrainerSentence]) -> EntityScore {
        var score = EntityScore()
        for sentence in sentences {
            score.add(gold: sentence.labels, predicted: labeller.labels(of: sentence.tokens, capitalisedInDocument: sentence.capitalisedInDocument))
        }
        return score
    }

    /// `conlleval.py` input: `token gold predicted` per line (IOB2), a blank line after each sentence.
    public static func conllevalLines(_ labeller: LearnedLabeller, _ sentences: [TrainerSentence], words: [[String]]? = nil) -> String {
        var out = ""
        for (index, sentence) in sentences.enumerated() {
            let predicted = labeller.labels(of: sentence.tokens, capitalisedInDocument: sentence.capitalisedInDocument)
            for i in sentence.tokens.indices {
                let word = words?[index][i] ?? "w"
                out += "\(word) \(EntityLabel.conllTag(sentence.labels[i])) \(EntityLabel.conllTag(predicted[i]))\n"
            }
            out += "\n"
        }
        return out
    }

    /// FNV-1a 64 of bytes: the digest recorded for inputs and printed for the model.
    public static func digest(_ bytes: [UInt8]) -> UInt64 { FeatureHash.fnv(bytes) }
}
