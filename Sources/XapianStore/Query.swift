internal import CXapianShim

/// A Xapian query. The corresponding C++ type is `Xapian::Query`.
public final class Query {
    let handle: OpaquePointer

    init(handle: OpaquePointer) { self.handle = handle }
    deinit { cx_query_free(handle) }

    /// How two queries combine.
    public enum Operator: Int32, Sendable {
        /// Both must match; weights add.
        case and = 0
        /// Either matches; weights add.
        case or = 1
        /// The left matches and the right does not.
        case andNot = 2
        /// The left matches, restricted to documents the right matches; only the left ranks.
        case filter = 3
        /// The left must match; the right adds weight where it matches.
        case andMaybe = 4
    }

    /// Every document.
    public static func matchAll() throws(XapianError) -> Query {
        var out: OpaquePointer? = nil
        try check("building a match-all query") { cx_query_match_all(&out, $0) }
        return Query(handle: out!)
    }

    /// Documents indexed by `term`.
    public static func term(_ term: String) throws(XapianError) -> Query {
        var out: OpaquePointer? = nil
        try withBytes(term) { (bytes, length) throws(XapianError) in
            try check("building a term query") { cx_query_term(bytes, length, &out, $0) }
        }
        return Query(handle: out!)
    }

    /// Combines two queries.
    public static func combine(_ op: Operator, _ left: Query, _ right: Query) throws(XapianError) -> Query {
        var out: OpaquePointer? = nil
        try check("combining queries") { cx_query_combine(op.rawValue, left.handle, right.handle, &out, $0) }
        return Query(handle: out!)
    }

    /// The distinct terms of the query, in term order.
    public func terms() throws(XapianError) -> [String] {
        let collector = TermCollector()
        try check("listing the terms of a query") {
            cx_query_terms_each(handle, TermCollector.visitor, Unmanaged.passUnretained(collector).toOpaque(), $0)
        }
        return collector.items.map(\.0)
    }

    /// True for a query that matches nothing because it has no terms (e.g. only stop words).
    public var isEmpty: Bool { cx_query_is_empty(handle) != 0 }
}

@available(*, unavailable)
extension Query: Sendable {}
