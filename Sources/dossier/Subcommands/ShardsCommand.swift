import ArgumentParser
import Foundation
import Output
import Search

extension DossierCommand {
    /// `dossier shards`: the databases an index is made of, and whether each answers.
    struct Shards: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "shards",
            abstract: "List the shards of an index, local or remote, with passages, size and reachability.",
            discussion: """
                An index written with `dossier index --shards N` is a stub file (XAPIANDB) listing \
                its shards; --index may also name a stub file of your own, for example one listing \
                shards served by xapian-tcpsrv (`remote HOST:PORT` lines). Each shard is opened on \
                its own, so one that is down is reported by name. A one-database index lists itself.

                Exit status 0 when every shard answers, 74 when one does not (the list is still \
                written, the shard marked DOWN with Xapian's reason).
                """)

        @OptionGroup var location: IndexLocationOptions

        @Option(help: ResultKind.shardList.formatHelp)
        var format: OutputFormat = ResultKind.shardList.defaultFormat

        func validate() throws { try ResultKind.shardList.validate(format) }

        func run() throws {
            let list: ShardList
            do { list = try ShardList.read(index: location.path) } catch { throw Diagnostics.fail(error) }
            do {
                let sink = OutputSink.standardOutput()
                try ShardListWriter.write(list, as: format, to: sink)
                try sink.close()
            } catch {
                throw Diagnostics.fail(SearchError.output(reason: "\(error)"))
            }
            if let down = list.unreachable.first {
                let others = list.unreachable.count > 1 ? " (and \(list.unreachable.count - 1) more)" : ""
                Diagnostics.say("dossier: error: shard \(down.number) (\(down.name)) of \(location.path) does not answer\(others); start its server or correct the stub file")
                throw ExitCodes.ioError
            }
        }
    }
}
