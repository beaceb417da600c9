import Foundation

/// Expands the paths a user names into the files to index, in a stable order.
///
/// Directories are walked recursively in sorted order; hidden files and folders are skipped;
/// symbolic links are followed, but a link back into a folder being walked is reported as a
/// loop instead of being followed forever.
struct InputFiles {
    /// One file to index.
    struct Entry: Equatable, Sendable {
        /// The path as found (under the root the user named).
        var path: String
        /// The stable identity: the path relative to the named root's parent.
        var identity: String
    }

    var entries: [Entry] = []
    var problems: [ReadProblem] = []

    /// Expands `paths`.
    init(paths: [String]) {
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(ReadProblem(file: path, message: "no such file or directory", severity: .skipped))
                continue
            }
            let url = URL(fileURLWithPath: path).standardizedFileURL
            if isDirectory.boolValue {
                let base = url.lastPathComponent
                let shown = path.hasSuffix("/") ? String(path.dropLast()) : path
                walk(url, shownPath: shown, identityPrefix: base, visited: [url.resolvingSymlinksInPath().path])
            } else {
                entries.append(Entry(path: path, identity: url.lastPathComponent))
            }
        }
    }

    /// Walks `directory`; `shownPath` is how the user would write it (their own root + names).
    private mutating func walk(_ directory: URL, shownPath: String, identityPrefix: String, visited: Set<String>) {
        let fm = FileManager.default
        let names: [String]
        do {
            names = try fm.contentsOfDirectory(atPath: directory.path).sorted()
        } catch {
            problems.append(ReadProblem(file: shownPath, message: "cannot list the folder: permission denied or unreadable", severity: .skipped))
            return
        }
        for name in names where !name.hasPrefix(".") {
            let child = directory.appendingPathComponent(name)
            let shownChild = shownPath + "/" + name
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: child.path, isDirectory: &isDirectory) else {
                problems.append(ReadProblem(file: shownChild, message: "broken symbolic link", severity: .skipped))
                continue
            }
            let identity = identityPrefix + "/" + name
            if isDirectory.boolValue {
                let real = child.resolvingSymlinksInPath().path
                if visited.contains(real) {
                    problems.append(ReadProblem(file: shownChild, message: "symbolic link loop (leads back to \(real)); not followed", severity: .skipped))
                    continue
                }
                walk(child, shownPath: shownChild, identityPrefix: identity, visited: visited.union([real]))
            } else {
                entries.append(Entry(path: shownChild, identity: identity))
            }
        }
    }
}
