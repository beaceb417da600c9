import Foundation

/// How an index is laid out on disk: nothing yet, one Xapian database, or a stub file
/// (`IndexSchema.stubFileName`) listing shards in Xapian's stub format. The one reader of stub
/// files in Dossier: the indexer decides from it where to write, `dossier shards` what to list,
/// `dossier compact` what to merge. (Searching needs none of this: Xapian opens a stub itself.)
public enum IndexLayout: Sendable, Equatable {
    /// No index yet: the path is missing or an empty directory.
    case absent
    /// One Xapian database, the directory at `path`.
    case single(path: String)
    /// A stub file at `stub` listing `shards`, in its order (the order articles are routed by,
    /// `IndexSchema.shard(ofArticle:among:)`, and the first holds the index-wide metadata).
    case sharded(stub: String, shards: [Shard])

    /// One line of a stub file.
    public enum Shard: Sendable, Equatable, CustomStringConvertible {
        /// A database on this machine (`auto PATH`, `glass PATH`, `chert PATH`), its path
        /// resolved against the stub's directory as Xapian does.
        case local(path: String)
        /// A database served by `xapian-tcpsrv` (`remote HOST:PORT`).
        case remote(host: String, port: Int)
        /// A line Dossier does not interpret (`remote :PROGRAM`, `inmemory`), as written.
        case other(line: String)

        /// The shard as a user names it: its path, `HOST:PORT`, or its stub line.
        public var description: String {
            switch self {
            case let .local(path): return path
            case let .remote(host, port): return "\(host):\(port)"
            case let .other(line): return line
            }
        }
    }

    /// The number of databases the index is made of (0 when absent).
    public var shardCount: Int {
        switch self {
        case .absent: return 0
        case .single: return 1
        case let .sharded(_, shards): return shards.count
        }
    }

    /// Whether a shard is read through Xapian's remote protocol (`remote HOST:PORT`, or
    /// `remote :PROGRAM`, kept as `.other`): such an index runs only Xapian's own match spies
    /// (`Database.reachesRemoteShards`).
    public var reachesRemoteShards: Bool {
        guard case let .sharded(_, shards) = self else { return false }
        return shards.contains { shard in
            switch shard {
            case .remote: return true
            case let .other(line): return line.hasPrefix("remote")
            case .local: return false
            }
        }
    }

    /// The layout at `path`: a directory holding a stub file, a stub file itself, a database
    /// directory (any non-empty directory without a stub, as Xapian would open it), or nothing.
    public static func read(at path: String) -> IndexLayout {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { return .absent }
        let stub: String
        if isDirectory.boolValue {
            stub = path + "/" + IndexSchema.stubFileName
            guard fm.fileExists(atPath: stub) else {
                return ((try? fm.contentsOfDirectory(atPath: path)) ?? []).isEmpty ? .absent : .single(path: path)
            }
        } else {
            stub = path
        }
        let text = (try? String(contentsOfFile: stub, encoding: .utf8)) ?? ""
        let base = (stub as NSString).deletingLastPathComponent
        return .sharded(stub: stub, shards: parseStub(text, relativeTo: base.isEmpty ? "." : base))
    }

    /// The shards a stub file's `text` lists, as Xapian 1.4 reads it: one database per line,
    /// `TYPE REST`, blank lines and `#` comments skipped, relative paths against `base`.
    static func parseStub(_ text: String, relativeTo base: String) -> [Shard] {
        var shards: [Shard] = []
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            let rest = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
            if ["auto", "glass", "chert"].contains(parts[0]) && !rest.isEmpty {
                shards.append(.local(path: rest.hasPrefix("/") ? rest : base + "/" + rest))
            } else if parts[0] == "remote", !rest.hasPrefix(":"), let colon = rest.lastIndex(of: ":"),
                      let port = Int(rest[rest.index(after: colon)...]) {
                shards.append(.remote(host: String(rest[..<colon]), port: port))
            } else {
                shards.append(.other(line: line))
            }
        }
        return shards
    }

    /// Writes a stub file listing `shardCount` local shards (`auto shardN`, `IndexSchema
    /// .shardDirectoryName`) into the directory `path`, atomically, so a reader or a killed run
    /// never sees half a stub.
    public static func writeStub(inDirectory path: String, shardCount: Int) throws {
        let lines = (0..<shardCount).map { "auto " + IndexSchema.shardDirectoryName($0) }
        try Data((lines.joined(separator: "\n") + "\n").utf8)
            .write(to: URL(fileURLWithPath: path + "/" + IndexSchema.stubFileName), options: .atomic)
    }
}

/// A shard of a stub that could not be opened or stopped answering (`Database.missingShards`).
public struct MissingShard: Sendable, Equatable, CustomStringConvertible {
    /// Its place in the stub (0 first: the shard holding the index-wide metadata).
    public var number: Int
    /// Its path, `HOST:PORT`, or its stub line (`IndexLayout.Shard.description`).
    public var name: String
    /// Why, in Xapian's words (`NetworkError: Couldn't connect ...`).
    public var reason: String

    /// `shard 1 (127.0.0.1:33333): NetworkError: ...`.
    public var description: String { "shard \(number) (\(name)): \(reason)" }
}
