internal import CXapianShim

/// Runs a query against a database and ranks the matches (BM25 or IneB2). The corresponding C++ type is
/// `Xapian::Enquire`.
public final class Enquire {
    let handle: OpaquePointer
    private let database: Database
    private let query: Query

    /// The order of results.
    public enum Order: Sendable {
        /// BM25 relevance, best first.
        case relevance
        /// By a value slot (ascending or descending), relevance breaking ties.
        case value(IndexSchema.ValueSlot, descending: Bool)
    }

    /// Prepares to run `query` on `database`.
    public init(database: Database, query: Query) throws(XapianError) {
        var out: OpaquePointer? = nil
        try check("preparing the search") { cx_enquire_new(database.handle, query.handle, &out, $0) }
        handle = out!
        self.database = database
        self.query = query
    }

    deinit { cx_enquire_free(handle) }

    /// Sets BM25's parameters: `k1` saturates term frequency (0 counts a term once, large
    /// values count every occurrence), `b` normalises by document length (0 none, 1 full).
    /// Without this call Xapian's defaults apply (k1 = 1, b = 0.5).
    public func setBM25(k1: Double, b: Double) throws(XapianError) {
        try check("setting BM25's parameters") { cx_enquire_set_bm25(handle, k1, b, $0) }
    }

    /// Weighs matches with Xapian's IneB2 instead of BM25, a divergence-from-randomness
    /// model: a term's informativeness from the number of documents expected to hold it,
    /// `ne = N (1 - e^(-F/N))` for F occurrences in N documents, so it stays positive however
    /// common the term (IfB2's, from F itself, is negative once F > N + 0.5, and Xapian then
    /// drops those matches), a Bernoulli after-effect, and the term count normalised by length
    /// (normalisation 2): `wdf × log2(1 + c × avglen / len)`, so a larger `c` (more than 0)
    /// penalises long documents less. Xapian ships it in `xapian-tcpsrv`'s registry too, so
    /// remote shards weigh alike. Throws `.invalidArgument` for `c <= 0` (Xapian's own check).
    public func setIneB2(c: Double) throws(XapianError) {
        try check("setting the IneB2 weighting") { cx_enquire_set_ineb2(handle, c, $0) }
    }

    /// Sets the order of results.
    public func setOrder(_ order: Order) throws(XapianError) {
        try check("setting the sort order") {
            switch order {
            case .relevance: return cx_enquire_set_sort(handle, Int32(CX_SORT_RELEVANCE), 0, $0)
            case let .value(slot, descending):
                return cx_enquire_set_sort(
                    handle, Int32(descending ? CX_SORT_VALUE_DESCENDING : CX_SORT_VALUE_ASCENDING), slot.rawValue, $0)
            }
        }
    }

    /// Keeps at most `maximum` matches per distinct value of `slot`.
    public func collapse(on slot: IndexSchema.ValueSlot, maximum: Int) throws(XapianError) {
        try check("setting collapse") { cx_enquire_set_collapse(handle, slot.rawValue, UInt32(maximum), $0) }
    }

    /// Stops the matches run after this call once `seconds` have passed.
    ///
    /// On a local index a match past the deadline throws `XapianError` with code `.timedOut`
    /// (a deadline spy in the shim: Xapian 1.4's own limit was not seen to cut an exhaustive
    /// count). An index reaching remote shards (`Database.reachesRemoteShards`) gets Xapian's
    /// `Enquire::set_time_limit`, which `xapian-tcpsrv` honours: past it the matcher stops
    /// honouring `checkAtLeast`, so the totals come back inexact (lower bound below upper
    /// bound), which is how a caller tells that cut match from a whole one.
    public func setTimeLimit(seconds: Double) throws(XapianError) {
        try limitTime(to: max(0, seconds))
    }

    /// Lifts the limit `setTimeLimit` set, for the matches run after this call (the later
    /// pages of an export, read at the reader's pace).
    public func removeTimeLimit() throws(XapianError) {
        try limitTime(to: nil)
    }

    /// The one place that picks the mechanism: Xapian's limit for remote shards (0 there means
    /// none, so a limit is at least 1 ms), the shim's deadline otherwise (negative: none).
    private func limitTime(to seconds: Double?) throws(XapianError) {
        let remote = database.reachesRemoteShards
        try check("setting the time limit") {
            remote ? cx_enquire_set_time_limit(handle, seconds.map { max(0.001, $0) } ?? 0, $0)
                : cx_enquire_set_deadline(handle, seconds ?? -1, $0)
        }
    }

    /// Counts the (multi-)values of `slot` over every match examined.
    ///
    /// The counting is Xapian's stock `ValueCountMatchSpy`, which a stock `xapian-tcpsrv`
    /// runs and merges for remote shards (a custom spy would have to be registered in the
    /// server). It counts each distinct stored string; `FacetCounter.counts()` splits those
    /// combinations into their items.
    public func addFacet(slot: IndexSchema.ValueSlot) throws(XapianError) -> FacetCounter {
        var out: OpaquePointer? = nil
        try check("adding a facet") { cx_enquire_add_facet(handle, slot.rawValue, &out, $0) }
        return FacetCounter(handle: out!, owner: self)
    }

    /// Counts (a, b) pairs over every match examined: a from `first`, b from `second`, each
    /// slot multi-valued; a document counts each of its pairs once (a cross-tabulation).
    public func addPairFacet(_ first: IndexSchema.ValueSlot, _ second: IndexSchema.ValueSlot) throws(XapianError) -> PairCounter {
        var out: OpaquePointer? = nil
        try check("adding a cross-tabulation") {
            cx_enquire_add_pair_facet(
                handle, first.rawValue, second.rawValue, CChar(IndexSchema.multiValueSeparator.asciiValue!), &out, $0)
        }
        return PairCounter(handle: out!, owner: self)
    }

    /// Runs the match and returns ranks `first ..< first + maximum`.
    /// - Parameter checkAtLeast: examine at least this many matches; the document count makes
    ///   the total and the facet counts exact.
    public func matchSet(first: Int, maximum: Int, checkAtLeast: Int) throws(XapianError) -> MatchSet {
        var out: OpaquePointer? = nil
        try check("running the search") {
            cx_enquire_mset(handle, UInt32(clamping: first), UInt32(clamping: maximum), UInt32(clamping: checkAtLeast), &out, $0)
        }
        return MatchSet(handle: out!, owner: self)
    }
}

@available(*, unavailable)
extension Enquire: Sendable {}

/// A match spy living inside an `Enquire` (which frees it): the handle keeps its enquire alive.
public class MatchSpyHandle {
    let handle: OpaquePointer
    private let owner: Enquire

    init(handle: OpaquePointer, owner: Enquire) {
        self.handle = handle
        self.owner = owner
    }
}

@available(*, unavailable)
extension MatchSpyHandle: Sendable {}

/// The counts a facet collected during `Enquire.matchSet`.
public final class FacetCounter: MatchSpyHandle {

    /// Each item seen, with the number of matching documents that hold it.
    ///
    /// The spy counted whole stored values, so a passage with actors a and b was counted under
    /// "a␟b"; each such combination's count is added to each of its items. A document stores
    /// each item once per slot (the writer's rule), so the sums are exactly the number of
    /// matching documents holding each item, however many items a document has.
    public func counts() throws(XapianError) -> [String: Int] {
        let collector = TermCollector()
        try check("reading facet counts") {
            cx_facet_spy_each(handle, TermCollector.visitor, Unmanaged.passUnretained(collector).toOpaque(), $0)
        }
        return Self.itemCounts(collector.items)
    }

    /// Splits counted combinations (items joined by `IndexSchema.multiValueSeparator`) and sums
    /// each item's counts; empty items are not counted.
    static func itemCounts(_ combinations: [(String, Int)]) -> [String: Int] {
        var result: [String: Int] = [:]
        result.reserveCapacity(combinations.count)
        for (value, count) in combinations {
            for item in value.utf8.split(separator: IndexSchema.multiValueSeparator.asciiValue!) {
                result[String(decoding: item, as: UTF8.self), default: 0] += count
            }
        }
        return result
    }

    /// How many documents the facet examined.
    public var documentsExamined: Int { Int(cx_facet_spy_total(handle)) }
}

/// The pair counts a cross-tabulation collected during `Enquire.matchSet`.
public final class PairCounter: MatchSpyHandle {

    /// Each (first, second) pair seen, with the number of matching documents holding both.
    public func counts() throws(XapianError) -> [Pair: Int] {
        let collector = PairCollector()
        try check("reading cross-tabulation counts") {
            cx_pair_spy_each(handle, PairCollector.visitor, Unmanaged.passUnretained(collector).toOpaque(), $0)
        }
        return collector.counts
    }

    /// How many documents the cross-tabulation examined.
    public var documentsExamined: Int { Int(cx_pair_spy_total(handle)) }

    /// A (first slot value, second slot value) pair.
    public struct Pair: Hashable, Sendable {
        /// The value from the first slot.
        public var first: String
        /// The value from the second slot.
        public var second: String
        /// Creates a pair.
        public init(first: String, second: String) {
            self.first = first
            self.second = second
        }
    }

    private final class PairCollector {
        var counts: [Pair: Int] = [:]
        static let visitor: cx_pair_visitor = { context, a, aLength, b, bLength, count in
            let me = Unmanaged<PairCollector>.fromOpaque(context!).takeUnretainedValue()
            let pair = Pair(
                first: String(decoding: UnsafeRawBufferPointer(start: a, count: aLength), as: UTF8.self),
                second: String(decoding: UnsafeRawBufferPointer(start: b, count: bLength), as: UTF8.self))
            me.counts[pair, default: 0] += Int(count)
        }
    }
}
