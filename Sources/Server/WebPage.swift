import Foundation

/// The web page's files (`Sources/Server/WebPage`: plain HTML, CSS and JavaScript, no build
/// step, nothing fetched from elsewhere), read once from the module's bundle into memory.
/// Requests can only name these files, so no request reaches another path on disk.
struct WebPage: Sendable {
    /// A file: its bytes and its content type.
    struct File: Sendable {
        var data: Data
        var contentType: String
    }

    /// By request path: `/` is `index.html`.
    let files: [String: File]

    /// Loads the files.
    /// - Throws: when the bundle lacks one (a broken build).
    init() throws {
        let names: [(String, String, String)] = [
            ("index", "html", "text/html; charset=utf-8"), ("app", "css", "text/css; charset=utf-8"),
            ("app", "js", "text/javascript; charset=utf-8"),
        ]
        var files: [String: File] = [:]
        for (name, ext, type) in names {
            guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "WebPage") else {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "WebPage/\(name).\(ext)"])
            }
            files["/\(name).\(ext)"] = File(data: try Data(contentsOf: url), contentType: type)
        }
        guard let index = files["/index.html"] else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "WebPage/index.html"])
        }
        files["/"] = index
        self.files = files
    }
}
