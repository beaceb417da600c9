import Foundation
import Testing
import TestSupport
@testable import Indexer

@Suite("FileCollector")
struct FileCollectorTests {
    /// A tree of files in a temporary directory, removed when the value is released.
    struct Tree {
        /// The directory holding `news/dawn`.
        let root: TemporaryDirectory
        /// `news/dawn`, the folder the tests collect.
        var dawn: URL { root.url.appendingPathComponent("news/dawn") }
    }

    /// `root/news/dawn/…` with readable, hidden, unsupported and nested files.
    func makeTree() throws -> Tree {
        let root = TemporaryDirectory("dossier-readers")
        for (name, text) in [
            ("2025/b.txt", "B\n"), ("2025/a.md", "# A\n"), ("sub/page.html", "<p>x</p>"), ("Z.jsonl", "{}"),
            (".hidden/x.txt", "x"), (".dotfile.txt", "x"), ("notes.pdf", "%PDF"), ("README", "readme"),
        ] {
            try root.write("news/dawn/" + name, text)
        }
        return Tree(root: root)
    }

    @Test("folders recursively, in a stable order; identities relative to the root's parent")
    func tree() throws {
        let tree = try makeTree(), dawn = tree.dawn
        let found = FileCollector().collect([dawn.path + "/"])
        #expect(found.files.map(\.identity) == ["dawn/2025/a.md", "dawn/2025/b.txt", "dawn/Z.jsonl", "dawn/sub/page.html"])
        #expect(found.files.map(\.path) == ["2025/a.md", "2025/b.txt", "Z.jsonl", "sub/page.html"].map { dawn.path + "/" + $0 })
        #expect(found.files.map(\.format) == [.markdown, .txt, .jsonl, .html])
        // Hidden entries are skipped without a report; files with no reader are reported.
        #expect(found.skipped.map(\.file) == [dawn.path + "/README", dawn.path + "/notes.pdf"])
        #expect(found.skipped[0].message.hasPrefix("no file extension; readable: .txt"))
        #expect(found.skipped[1].message.hasPrefix("unsupported file type `.pdf`; readable:"))
        #expect(found.skipped.allSatisfy { $0.severity == .skipped })
        // Same tree twice: same answer.
        #expect(FileCollector().collect([dawn.path]) == found)
    }

    @Test("a named file's identity is its file name; `.` is named after the folder")
    func namedFileAndDot() throws {
        let tree = try makeTree(), dawn = tree.dawn
        let one = FileCollector().collect([dawn.appendingPathComponent("2025/b.txt").path])
        #expect(one.files.map(\.identity) == ["b.txt"])
        #expect(FileCollector.rootName(dawn.path + "/2025/..") == "dawn")
        #expect(FileCollector.rootName("/") == "")
    }

    @Test("a symlink loop is reported and not followed; a second link to a file is a duplicate")
    func symlinks() throws {
        let tree = try makeTree(), dawn = tree.dawn
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: dawn.path + "/sub/loop", withDestinationPath: "..")
        try fm.createSymbolicLink(atPath: dawn.path + "/self.txt", withDestinationPath: "self.txt")
        try fm.createSymbolicLink(atPath: dawn.path + "/gone.txt", withDestinationPath: "nowhere.txt")
        try fm.createSymbolicLink(atPath: dawn.path + "/twin.txt", withDestinationPath: "2025/b.txt")
        let found = FileCollector().collect([dawn.path])
        #expect(found.files.map(\.identity) == ["dawn/2025/a.md", "dawn/2025/b.txt", "dawn/Z.jsonl", "dawn/sub/page.html"])
        let reasons = Dictionary(uniqueKeysWithValues: found.skipped.map { (($0.file as NSString).lastPathComponent, $0.message) })
        #expect(reasons["loop"] == "symlink loop: leads back to \(dawn.path); not followed")
        #expect(reasons["self.txt"] == "symlink loop: the link never reaches a file; skipped")
        #expect(reasons["gone.txt"] == "broken symlink: its target does not exist; skipped")
        #expect(reasons["twin.txt"] == "same file as \(dawn.path)/2025/b.txt (a link or hard link); not read twice")
    }

    @Test("a missing path, a FIFO and standard input without a format are reported")
    func oddPaths() throws {
        let folder = TemporaryDirectory("dossier-readers")
        let root = folder.url
        let fifo = root.appendingPathComponent("pipe.txt").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let found = FileCollector().collect([root.path + "/missing.txt", fifo, "-"])
        #expect(found.files.isEmpty)
        #expect(found.skipped.map(\.description) == [
            "\(root.path)/missing.txt: cannot read: No such file or directory",
            "\(fifo): not a regular file (a device, socket or pipe); skipped",
            "-: standard input needs --stdin-format (txt, text, markdown, md, html, htm, xhtml, jsonl, ndjson, reuters, sgm, sgml)",
        ])
        let stdin = FileCollector(stdinFormat: .jsonl).collect(["-"])
        #expect(stdin.files == [InputFile(path: "-", identity: "stdin", format: .jsonl)])
    }

    /// Root reads every file whatever its mode, so as root the unreadable file is a link to
    /// a write-only sysctl (`/proc/sys/vm/compact_memory`, mode 0200), which the kernel
    /// refuses to let even root read.
    static let rootUnreadable = "/proc/sys/vm/compact_memory"
    static var canMakeUnreadable: Bool { geteuid() != 0 || access(rootUnreadable, F_OK) == 0 }

    @Test("an unreadable file (permissions) is reported with the reason",
          .enabled(if: canMakeUnreadable, "running as root without /proc/sys/vm/compact_memory"))
    func permissions() throws {
        let folder = TemporaryDirectory("dossier-readers")
        let root = folder.url
        let secret = root.appendingPathComponent("secret.txt")
        if geteuid() == 0 {
            try FileManager.default.createSymbolicLink(atPath: secret.path, withDestinationPath: Self.rootUnreadable)
        } else {
            try folder.write("secret.txt", "x")
            chmod(secret.path, 0)
        }
        try folder.write("fine.txt", "fine")
        let found = FileCollector().collect([root.path])
        #expect(found.files.map(\.identity) == [root.lastPathComponent + "/fine.txt"])
        #expect(found.skipped.map(\.description) == ["\(secret.path): cannot read: Permission denied"])
        #expect(throws: IndexerError.unreadable(path: secret.path, reason: "Permission denied")) {
            try InputFile(path: secret.path, identity: "secret.txt", format: .txt).load()
        }
    }

    @Test("loading a file that vanished is `.unreadable` with the system's reason")
    func loadMissing() {
        #expect(throws: IndexerError.unreadable(path: "/nonexistent/x.txt", reason: "No such file or directory")) {
            try InputFile(path: "/nonexistent/x.txt", identity: "x.txt", format: .txt).load()
        }
    }

    @Test("load and read a collected file end to end")
    func loadAndRead() throws {
        let tree = try makeTree(), dawn = tree.dawn
        let file = try #require(FileCollector().collect([dawn.path]).files.first)
        let result = try file.read()
        #expect(result.articles.first?.id == "dawn/2025/a.md")
        #expect(result.articles.first?.title == "A")
    }
}
