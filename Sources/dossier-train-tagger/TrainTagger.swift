import ArgumentParser
import Foundation
import Indexer
import Tagger

/// Trains Dossier's learned tagger on CoNLL-2003 English and writes the model resource.
///
/// One command, a fixed seed: the same corpora and options give the same bytes. Tuned on
/// eng.testa; eng.testb is scored only with `--report-test`.
@main
struct TrainTagger: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier-train-tagger",
        abstract: "Train the learned name tagger on CoNLL-2003 and write its model resource.")

    @Option(help: "The NER corpus folder (holds conll2003/, clusters/, wikigold/).")
    var corpora = "../shared/corpora/ner"
    @Option(help: "Dossier's resource folder with countries.json, places.json and gazetteer.json.")
    var resources = "Sources/Tagger/Resources"
    @Option(help: "Where to write the model.")
    var output: String?
    @Option(help: "Passes over the training data.")
    var epochs = TrainingRecipe.standard.epochs
    @Option(help: "The shuffling seed.")
    var seed = TrainingRecipe.standard.seed
    @Option(help: "Features seen fewer times in training get no weight.")
    var minimumFeatureCount = TrainingRecipe.standard.minimumFeatureCount
    @Option(help: "Words counted fewer times in the cluster corpus are left out of the cluster table.")
    var minimumClusterCount = TrainingRecipe.standard.minimumClusterCount
    @Option(help: "Write predictions for conlleval.py into this folder (testa.txt, and testb.txt, wikigold.txt with --report-test).")
    var predictions: String?
    @Flag(help: "Also score eng.testb and WikiGold (report them once; never tune on them).")
    var reportTest = false
    @Option(help: "Do not train: score this model file on eng.testa, eng.testb and WikiGold (implies --report-test).")
    var evaluate: String?

    func run() throws {
        let recipe = TrainingRecipe(epochs: epochs, seed: seed, minimumFeatureCount: minimumFeatureCount,
                                    minimumClusterCount: minimumClusterCount, frequentWords: TrainingRecipe.standard.frequentWords)
        let folder = URL(fileURLWithPath: corpora)
        let started = Date()
        let inputs = try TrainingInputs.load(corpora: folder, resources: URL(fileURLWithPath: resources),
                                             recipe: recipe, gunzip: { try Gzip.decompress($0, path: $1) })
        print("read in \(String(format: "%.1f", Date().timeIntervalSince(started))) s: \(inputs.training.count) training sentences, \(inputs.clusters.bitStrings.count) clusters")
        let development = inputs.trainer.prepare(try inputs.documents("conll2003/eng.testa.gz"))
        let bytes: [UInt8]
        if let evaluate {
            bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: evaluate)))
        } else {
            let model = inputs.trainer.train(inputs.training, provenance: inputs.provenance, frequentWords: inputs.frequentWords) { epoch, model in
                print("epoch \(epoch): eng.testa \(TrainingInputs.score(model, development).summary)")
            }
            bytes = ModelFile.encode(model)
        }
        let reportTest = reportTest || evaluate != nil
        var cpu = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu)
        let cpuBefore = Double(cpu.tv_sec) + Double(cpu.tv_nsec) / 1e9
        let wallBefore = Date()
        let shipped = try ModelFile.decode(bytes, path: "(encoded)")
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu)
        print(String(format: "model decode: %.1f ms CPU, %.1f ms wall", (Double(cpu.tv_sec) + Double(cpu.tv_nsec) / 1e9 - cpuBefore) * 1e3,
                     Date().timeIntervalSince(wallBefore) * 1e3))
        print("model: \(shipped.featureCount) features, \(bytes.count) bytes, digest \(String(TrainingInputs.digest(bytes), radix: 16))")
        print("quantised model: eng.testa \(TrainingInputs.score(shipped, development).summary)")
        var sets: [(String, [TrainerSentence])] = [("testa", development)]
        if reportTest {
            let test = inputs.trainer.prepare(try inputs.documents("conll2003/eng.testb.gz"))
            let wiki = inputs.trainer.prepare(try inputs.documents("wikigold/wikigold.conll.txt.gz"))
            print("quantised model: eng.testb \(TrainingInputs.score(shipped, test).summary)")
            print("quantised model: WikiGold \(TrainingInputs.score(shipped, wiki).summary)")
            sets += [("testb", test), ("wikigold", wiki)]
        }
        if let predictions {
            try FileManager.default.createDirectory(atPath: predictions, withIntermediateDirectories: true)
            for (name, sentences) in sets {
                let path = (predictions as NSString).appendingPathComponent("\(name).txt")
                try TrainingInputs.conllevalLines(shipped, sentences).write(toFile: path, atomically: true, encoding: .utf8)
                print("wrote \(path)")
            }
        }
        if let output {
            try Data(bytes).write(to: URL(fileURLWithPath: output))
            print("wrote \(output)")
        }
        print("total \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }
}
