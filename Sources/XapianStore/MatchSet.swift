internal import CXapianShim

/// One page of ranked matches. The corresponding C++ type is `Xapian::MSet`.
public final class MatchSet {
    let handle: OpaquePointer
    private let owner: Enquire

    init(handle: OpaquePointer, owner: Enquire) {
        self.handle = handle
        self.owner = owner
    }

    deinit { cx_mset_free(handle) }

    /// The number of matches on this page.
    public var count: Int { Int(cx_mset_size(handle)) }

    /// Bounds on the total number of matches; all three are equal when the count is exact.
    public var totals: (lowerBound: Int, estimated: Int, upperBound: Int) {
        var lower: UInt32 = 0, estimated: UInt32 = 0, upper: UInt32 = 0
        cx_mset_counts(handle, &lower, &estimated, &upper)
        return (Int(lower), Int(estimated), Int(upper))
    }

    /// The match at `index` on this page: its document id, BM25 weight and stored data.
    public func item(_ index: Int) throws(XapianError) -> (docid: Int, weight: Double, data: String) {
        var docid: UInt32 = 0
        var weight = 0.0
        let data = try fetchString("reading match \(index)") {
            cx_mset_item(handle, UInt32(index), &docid, &weight, $0, $1, $2)
        }
        return (Int(docid), weight, data)
    }

    /// The match at `index`: its document id and BM25 weight, without reading its data.
    public func weight(_ index: Int) throws(XapianError) -> (docid: Int, weight: Double) {
        var docid: UInt32 = 0
        var weight = 0.0
        try check("reading match \(index)") { cx_mset_item_weight(handle, UInt32(index), &docid, &weight, $0) }
        return (Int(docid), weight)
    }

    /// The value in `slot` of the match at `index`.
    public func value(_ index: Int, slot: IndexSchema.ValueSlot) throws(XapianError) -> String {
        try fetchString("reading value") { cx_mset_item_value(handle, UInt32(index), slot.rawValue, $0, $1, $2) }
    }

    /// Xapian's best `length`-byte extract of `text` for this page's query, with matching words
    /// between `highlightStart` and `highlightEnd`. The result is HTML-escaped by Xapian.
    public func snippet(
        of text: String, length: Int, language: String, highlightStart: String, highlightEnd: String, omission: String
    ) throws(XapianError) -> String {
        try withBytes(text) { (bytes, count) throws(XapianError) in
            try fetchString("making a snippet") {
                cx_mset_snippet(handle, bytes, count, length, language, highlightStart, highlightEnd, omission, $0, $1, $2)
            }
        }
    }
}

@available(*, unavailable)
extension MatchSet: Sendable {}
