/// Exact first-order decoding: the best label sequence under emission and transition scores,
/// restricted to well-formed BIO (an I- only after a label of its class).
enum Viterbi {
    /// - Parameters:
    ///   - emissions: `count * EntityLabel.count` scores, token after token.
    ///   - transitions: `(EntityLabel.count + 1) * EntityLabel.count` scores; row `p` scores a
    ///     label after label `p`, the last row a label at the sentence start.
    ///
    /// Labels 0..<8 are scored together in one `SIMD8` per token, label 8 on its own. A pair
    /// BIO forbids (`EntityLabel.allowed`) gets transition -infinity instead of being skipped:
    /// its candidate is then -infinity, which never beats the best so far under the strict
    /// `>` (scores are finite or -infinity, never NaN), so every label's best predecessor,
    /// ties going to the lowest label, is the one a loop over the allowed pairs alone finds,
    /// and the scores are the same sums bit for bit.
    static func decode(emissions: UnsafeBufferPointer<Float>, count: Int, transitions: UnsafeBufferPointer<Float>) -> [Int] {
        let labels = 9
        precondition(EntityLabel.count == labels, "Viterbi.decode is written for 9 labels")
        guard count > 0 else { return [] }
        let startRow = labels * labels
        return withUnsafeTemporaryAllocation(of: SIMD8<Float>.self, capacity: labels) { after in
            withUnsafeTemporaryAllocation(of: Int8.self, capacity: count * labels) { back in
                // Row p: the transition scores of labels 0..<8 after label p, and of label 8.
                var lastAfter = SIMD8<Float>(repeating: -.infinity)  // lanes 0...7: label 8 after p = lane
                var lastAfterLast: Float = -.infinity                 // label 8 after label 8
                for p in 0..<labels {
                    var row = SIMD8<Float>(repeating: -.infinity)
                    for y in 0..<8 where EntityLabel.allowed(y, after: p) { row[y] = transitions[p &* labels &+ y] }
                    after[p] = row
                    if EntityLabel.allowed(8, after: p) {
                        if p < 8 { lastAfter[p] = transitions[p &* labels &+ 8] } else { lastAfterLast = transitions[p &* labels &+ 8] }
                    }
                }
                // Token 0.
                var score = SIMD8<Float>(repeating: -.infinity)
                for y in 0..<8 where EntityLabel.allowed(y, after: nil) { score[y] = emissions[y] + transitions[startRow &+ y] }
                var scoreLast: Float = EntityLabel.allowed(8, after: nil) ? emissions[8] + transitions[startRow &+ 8] : -.infinity
                for y in 0..<labels { back[y] = 0 }
                let emissionBase = UnsafeRawPointer(emissions.baseAddress!)
                for i in 1..<count {
                    let base = i &* labels
                    var best = SIMD8<Float>(repeating: -.infinity)
                    var bestPrevious = SIMD8<Int32>(repeating: 0)
                    var bestLast: Float = -.infinity
                    var bestLastPrevious: Int32 = 0
                    // Predecessors in ascending order and a strict `>` from -infinity: ties go to
                    // the lowest label, as they always have.
                    for p in 0..<8 {
                        let previous = score[p]
                        let candidate = SIMD8<Float>(repeating: previous) + after[p]
                        let better = candidate .> best
                        best.replace(with: candidate, where: better)
                        bestPrevious.replace(with: Int32(p), where: better)
                        let candidateLast = previous + lastAfter[p]
                        if candidateLast > bestLast { bestLast = candidateLast; bestLastPrevious = Int32(p) }
                    }
                    let candidate = SIMD8<Float>(repeating: scoreLast) + after[8]
                    let better = candidate .> best
                    best.replace(with: candidate, where: better)
                    bestPrevious.replace(with: 8, where: better)
                    let candidateLast = scoreLast + lastAfterLast
                    if candidateLast > bestLast { bestLast = candidateLast; bestLastPrevious = 8 }

                    score = best + emissionBase.loadUnaligned(fromByteOffset: base &* 4, as: SIMD8<Float>.self)
                    scoreLast = bestLast + emissions[base &+ 8]
                    for y in 0..<8 { back[base &+ y] = Int8(truncatingIfNeeded: bestPrevious[y]) }
                    back[base &+ 8] = Int8(truncatingIfNeeded: bestLastPrevious)
                }
                var result = [Int](repeating: 0, count: count)
                var bestLast = 0
                for y in 1..<8 where score[y] > score[bestLast] { bestLast = y }
                if scoreLast > score[bestLast] { bestLast = 8 }
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
