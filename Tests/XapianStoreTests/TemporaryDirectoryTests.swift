import Foundation
import Testing
import TestSupport

/// The test fixtures' temporary directories are removed, also those a suite's static fixture
/// holds until the process exits (`LiveDirectories`).
@Suite struct TemporaryDirectoryTests {
    @Test func aDirectoryIsListedWhileAliveAndRemovedWithItsOwner() throws {
        var directory: TemporaryDirectory? = TemporaryDirectory("temporary-directory-test")
        let url = try #require(directory).url
        #expect(FileManager.default.fileExists(atPath: url.path))
        #expect(LiveDirectories.shared.contains(url))
        directory = nil
        #expect(!FileManager.default.fileExists(atPath: url.path))
        #expect(!LiveDirectories.shared.contains(url))
    }

    @Test func theSweepRemovesEveryListedDirectoryWithItsFiles() throws {
        let list = LiveDirectories()
        let root = FileManager.default.temporaryDirectory
        let urls = (0..<2).map { root.appendingPathComponent("live-directories-test-\($0)-\(UUID().uuidString)") }
        for url in urls {
            try FileManager.default.createDirectory(at: url.appendingPathComponent("index"), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: url.appendingPathComponent("index/file"))
            list.insert(url)
        }
        list.removeAll()
        for url in urls {
            #expect(!FileManager.default.fileExists(atPath: url.path))
            #expect(!list.contains(url))
        }
    }
}
