/// A sentence with a gold label for each token.
public struct LabelledSentence: Sendable {
    /// The tokens as written.
    public var words: [String]
    /// One BIO label per token (see `EntityLabel`).
    public var labels: [Int]
    /// The tags as the file wrote them, for writing predictions next to them.
    public var goldTags: [String]
}

/// A document: the unit the document-level features read.
public struct LabelledDocument: Sendable {
    /// The sentences in order.
    public var sentences: [LabelledSentence]
}

/// Reads CoNLL-style named-entity files: one token a line, the token in the first column and
/// its tag in the last (`U.N. NNP I-NP I-ORG`, `Paris I-LOC`, or tab-separated), blank lines
/// between sentences and `-DOCSTART-` lines between documents (before or after each).
public enum CoNLLCorpus {
    /// Parses a whole file's text; `path` names it in errors.
    ///
    /// Throws `TaggerError.malformed` for a line with fewer than two fields or an unknown tag.
    public static func documents(text: String, path: String) throws(TaggerError) -> [LabelledDocument] {
        var documents: [LabelledDocument] = []
        var sentences: [LabelledSentence] = []
        var words: [String] = []
        var tags: [String] = []
        var sentenceStartLine = 1
        func closeSentence() throws(TaggerError) {
            guard !words.isEmpty else { return }
            switch EntityLabel.labels(fromConllTags: tags) {
            case .success(let labels):
                sentences.append(LabelledSentence(words: words, labels: labels, goldTags: tags))
            case .failure(let unknown):
                throw .malformed(path: path, line: sentenceStartLine,
                                 reason: "unknown tag '\(unknown.tag)' in the sentence starting here; expected O, B-X or I-X for X in PER, ORG, LOC, MISC")
            }
            words = []; tags = []
        }
        func closeDocument() throws(TaggerError) {
            try closeSentence()
            if !sentences.isEmpty { documents.append(LabelledDocument(sentences: sentences)) }
            sentences = []
        }
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            let fields = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if fields.isEmpty {
                try closeSentence()
                sentenceStartLine = lineNumber + 1
                continue
            }
            if fields[0] == "-DOCSTART-" {
                try closeDocument()
                sentenceStartLine = lineNumber + 1
                continue
            }
            guard fields.count >= 2 else {
                throw .malformed(path: path, line: lineNumber, reason: "expected a token and a tag separated by a space or a tab")
            }
            if words.isEmpty { sentenceStartLine = lineNumber }
            words.append(String(fields[0]))
            tags.append(String(fields[fields.count - 1]))
        }
        try closeDocument()
        return documents
    }
}
