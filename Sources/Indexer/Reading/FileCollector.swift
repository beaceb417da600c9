import Foundation

/// Expands the paths a user names into the files to read, and says why anything else is
/// left out.
///
/// - Folders are walked recursively, entries in byte order of their names, so two runs
///   over the same tree see the same files in the same order.
/// - Symbolic links are followed. A folder reached again while inside itself (a symlink
///   loop) is reported and not entered; a folder or file reached a second time by another
///   link is reported as a duplicate. Identity is by device and inode, so it holds however
///   the link is spelled. A link that loops on itself (`ELOOP`) or points nowhere is
///   reported too.
/// - Hidden entries (`.git`, `.DS_Store`) inside a folder are skipped without a report, as
///   `ls` and `grep -r`-style tools do; a hidden path the user names is read.
/// - Files with no reader (`notes.pdf`, `README`) are reported, never silently dropped.
/// - Files that cannot be opened (permissions) and things that are not regular files
///   (FIFOs, devices, which would block or never end) are reported with the reason.
///
/// Nothing is read here except folder listings and `stat`; `InputFile.load()` reads.
public struct FileCollector: Sendable {
    /// The format of standard input (`-`), from `--stdin-format`; nil if not given.
    public var stdinFormat: InputFormat?

    /// Creates a collector.
    public init(stdinFormat: InputFormat? = nil) {
        self.stdinFormat = stdinFormat
    }

    /// The files found and the paths left out.
    public struct Collection: Sendable, Equatable {
        /// Readable files in a supported format, in a stable order.
        public var files: [InputFile] = []
        /// What was left out and why (severity `.skipped`).
        public var skipped: [ReadProblem] = []
    }

    /// Expands `paths` (files, folders, or `-` for standard input).
    public func collect(_ paths: [String]) -> Collection {
        var walk = Walk()
        for path in paths {
            if path == "-" {
                if let stdinFormat {
                    walk.result.files.append(InputFile(path: "-", identity: "stdin", format: stdinFormat))
                } else {
                    walk.skip("-", "standard input needs --stdin-format (\(InputFormat.names.joined(separator: ", ")))")
                }
                continue
            }
            let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
            walk.visit(path: trimmed, identity: Self.rootName(trimmed))
        }
        return walk.result
    }

    /// The last component of a path as given, resolving `.`/`..` (`.` inside `~/news/dawn`
    /// is `dawn`); empty for `/`.
    static func rootName(_ path: String) -> String {
        let last = (path as NSString).lastPathComponent
        if last == "/" { return "" }
        if last == "." || last == ".." || last.isEmpty {
            return URL(fileURLWithPath: path).standardizedFileURL.lastPathComponent.replacingOccurrences(of: "/", with: "")
        }
        return last
    }

    /// The state of one collection.
    private struct Walk {
        struct FileID: Hashable { var device: UInt64; var inode: UInt64 }
        var result = Collection()
        /// Folders on the current path from a named root, for loop detection.
        var ancestors: [FileID: String] = [:]
        /// Everything collected so far, for duplicate detection.
        var seen: [FileID: String] = [:]

        mutating func skip(_ path: String, _ reason: String) {
            result.skipped.append(ReadProblem(file: path, message: reason, severity: .skipped))
        }

        mutating func visit(path: String, identity: String) {
            var info = stat()
            guard stat(path, &info) == 0 else {
                let error = errno
                var link = stat()
                if error == ELOOP {
                    skip(path, "symlink loop: the link never reaches a file; skipped")
                } else if error == ENOENT, lstat(path, &link) == 0 {
                    skip(path, "broken symlink: its target does not exist; skipped")
                } else {
                    skip(path, "cannot read: \(String(cString: strerror(error)))")
                }
                return
            }
            let id = FileID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
            let kind = info.st_mode & S_IFMT
            if kind == S_IFDIR {
                if let ancestor = ancestors[id] {
                    skip(path, "symlink loop: leads back to \(ancestor); not followed")
                    return
                }
                if let earlier = seen[id] {
                    skip(path, "same folder as \(earlier) (reached through a link); not read twice")
                    return
                }
                seen[id] = path
                ancestors[id] = path
                defer { ancestors[id] = nil }
                let entries: [String]
                do {
                    entries = try FileManager.default.contentsOfDirectory(atPath: path)
                } catch {
                    // FileManager's message hides errno; opendir gives the reason itself.
                    let reason = opendir(path).map { closedir($0); return "cannot list" }
                        ?? String(cString: strerror(errno))
                    skip(path, "cannot read folder: \(reason)")
                    return
                }
                let sorted = entries.filter { !$0.hasPrefix(".") }
                    .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                for entry in sorted {
                    let childPath = path == "/" ? "/" + entry : path + "/" + entry
                    let childIdentity = identity.isEmpty ? entry : identity + "/" + entry
                    visit(path: childPath, identity: childIdentity)
                }
                return
            }
            guard kind == S_IFREG else {
                skip(path, "not a regular file (a device, socket or pipe); skipped")
                return
            }
            guard let format = InputFormat(path: path) else {
                let ext = (path as NSString).pathExtension
                skip(path, (ext.isEmpty ? "no file extension" : "unsupported file type `.\(ext)`")
                     + "; readable: " + InputFormat.allCases.flatMap { $0.extensions.map { "." + $0 } }.joined(separator: " "))
                return
            }
            if let earlier = seen[id] {
                skip(path, "same file as \(earlier) (a link or hard link); not read twice")
                return
            }
            guard access(path, R_OK) == 0 else {
                skip(path, "cannot read: \(String(cString: strerror(errno)))")
                return
            }
            seen[id] = path
            result.files.append(InputFile(path: path, identity: identity, format: format))
        }
    }
}
