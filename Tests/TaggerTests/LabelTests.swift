import Testing
@testable import Tagger

@Suite struct LabelTests {
    @Test func iob1TagsBecomeBIOSpans() throws {
        let labels = try EntityLabel.labels(fromConllTags: ["I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-ORG"]).get()
        #expect(EntityLabel.spans(labels) == [
            EntitySpan(tokens: 0..<2, entity: .person), EntitySpan(tokens: 2..<3, entity: .person),
            EntitySpan(tokens: 4..<5, entity: .location), EntitySpan(tokens: 5..<6, entity: .organization),
        ])
    }
}
