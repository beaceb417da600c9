import Foundation
import Search
import Output

/// The query string of a request as a multi-map, and the one place that turns parameters into
/// library requests. Parameters are named after the CLI's options (`mentioned_from` for
/// `--mentioned-from`); values are checked against `ServerLimits`, and the rest of the checks
/// are the library's (`SearchRequest.validate`), so the CLI and the API reject the same values
/// with the same messages.
struct QueryParameters: Sendable {
    private var values: [String: [String]] = [:]

    /// Parses `a=1&b=2&a=3` (keys and values percent-decoded; `+` is a space, as browsers
    /// send form data).
    init(query: String?) {
        for pair in (query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                // Swift's own replacing: Foundation's bridges each value through NSString,
                // which cost a few percent of a search request's CPU.
                let spaced = String(text.replacing("+", with: " "))
                guard spaced.utf8.contains(UInt8(ascii: "%")) else { return spaced }
                return spaced.removingPercentEncoding ?? spaced
            }
            let key = decode(parts[0])
            values[key, default: []].append(parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// The parameter names given.
    var names: Set<String> { Set(values.keys) }

    /// Every value of `name`, in order.
    func all(_ name: String) -> [String] { values[name] ?? [] }

    /// The last value of `name`, nil when absent.
    func last(_ name: String) -> String? { values[name]?.last }

    /// Rejects parameters the endpoint does not take (a typo would otherwise be ignored and
    /// silently widen the search).
    func requireOnly(_ allowed: Set<String>) throws(ServerError) {
        if let unknown = names.subtracting(allowed).sorted().first {
            throw .badParameter(name: unknown, message: "unknown parameter; this endpoint takes \(allowed.sorted().joined(separator: ", "))")
        }
    }

    /// A non-negative integer, or nil when absent.
    func integer(_ name: String) throws(ServerError) -> Int? {
        guard let text = last(name), !text.isEmpty else { return nil }
        guard let value = Int(text) else { throw .badParameter(name: name, message: "\"\(text)\" is not a whole number") }
        return value
    }

    /// A number or `all` (nil); `fallback` when absent.
    func limit(_ name: String, fallback: Int?) throws(ServerError) -> Int? {
        guard let text = last(name), !text.isEmpty else { return fallback }
        if text.lowercased() == "all" { return nil }
        guard let value = Int(text), value >= 0 else {
            throw .badParameter(name: name, message: "\"\(text)\" is not a number; use a number, or 'all'")
        }
        return value
    }

    /// A flag: present with no value, `true`/`1`/`yes` or `false`/`0`/`no`.
    func flag(_ name: String) throws(ServerError) -> Bool {
        guard let text = last(name) else { return false }
        switch text.lowercased() {
        case "", "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default: throw .badParameter(name: name, message: "\"\(text)\" is not true or false")
        }
    }

    /// A value of a library enumeration (`sort`, `format`, `facet`...).
    func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type, value text: String) throws(ServerError) -> T
    where T.RawValue == String {
        guard let value = T(rawValue: text.lowercased()) else {
            throw .badParameter(name: name, message: "\"\(text)\" is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    /// `format`, one of the formats `kind` is written in (`ResultKind.formats`), or `fallback`.
    func format(for kind: ResultKind, fallback: OutputFormat) throws(ServerError) -> OutputFormat {
        guard let text = last("format"), !text.isEmpty else { return fallback }
        guard let format = OutputFormat(rawValue: text.lowercased()), kind.formats.contains(format) else {
            throw .badParameter(name: "format", message: "\"\(text)\" is not one of \(kind.formats.map(\.rawValue).joined(separator: ", "))")
        }
        return format
    }

    /// The last value of `name` as a `T`, or `fallback`.
    func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type, fallback: T) throws(ServerError) -> T
    where T.RawValue == String {
        guard let text = last(name), !text.isEmpty else { return fallback }
        return try choice(name, type, value: text)
    }

    /// Every value of `name` as `T`s.
    func choices<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) throws(ServerError) -> [T]
    where T.RawValue == String {
        var list: [T] = []
        for text in all(name) where !text.isEmpty { list.append(try choice(name, type, value: text)) }
        return list
    }

    // MARK: - Requests

    /// The parameters of the query and its filters (every endpoint that searches).
    /// `allow_partial`, which every endpoint that answers from the index takes: a flag, as
    /// `--allow-partial` (`SearchEngine(allowPartial:)`).
    static let allowPartialName = "allow_partial"

    /// Whether the request allows an answer without shards that do not answer.
    func allowsPartial() throws(ServerError) -> Bool { try flag(Self.allowPartialName) }

    static let filterNames: Set<String> = ["q", "any", "actor", "type", "source", "from", "to", "mentioned_from", "mentioned_to"]
    /// What `/api/search` and `/api/export` take besides the filters.
    static let hitListNames: Set<String> = [
        "facet", "facet_limit", "limit", "offset", "sort", "per_article", "context", "format", "fields", "snippet_length",
    ]

    /// A page of hits: the `limit` when none is given (nil: every hit) and the largest allowed.
    struct Page {
        var defaultLimit: Int?
        var maxLimit: Int?
    }

    /// The query and filters as a request, every value within `limits`. With a `page`, the
    /// hit-list parameters too (`hitListNames`); without, a request for counts only (no hits).
    func searchRequest(limits: ServerLimits, page: Page?) throws(ServerError) -> SearchRequest {
        let query = last("q") ?? ""
        for name in Self.filterNames {
            for value in all(name) where value.count > limits.maxQueryLength {
                throw .badParameter(name: name, message: "\(value.count) characters; at most \(limits.maxQueryLength)")
            }
        }
        var request = SearchRequest(query: query, matchAny: try flag("any"))
        for filter in SearchFilter.allCases {
            // HTTP names are the options' with `_` for `-` (`mentioned_from`); empty means unset.
            let name = String(filter.rawValue.replacing("-", with: "_"))
            let values = filter.isRepeatable ? all(name) : last(name).map { [$0] } ?? []
            do { try filter.apply(values.filter { !$0.isEmpty }, to: &request) } catch { throw .search(error) }
        }
        guard let page else {
            request.limit = 0
            do { try request.validate() } catch { throw .search(error) }
            return request
        }
        request.order = try choice("sort", SearchRequest.Order.self, fallback: .relevance)
        request.perArticle = try integer("per_article")
        request.offset = try integer("offset") ?? 0
        request.limit = try limit("limit", fallback: page.defaultLimit)
        if let maxLimit = page.maxLimit, (request.limit ?? Int.max) > maxLimit {
            throw .badParameter(
                name: "limit", message: "at most \(maxLimit) hits per page; page with offset, or get the whole list from /api/export")
        }
        request.facets = try choices("facet", FacetKind.self)
        request.facetLimit = try limit("facet_limit", fallback: 10)
        if (request.facetLimit ?? Int.max) > limits.maxFacetLimit {
            throw .badParameter(name: "facet_limit", message: "at most \(limits.maxFacetLimit) values per facet")
        }
        request.context = try integer("context") ?? 0
        if request.context > limits.maxContext {
            throw .badParameter(name: "context", message: "at most \(limits.maxContext) paragraphs on each side")
        }
        if let length = try integer("snippet_length") {
            guard (1...2_000).contains(length) else { throw .badParameter(name: "snippet_length", message: "use 1 to 2000 bytes") }
            request.snippetLength = length
        }
        do { try request.validate() } catch { throw .search(error) }
        return request
    }

    /// `fields=a,b,c` (nil: the defaults), checked by the library's parser.
    func fields() throws(ServerError) -> [ExportField]? {
        guard let text = last("fields"), !text.isEmpty else { return nil }
        do { return try ExportField.parseList(text) } catch {
            throw .badParameter(name: "fields", message: "\(error)")
        }
    }
}
