// PLACEHOLDER — NOT THE REAL `.txt` READER.
// The real `TextArticleReader` is written on the main branch (same path). This stand-in
// exists only so `InputFormat.txt.reader` compiles and the readers' tests and fuzzing can
// run on the `readers` branch. On merge, take main's file and delete this one.

/// Placeholder `.txt` reader (see the note above): the first line is the title, the rest
/// is read with the shared plain-prose rules (`Paragraphs.plainBlocks`).
struct TextArticleReader: ArticleReader {
    /// Creates the reader.
    init() {}

    /// Reads the single article in a text file.
    func read(_ file: SourceFile) throws(IndexerError) -> ReadResult {
        let decoded = try TextDecoding.utf8(file)
        let lines = Paragraphs.lines(Substring(decoded.text))
        guard let first = lines.first(where: { !$0.text.trimmingWhitespace().isEmpty }) else {
            throw .empty(path: file.path)
        }
        let title = Paragraphs.collapseWhitespace(first.text)
        let rest = decoded.text[first.text.endIndex...]
        let blocks = Paragraphs.plainBlocks(rest, firstLine: first.number)
        let article = Article(id: file.identity, file: file.path, title: title,
                              passages: Paragraphs.passages(title: title, titleLine: first.number, blocks: blocks))
        return ReadResult(articles: [article], problems: decoded.problems)
    }
}
