import Foundation
import XapianStore

/// A sharded copy of a one-shard index, for tests that compare reading N shards with reading one.
///
/// Each shard is a copy of the whole index with the passages of the articles routed elsewhere
/// (`IndexSchema.shard(ofArticle:among:)`) deleted, so the shards together hold exactly the
/// original passages; the first shard keeps the index's metadata (Xapian reads a stub's metadata
/// from its first database). The directory holds the shards and a stub file listing them.
public final class ShardedCopy: @unchecked Sendable {
    /// Keeps the copy alive as long as it is used.
    public let directory: TemporaryDirectory
    /// The sharded index (a directory holding the stub file and the shards).
    public let path: String
    /// Each shard's directory.
    public let shards: [String]
    /// Passages in each shard.
    public let passages: [Int]

    /// Splits the index at `source` into `count` shards.
    public init(of source: String, shards count: Int) throws {
        directory = TemporaryDirectory("sharded-copy")
        path = directory.path("index")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let articles = try Database(path: source).terms(withPrefix: IndexSchema.article.prefix)
            .map { String($0.term.dropFirst(IndexSchema.article.prefix.count)) }
        var shards: [String] = [], passages: [Int] = []
        for index in 0..<count {
            let shard = path + "/" + IndexSchema.shardDirectoryName(index)
            try FileManager.default.copyItem(atPath: source, toPath: shard)
            let writer = try WritableDatabase(path: shard)
            for article in articles where IndexSchema.shard(ofArticle: article, among: count) != index {
                try writer.deleteDocuments(withTerm: IndexSchema.article.prefix + article)
            }
            try writer.commit()
            passages.append(try writer.reader.documentCount())
            shards.append(shard)
        }
        self.shards = shards
        self.passages = passages
        try Self.writeStub(at: path + "/" + IndexSchema.stubFileName, lines: (0..<count).map { "auto " + IndexSchema.shardDirectoryName($0) })
    }

    /// Writes a Xapian stub file of `lines` (`auto PATH`, `remote HOST:PORT`).
    public static func writeStub(at path: String, lines: [String]) throws {
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
    }
}

/// A stock `xapian-tcpsrv` serving one database on a free loopback port, stopped when released.
public final class ShardServer: @unchecked Sendable {
    /// The port it listens on.
    public let port: Int
    private let process: Process

    /// Where `xapian-tcpsrv` is (Debian's `xapian-tools`), or nil when it is not installed.
    public static var executable: String? {
        ["/usr/bin/xapian-tcpsrv", "/usr/local/bin/xapian-tcpsrv"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Why remote tests are skipped when the server is missing.
    public static let absent = "xapian-tcpsrv not found; install Debian's xapian-tools (scripts/bootstrap does)"

    /// Starts a server for the database at `database` and waits until it accepts connections.
    public init(serving database: String) throws {
        guard let executable = Self.executable else { throw CocoaError(.fileNoSuchFile) }
        var lastError: (any Error)? = nil
        for _ in 0..<5 {
            let port = try Self.freePort()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["--interface", "127.0.0.1", "--port", String(port), "--quiet", database]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            for _ in 0..<100 where process.isRunning {
                if Self.accepts(port) {
                    self.port = port
                    self.process = process
                    return
                }
                usleep(50_000)
            }
            process.terminate()
            process.waitUntilExit()
            lastError = CocoaError(.fileReadUnknown)
        }
        throw lastError ?? CocoaError(.fileReadUnknown)
    }

    /// The stub line naming this server. Xapian 1.4's stub reader takes `remote HOST:PORT` for
    /// TCP; a line starting `remote :` is read as a program to run, and fails.
    public var stubLine: String { "remote 127.0.0.1:\(port)" }

    /// Stops the server (its forked children serving open connections end with their client).
    public func stop() {
        guard process.isRunning else { return }
        // SIGKILL: the server does not end on SIGTERM while it has children, and a test must
        // never wait on it.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Stops the server and the children it forked for connections already open, as a
    /// machine that goes down would: a client holding a connection then gets a network error.
    public func stopWithConnections() {
        let children = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/task/\(process.processIdentifier)/children", encoding: .utf8)) ?? ""
        // The children first: they hold the listening socket too (a port that still queues
        // connections nobody accepts), and while they live the parent's exit is seen only
        // after a long wait.
        for child in children.split(separator: " ").compactMap({ Int32($0) }) { kill(child, SIGKILL) }
        stop()
    }

    /// Freezes the server (SIGSTOP): it still accepts connections (the kernel queues them) but
    /// answers nothing, as a shard that hangs does, so a client times out. `resume` undoes it.
    public func pause() { kill(process.processIdentifier, SIGSTOP) }

    /// Lets a paused server run again (SIGCONT).
    public func resume() { kill(process.processIdentifier, SIGCONT) }

    deinit {
        resume()
        stop()
    }

    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
