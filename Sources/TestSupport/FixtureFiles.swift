import Foundation

/// Small hand-made input files in `Sources/TestSupport/Fixtures` (copied as resources).
public enum FixtureFiles {
    /// The folder of fixture files inside the TestSupport bundle.
    public static var folder: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
    }

    /// A fixture by file name (`hello.txt.gz`).
    public static func url(_ name: String) -> URL { folder.appendingPathComponent(name) }
}
