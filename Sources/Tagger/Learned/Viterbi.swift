/// Exact first-order decoding: the best label sequence under emission and transition scores,
/// restricted to well-formed BIO (an I- only after a label of its class).
enum Viterbi {
    /// `allowedAfter[p * count + y]`: whether label y may follow p; row `count` is the start.
    private static let allowedAfter: [Bool] = {
        let labels = EntityLabel.count
        return (0...labels).flatMap { p in (0..<labels).map { EntityLabel.allowed($0, after: p == labels ? nil : p) } }
    }()

    /// - Parameters:
    ///   - emissions: `count * EntityLabel.count` scores, token after token.
    ///   - transitions: `(EntityLabel.count + 1) * EntityLabel.count` scores; row `p` scores a
    ///     label after label `p`, the last row a label at the sentence start.
    static func decode(emissions: UnsafeBufferPointer<Float>, count: Int, transitions: UnsafeBufferPointer<Float>) -> [Int] {
        let labels = EntityLabel.count
        guard count > 0 else { return [] }
        var score = [Float](repeating: 0, count: count * labels)
        var back = [Int8](repeating: 0, count: count * labels)
        let startRow = labels * labels
        let allowed = allowedAfter
        for y in 0..<labels {
            score[y] = allowed[startRow + y] ? emissions[y] + transitions[startRow + y] : -.infinity
        }
        for i in 1..<max(count, 1) {
            let base = i * labels, previousBase = base - labels
            for y in 0..<labels {
                var best: Float = -.infinity
                var bestPrevious = 0
                for p in 0..<labels where allowed[p * labels + y] {
                    let candidate = score[previousBase + p] + transitions[p * labels + y]
                    if candidate > best { best = candidate; bestPrevious = p }
                }
                score[base + y] = best + emissions[base + y]
                back[base + y] = Int8(bestPrevious)
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
