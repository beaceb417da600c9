import Foundation

/// Paths to the repository's own files and to the shared corpora, for tests.
public enum Paths {
    /// The package root (the folder holding `Package.swift`).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The demo corpus, `seeds/`.
    public static var seeds: URL { packageRoot.appendingPathComponent("seeds") }

    /// The shared research corpora: `$DOSSIER_CORPORA`, else `../shared/corpora` beside the package.
    /// They are research-only data and are never copied into the repository.
    public static var corpora: URL {
        if let override = ProcessInfo.processInfo.environment["DOSSIER_CORPORA"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora")
    }

    /// A seed article by its number prefix (`"000"` -> `seeds/000_42a8fda8fa49b027.txt`).
    public static func seed(_ number: String) -> URL {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: seeds.path)) ?? []
        let name = names.sorted().first { $0.hasPrefix(number + "_") } ?? "\(number)_missing.txt"
        return seeds.appendingPathComponent(name)
    }
}
