import ArgumentParser
import Search

/// Opens `--output FILE` or standard output, mapping failure to exit 73.
enum OutputTarget {
    static func open(_ path: String?) throws -> OutputSink {
        guard let path else { return OutputSink.standardOutput() }
        do {
            return try OutputSink.file(path)
        } catch {
            Diagnostics.say("dossier: error: cannot create \(path): \(error.localizedDescription)")
            throw ExitCodes.cannotCreate
        }
    }
}
