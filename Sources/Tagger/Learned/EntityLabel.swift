/// The four entity classes of the CoNLL-2003 scheme that the learned labeller finds.
public enum EntityClass: UInt8, Sendable, CaseIterable, Codable {
    /// A person.
    case person
    /// An organisation.
    case organization
    /// A location (countries included: CoNLL does not tell them apart).
    case location
    /// Other names: nationalities, events, works, products ("Booker Prize", "Israeli").
    case miscellaneous

    /// The CoNLL abbreviation: PER, ORG, LOC, MISC.
    public var conllName: String {
        switch self {
        case .person: "PER"
        case .organization: "ORG"
        case .location: "LOC"
        case .miscellaneous: "MISC"
        }
    }

    /// The class a CoNLL abbreviation names, or nil.
    public init?(conllName: String) {
        guard let found = EntityClass.allCases.first(where: { $0.conllName == conllName }) else { return nil }
        self = found
    }
}

/// The labels of the sequence model: BIO (IOB2) over the entity classes.
///
/// Label 0 is `O`; for class `c`, `1 + 2c` begins a span and `2 + 2c` continues it.
public enum EntityLabel {
    /// The number of labels: O plus B and I for each class.
    public static let count = 1 + 2 * EntityClass.allCases.count
    /// Outside any span.
    public static let outside = 0

    /// The label that begins a span of `entity`.
    public static func begin(_ entity: EntityClass) -> Int { 1 + 2 * Int(entity.rawValue) }
    /// The label that continues a span of `entity`.
    public static func inside(_ entity: EntityClass) -> Int { 2 + 2 * Int(entity.rawValue) }
    /// The class of a label, nil for `O`.
    public static func entity(of label: Int) -> EntityClass? {
        label == outside ? nil : EntityClass(rawValue: UInt8((label - 1) / 2))
    }
    /// Whether the label begins a span.
    public static func isBegin(_ label: Int) -> Bool { label != outside && (label - 1) % 2 == 0 }

    /// Whether `label` may follow `previous` (nil at sentence start): an I- continues a span of
    /// its own class only. Decoding enforces it, so every output is well-formed BIO.
    public static func allowed(_ label: Int, after previous: Int?) -> Bool {
        guard label != outside, !isBegin(label) else { return true }
        guard let previous, previous != outside else { return false }
        return entity(of: previous) == entity(of: label)
    }

    /// The CoNLL tag string of a label: `O`, `B-PER`, `I-LOC`.
    public static func conllTag(_ label: Int) -> String {
        guard let entity = entity(of: label) else { return "O" }
        return (isBegin(label) ? "B-" : "I-") + entity.conllName
    }

    /// Converts CoNLL tags in IOB1, IOB2 or IO to BIO labels: an `I-X` that does not continue
    /// an X span begins one. Returns nil, with the offending tag, for an unknown tag.
    public static func labels(fromConllTags tags: [String]) -> Result<[Int], UnknownTag> {
        var labels: [Int] = []
        labels.reserveCapacity(tags.count)
        for tag in tags {
            if tag == "O" { labels.append(outside); continue }
            let parts = tag.split(separator: "-", maxSplits: 1)
            guard parts.count == 2, let entity = EntityClass(conllName: String(parts[1])),
                  parts[0] == "B" || parts[0] == "I" else { return .failure(UnknownTag(tag: tag)) }
            let previous = labels.last
            if parts[0] == "I", let previous, previous != outside, self.entity(of: previous) == entity {
                labels.append(inside(entity))
            } else {
                labels.append(begin(entity))
            }
        }
        return .success(labels)
    }

    /// A tag that is not `O`, `B-X` or `I-X` for a CoNLL class X.
    public struct UnknownTag: Error, Sendable {
        /// The tag as read.
        public let tag: String
    }

    /// The spans a label sequence marks, as half-open token ranges with their class.
    public static func spans(_ labels: [Int]) -> [EntitySpan] {
        var spans: [EntitySpan] = []
        forEachSpan(labels) { spans.append($0) }
        return spans
    }

    /// Passes each span of `spans(labels)` to `body`, in order, with no array of them.
    static func forEachSpan(_ labels: [Int], _ body: (EntitySpan) -> Void) {
        var start = 0
        var current: EntityClass?
        for (index, label) in labels.enumerated() {
            let entity = entity(of: label)
            if let open = current, entity != open || isBegin(label) {
                body(EntitySpan(tokens: start..<index, entity: open))
                current = nil
            }
            if let entity, current == nil {
                current = entity
                start = index
            }
        }
        if let open = current { body(EntitySpan(tokens: start..<labels.count, entity: open)) }
    }
}

/// A span of tokens the labeller marked as a name of one class.
public struct EntitySpan: Sendable, Hashable {
    /// The tokens, as a half-open range of indices into the sentence.
    public var tokens: Range<Int>
    /// The class.
    public var entity: EntityClass

    /// Creates a span.
    public init(tokens: Range<Int>, entity: EntityClass) {
        self.tokens = tokens
        self.entity = entity
    }
}
