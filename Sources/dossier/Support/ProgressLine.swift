import Foundation
import Indexer

/// A one-line progress bar on standard error: files, passages per second and time left.
/// Drawn only on a terminal, at most ten times a second.
final class ProgressLine {
    private let enabled: Bool
    private var lastDraw = Date.distantPast

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ progress: IndexProgress) {
        guard enabled, Date().timeIntervalSince(lastDraw) >= 0.1 || progress.filesDone == progress.filesTotal else { return }
        lastDraw = Date()
        let fraction = progress.filesTotal > 0 ? Double(progress.filesDone) / Double(progress.filesTotal) : 1
        let width = 24
        let filled = Int(fraction * Double(width))
        let rate = progress.elapsed > 0 ? Double(progress.passages) / progress.elapsed : 0
        let left = fraction > 0 ? progress.elapsed * (1 - fraction) / fraction : 0
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = String(format: "\r%@ %d/%d files · %d passages · %.0f/s · %@ left ",
                          bar, progress.filesDone, progress.filesTotal, progress.passages, rate, Self.duration(left))
        FileHandle.standardError.write(Data(line.utf8))
    }

    func clear() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s"
    }
}
