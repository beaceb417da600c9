import NewsModel
import Output
import XapianStore

/// An actor offered in an error: its canonical name and how many passages it has.
public struct ActorCandidate: Equatable, Sendable, CustomStringConvertible {
    /// The canonical name.
    public var name: String
    /// The passages that mention it.
    public var passages: Int

    /// A candidate.
    public init(name: String, passages: Int) {
        self.name = name
        self.passages = passages
    }

    init(_ actor: ActorInfo) { self.init(name: actor.name, passages: actor.passages) }

    /// `"James Baker" (525 passages)`.
    public var description: String { "\"\(name)\" (\(passages) passage\(passages == 1 ? "" : "s"))" }
}

/// Why a search failed.
public enum SearchError: Error, Equatable, CustomStringConvertible {
    /// There is no index at the path.
    case indexNotFound(path: String)
    /// The index was written with another schema version (`IndexSchema.version`) and must be
    /// indexed again: its value slots would not answer this version's queries.
    case incompatibleIndex(path: String, version: String)
    /// The query text is malformed; `message` says how.
    case invalidQuery(query: String, message: String)
    /// The query's words are all stop words (`words`, lower case), which match nothing.
    case onlyStopWords(query: String, words: [String])
    /// A filter value is invalid (a bad date, an unknown actor).
    case invalidFilter(option: String, value: String, message: String)
    /// An actor name matches no actor, or several; `candidates` are the actors it may mean
    /// (ambiguous) or the closest ones (unknown), best first.
    case unknownActor(name: String, candidates: [ActorCandidate], ambiguous: Bool)
    /// Xapian failed (I/O, corruption, a lock).
    case store(XapianError)
    /// Writing the results failed (disk full, closed pipe).
    case output(reason: String)
    /// An input the call reads (a batch file, standard input) cannot be read.
    case unreadableInput(path: String, reason: String)
    /// A passage's stored record cannot be read (the index is damaged, or another program
    /// wrote the document): an error, never a hit left out of a list its total counts.
    /// `passage` names it: its id, or its Xapian document number when the id is what is lost.
    case unreadableRecord(path: String, passage: String, reason: String)
    /// The match ran past `SearchRequest.timeLimit` (`seconds`) and was stopped before it had
    /// counted every match, so no exact total or facet could be given.
    case timedOut(query: String, seconds: Double)
    /// Shards of the index at `path` did not answer (a remote one is down or timed out, a local
    /// one is gone). Without `partialAllowed` no answer is given rather than a smaller one;
    /// with it, only when the first shard (the index-wide metadata) is among them.
    case shardsUnreachable(path: String, shards: [PartialAnswer.Shard], partialAllowed: Bool)

    /// One line for the user: what, where, and what to do.
    public var description: String {
        switch self {
        case let .indexNotFound(path):
            return "no index at \(path); create one with `dossier index PATH --index \(path)`"
        case let .incompatibleIndex(path, version):
            return "the index at \(path) has schema version \(version) and this dossier reads version \(IndexSchema.version); "
                + "rebuild it: `dossier index PATH... --rebuild --index \(path)`"
        case let .invalidQuery(query, message):
            return "invalid query \"\(query)\": \(message)"
        case let .onlyStopWords(query, words):
            return "the query \"\(query)\" has only stop words (" + words.joined(separator: ", ")
                + "), which are too common to be searched on their own; add a word that says what you are looking for"
        case let .invalidFilter(option, value, message):
            return "\(option) \(value): \(message)"
        case let .unknownActor(name, candidates, ambiguous):
            let listed = candidates.map(\.description).joined(separator: ", ")
            if ambiguous {
                let exact = candidates.contains { Slug.fold($0.name) == Slug.fold(name) }
                return "actor \"\(name)\" is ambiguous: it names \(listed); give the full name"
                    + (exact ? ", or =\(name) for the actor called exactly that" : "")
            }
            let lead = "no actor named \"\(name)\" in the index"
            guard !candidates.isEmpty else { return lead + "; list actors with `dossier actors`" }
            return lead + "; did you mean: " + listed + "?"
        case let .store(error):
            return error.description
        case let .output(reason):
            return "cannot write the results: \(reason)"
        case let .unreadableInput(path, reason):
            return "cannot read \(path): \(reason); give a readable file of queries, one a line, or pipe them in"
        case let .unreadableRecord(path, passage, reason):
            return "the index at \(path) holds a passage (\(passage)) whose stored record cannot be read (\(reason)); "
                + "the index is damaged or was written by another program: rebuild it with `dossier index PATH... --rebuild --index \(path)`"
        case let .timedOut(query, seconds):
            let limit = seconds < 1 ? "\(Int((seconds * 1000).rounded())) ms" : String(format: "%.1f s", seconds)
            return "the search \"\(query)\" ran past its time limit of \(limit) and was stopped before it had counted every match; "
                + "narrow it (a rarer word, an actor, a date range) and try again"
        case let .shardsUnreachable(path, shards, partialAllowed):
            let listed = shards.map { "\($0.number) (\($0.name)) [\($0.reason)]" }.joined(separator: ", ")
            let lead = "shard\(shards.count == 1 ? "" : "s") \(listed) of \(path) \(shards.count == 1 ? "does" : "do") not answer; "
            if partialAllowed {
                return lead + "shard 0 holds the index's schema and actor tables, so no answer, not even a partial one, "
                    + "can be given without it: start its server or correct the stub file"
            }
            return lead + "start its server or correct the stub file, or allow a partial answer from the other shards "
                + "(--allow-partial; allow_partial=1 in the HTTP API)"
        }
    }

    /// Maps a Xapian error raised while searching `path` for `query`.
    static func from(_ error: XapianError, path: String, query: String) -> SearchError {
        switch error.code {
        case .databaseNotFound: return .indexNotFound(path: path)
        case .queryParse, .wildcard: return .invalidQuery(query: query, message: error.message)
        default: return .store(error)
        }
    }
}

extension SearchError: CategorisedError {
    /// What kind of failure this is (a store error inside: the store's category).
    public var category: ErrorCategory {
        switch self {
        case .indexNotFound, .incompatibleIndex, .unreadableInput: return .noInput
        case .invalidQuery, .onlyStopWords, .invalidFilter, .unknownActor, .timedOut: return .badQuery
        case let .store(inner): return inner.category
        case .output, .unreadableRecord, .shardsUnreachable: return .ioError
        }
    }
}
