/// Exact first-order decoding: the best label sequence under emission and transition scores,
/// restricted to well-formed BIO (an I- only after a label of its class).
enum Viterbi {
    /// For each label y, the labels that may precede it (ascending; see `EntityLabel.allowed`),
    /// flattened: `predecessors[predecessorRange[y]..<predecessorRange[y + 1]]`. An I- label has
    /// two (its B- and its I-), so the inner loop visits 53 pairs per token, not 81.
    private static let predecessors: [Int] = {
        let labels = EntityLabel.count
        return (0..<labels).flatMap { y in (0..<labels).filter { EntityLabel.allowed(y, after: $0) } }
    }()
    private static let predecessorRange: [Int] = {
        let labels = EntityLabel.count
        var bounds = [0]
        for y in 0..<labels { bounds.append(bounds[y] + (0..<labels).filter { EntityLabel.allowed(y, after: $0) }.count) }
        return bounds
    }()
    /// Whether each label may start a sentence.
    private static let allowedAtStart: [Bool] = (0..<EntityLabel.count).map { EntityLabel.allowed($0, after: nil) }

    /// - Parameters:
    ///   - emissions: `count * EntityLabel.count` scores, token after token.
    ///   - transitions: `(EntityLabel.count + 1) * EntityLabel.count` scores; row `p` scores a
    ///     label after label `p`, the last row a label at the sentence start.
    static func decode(emissions: UnsafeBufferPointer<Float>, count: Int, transitions: UnsafeBufferPointer<Float>) -> [Int] {
        let labels = EntityLabel.count
        guard count > 0 else { return [] }
        let startRow = labels * labels
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: count * labels) { score in
            withUnsafeTemporaryAllocation(of: Int8.self, capacity: count * labels) { back in
                predecessors.withUnsafeBufferPointer { predecessors in
                    predecessorRange.withUnsafeBufferPointer { range in
                        allowedAtStart.withUnsafeBufferPointer { allowedAtStart in
                            for y in 0..<labels {
                                score[y] = allowedAtStart[y] ? emissions[y] + transitions[startRow + y] : -.infinity
                                back[y] = 0
                            }
                            for i in 1..<count {
                                let base = i * labels, previousBase = base - labels
                                for y in 0..<labels {
                                    // Ascending predecessors and a strict `>`: ties go to the
                                    // lowest label, as they always have.
                                    var best: Float = -.infinity
                                    var bestPrevious = 0
                                    for k in range[y]..<range[y + 1] {
                                        let p = predecessors[k]
                                        let candidate = score[previousBase + p] + transitions[p * labels + y]
                                        if candidate > best { best = candidate; bestPrevious = p }
                                    }
                                    score[base + y] = best + emissions[base + y]
                                    back[base + y] = Int8(truncatingIfNeeded: bestPrevious)
                                }
                            }
                        }
                    }
                }
                var result = [Int](repeating: 0, count: count)
                var bestLast = 0
                let lastBase = (count - 1) * labels
                for y in 1..<labels where score[lastBase + y] > score[lastBase + bestLast] { bestLast = y }
                result[count - 1] = bestLast
                var i = count - 1
                while i > 0 {
                    result[i - 1] = Int(back[i * labels + result[i]])
                    i -= 1
                }
                return result
            }
        }
    }
}
