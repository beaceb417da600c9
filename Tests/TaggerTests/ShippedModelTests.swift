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
        let trained = ModelFile.encode(inputs.trainer.train(inputs.training, provenance: inputs.provenance))
        let shipped = try [UInt8](Data(contentsOf: Paths.packageRoot.appendingPathComponent("Sources/Tagger/Resources/name-model.dstg")))
        #expect(trained.count == shipped.count)
        #expect(TrainingInputs.digest(trained) == TrainingInputs.digest(shipped), "retrain with scripts/train-tagger.sh")
    }
}
