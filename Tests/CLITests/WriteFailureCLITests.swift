import Foundation
import Testing
import TestSupport

/// `dossier index` names the real cause when the operating system refuses a write (issue #10,
/// item 6), with the documented exit code.
@Suite(.serialized) struct WriteFailureCLITests {
    /// Runs `dossier` as the unprivileged user `nobody` (root ignores permissions), or returns
    /// nil when `runuser` is not available or not allowed.
    static func dossierAsNobody(_ arguments: [String]) throws -> EndToEndTests.Run? {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser") else { return nil }
        // A clone inside a 0700 folder (`mktemp -d`) hides the binary and the seeds from
        // nobody: that is the checkout's permission, not the behaviour under test.
        let reachable = try EndToEndTests.run(URL(fileURLWithPath: "/usr/sbin/runuser"),
            ["-u", "nobody", "--", "/usr/bin/test", "-x", EndToEndTests.binary.path, "-a", "-r", Paths.seeds.path])
        guard reachable.status == 0 else { return nil }
        return try EndToEndTests.run(URL(fileURLWithPath: "/usr/sbin/runuser"),
                                     ["-u", "nobody", "--", EndToEndTests.binary.path] + arguments)
    }

    @Test func anIndexTheUserMayNotWriteIsAPermissionError() throws {
        let dir = TemporaryDirectory()
        let index = dir.path("idx")
        #expect(try EndToEndTests.dossier(["index", Paths.seeds.path, "--index", index, "--quiet"]).status == 0)
        // The directory is root's, 0755: nobody may read it but neither create the lock file in
        // the index nor a new index beside it.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.url.path)
        for target in [index, dir.path("new-idx")] {
            guard let run = try Self.dossierAsNobody(["index", Paths.seeds.path, "--index", target]) else {
                try Test.cancel("skipped: needs root, runuser, and a checkout the user nobody can read (a clone inside a 0700 folder such as mktemp -d is not)")
            }
            #expect(run.status == 77, "\(target): \(run.stderr)")
            #expect(run.stderr.contains("cannot write the index") && run.stderr.contains("Permission denied"), "\(run.stderr)")
            #expect(!run.stderr.contains("another process"))
        }
    }

    @Test func aFullDiskSaysSoAndTheNextRunFinishesTheJob() throws {
        let corpus = Paths.corpora.appendingPathComponent("reuters21578/reut2-000.sgm.gz").path
        guard FileManager.default.fileExists(atPath: corpus) else {
            try Test.cancel("skipped the full-disk check: \(corpus) is absent (set DOSSIER_CORPORA)")
        }
        guard let mount = ScratchMount(size: 2 << 20) else {
            try Test.cancel("skipped the full-disk check: this process may not mount a tmpfs (needs root or CAP_SYS_ADMIN)")
        }
        let index = mount.path("idx")
        let full = try EndToEndTests.dossier(["index", corpus, "--index", index, "--batch-size", "200"])
        #expect(full.status == 74, "\(full.stderr)")
        #expect(full.stderr.contains("the disk is full") && full.stderr.contains("No space left on device"), "\(full.stderr)")

        try #require(mount.resize(to: 64 << 20))
        #expect(try EndToEndTests.dossier(["index", corpus, "--index", index, "--quiet"]).status == 0)
        let dir = TemporaryDirectory()
        #expect(try EndToEndTests.dossier(["index", corpus, "--index", dir.path("clean"), "--quiet"]).status == 0)
        func total(_ path: String) throws -> String {
            try EndToEndTests.dossier(["count", "", "--index", path]).stdout
        }
        #expect(try total(index) == total(dir.path("clean")))
    }
}
