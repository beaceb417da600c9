/// Entity-level exact-match precision, recall and F1, per class and micro-averaged: the
/// CoNLL-2003 metric (a span counts only when its first token, last token and class all
/// equal a gold span's). `conlleval.py` in the corpus folder is the reference; this is the
/// same count, for choosing epochs and options without leaving Swift.
public struct EntityScore: Sendable, Equatable {
    /// Correct, predicted and gold span counts by class.
    public private(set) var correct: [EntityClass: Int] = [:]
    /// Predicted span counts by class.
    public private(set) var predicted: [EntityClass: Int] = [:]
    /// Gold span counts by class.
    public private(set) var gold: [EntityClass: Int] = [:]

    /// An empty score.
    public init() {}

    /// Adds one sentence's gold and predicted labels.
    public mutating func add(gold goldLabels: [Int], predicted predictedLabels: [Int]) {
        let goldSpans = EntityLabel.spans(goldLabels)
        let predictedSpans = EntityLabel.spans(predictedLabels)
        for span in goldSpans { gold[span.entity, default: 0] += 1 }
        for span in predictedSpans {
            predicted[span.entity, default: 0] += 1
            if goldSpans.contains(span) { correct[span.entity, default: 0] += 1 }
        }
    }

    /// F1 of one class, or of all classes (micro-averaged) when `entity` is nil.
    public func f1(_ entity: EntityClass? = nil) -> Double {
        let (c, p, g) = counts(entity)
        return p + g == 0 ? 0 : 2 * Double(c) / Double(p + g)
    }

    /// Precision of one class or of all.
    public func precision(_ entity: EntityClass? = nil) -> Double {
        let (c, p, _) = counts(entity)
        return p == 0 ? 0 : Double(c) / Double(p)
    }

    /// Recall of one class or of all.
    public func recall(_ entity: EntityClass? = nil) -> Double {
        let (c, _, g) = counts(entity)
        return g == 0 ? 0 : Double(c) / Double(g)
    }

    private func counts(_ entity: EntityClass?) -> (Int, Int, Int) {
        guard let entity else {
            return (correct.values.reduce(0, +), predicted.values.reduce(0, +), gold.values.reduce(0, +))
        }
        return (correct[entity] ?? 0, predicted[entity] ?? 0, gold[entity] ?? 0)
    }

    /// One line: micro F1 then per class, in percent.
    public var summary: String {
        func percent(_ value: Double) -> String { String(format: "%.2f", value * 100) }
        let perClass = EntityClass.allCases.map { "\($0.conllName) \(percent(f1($0)))" }.joined(separator: "  ")
        return "F1 \(percent(f1())) (P \(percent(precision())) R \(percent(recall())))  \(perClass)"
    }
}
