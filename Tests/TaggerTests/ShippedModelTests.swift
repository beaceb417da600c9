import Foundation
import Indexer
import Testing
import TestSupport
@testable import Tagger

/// The CoNLL-2003 folder of the shared corpora (`TestSupport.Paths.corpora`), or nil when absent.
func nerCorpora() -> URL? {
    let url = Paths.corpora.appendingPathComponent("ner")
    return FileManager.default.fileExists(atPath: url.appendingPathComponent(TrainingInputs.trainingFile).path) ? url : nil
}

@Suite struct ShippedModelTests {
    @Test func shippedModelLoadsAndFindsNames() throws {
        let model = try LearnedLabeller.shipped
        #expect(model.provenance.contains("seed \(TrainingRecipe.standard.seed)"))
        let words = "German Chancellor Helmut Kohl met officials of the European Union in Brussels on Monday .".split(separator: " ")
        let spans = model.spans(of: words.map { TokenText($0) })
        let found = spans.map { ($0.entity, words[$0.tokens].joined(separator: " ")) }
        #expect(found.contains { $0 == (.person, "Helmut Kohl") })
        #expect(found.contains { $0 == (.organization, "European Union") })
        #expect(found.contains { $0 == (.location, "Brussels") })
    }

    /// The labeller takes a word's one-word features from the model's frequent words or its
    /// article's vocabulary and the bias, casing and membership rows from a table made at
    /// load; the trainer hashes every template. Their scores must be the same sums bit for
    /// bit, also for words repeated across sentences (the vocabulary's second reading) and
    /// in an all-caps headline.
    @Test func labellerScoresAreTheTrainersFeatureSums() throws {
        let model = try LearnedLabeller.shipped
        #expect(model.frequentWords.count == TrainingRecipe.standard.frequentWords && model.frequentWords.contains(TokenText("the")))
        var sentences: [[TokenText]] = [
            "KOHL MEETS DELORS IN BRUSSELS".split(separator: " ").map { TokenText($0) },
            "German Chancellor Helmut Kohl met officials of the European Union in Brussels on Monday .".split(separator: " ").map { TokenText($0) },
            "Kohl said the European Union , which Delors heads , would meet again in June .".split(separator: " ").map { TokenText($0) },
            ["Kohl"].map { TokenText($0) },
        ]
        for number in ["000", "001", "002", "003", "004"] {
            let article = try SeedArticles.article(number)
            for passage in article.passages {
                let tokens = Tokenizer.tokenize(passage.text)
                var start = 0
                while start < tokens.count {
                    var end = start + 1
                    while end < tokens.count && !tokens[end].sentenceStart { end += 1 }
                    sentences.append(tokens[start..<end].map { TokenText($0.text) })
                    start = end
                }
            }
        }
        let capitalised = FeatureExtractor.capitalisedWords(in: sentences)
        #expect(!capitalised.isEmpty)
        let scores = model.emissions(of: sentences, capitalisedInDocument: capitalised)
        let labels = EntityLabel.count
        var compared = 0
        for (tokens, scores) in zip(sentences, scores) {
            let features = model.extractor.features(of: tokens, capitalisedInDocument: capitalised)
            var expected = [Float](repeating: 0, count: tokens.count * labels)
            for i in tokens.indices {
                for f in (i * FeatureExtractor.featuresPerToken)..<((i + 1) * FeatureExtractor.featuresPerToken) {
                    guard let row = model.rowOfFeature.value(features[f]) else { continue }
                    for y in 0..<labels { expected[i * labels + y] += model.weights[Int(row) * labels + y] }
                }
            }
            #expect(scores.map(\.bitPattern) == expected.map(\.bitPattern))
            compared += tokens.count
        }
        #expect(compared > 1_000)
    }

    @Test func aDamagedModelIsRefusedWithItsCause() throws {
        let bytes = try [UInt8](Data(contentsOf: Paths.packageRoot.appendingPathComponent("Sources/Tagger/Resources/name-model.dstg")))
        #expect(throws: TaggerError.self) { try ModelFile.decode(Array(bytes.prefix(bytes.count / 2)), path: "half") }
        #expect(throws: TaggerError.self) { try ModelFile.decode(Array("not a model".utf8), path: "text") }
    }

    /// Training with the standard recipe reproduces the shipped file byte for byte.
    @Test(.enabled(if: nerCorpora() != nil, "no CoNLL-2003 corpus at $DOSSIER_CORPORA/ner (see Docs/actors.md)"))
    func trainingReproducesTheShippedModel() throws {
        let corpora = try #require(nerCorpora())
        let inputs = try TrainingInputs.load(corpora: corpora, resources: Paths.packageRoot.appendingPathComponent("Sources/Tagger/Resources"),
                                             recipe: .standard, gunzip: { try Gzip.decompress($0, path: $1) })
        let trained = ModelFile.encode(inputs.trainer.train(inputs.training, provenance: inputs.provenance, frequentWords: inputs.frequentWords))
        let shipped = try [UInt8](Data(contentsOf: Paths.packageRoot.appendingPathComponent("Sources/Tagger/Resources/name-model.dstg")))
        #expect(trained.count == shipped.count)
        #expect(TrainingInputs.digest(trained) == TrainingInputs.digest(shipped), "retrain with scripts/train-tagger.sh")
    }
}
