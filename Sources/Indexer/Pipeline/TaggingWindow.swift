import NewsModel

/// Tags a very long article a bounded run of passages at a time, so that what the tagger
/// builds (tokens, candidate spans, coreference chains over the whole text) stays bounded
/// whatever the input: a file that is one 200 MB line becomes thousands of 16 KiB passages
/// (`PassageLimit`), and tagging them as one article held every token of the file at once.
///
/// An article of at most `maximumBytes` of passage text (every news article: Reuters'
/// longest is about 10 KB) is tagged whole, exactly as before, so actors, canonical names
/// and coreference are unchanged for it. A longer one is cut into windows of whole passages
/// of at most `maximumBytes` each (a passage is never split here); each window is tagged as
/// an article of its own with the article's metadata, the publication date the first window
/// gave is kept for all, and the aliases are merged. The cost: a name resolves only within
/// its window ("Mr. Baker" after 256 KiB of text no longer finds the "James Baker" of the
/// first window), which the pipeline reports with the split warning of `PassageLimit`.
///
/// The indexing pipeline prepares, builds and sends each window to the writer before the
/// next is tagged (`forEachWindow`, `PreparedArticle.continuesArticle`), so the documents in
/// flight are one window's too, not the whole file's.
enum TaggingWindow {
    /// The most passage text (UTF-8 bytes) the tagger sees at once: 256 KiB, sixteen
    /// passages of `PassageLimit.maximumPassageBytes`, many times any news article.
    static let maximumBytes = 256 * 1024

    /// `article`'s passages in windows of at most `maximumBytes` (one window when it fits;
    /// a single passage larger than that, which `PassageLimit` prevents, is a window alone).
    static func windows(of passages: [Passage], maximumBytes: Int = maximumBytes) -> [ArraySlice<Passage>] {
        var windows: [ArraySlice<Passage>] = []
        var start = passages.startIndex, bytes = 0
        for index in passages.indices {
            let size = passages[index].text.utf8.count
            if index > start && bytes + size > maximumBytes {
                windows.append(passages[start..<index])
                start = index
                bytes = 0
            }
            bytes += size
        }
        if start < passages.endIndex || windows.isEmpty { windows.append(passages[start...]) }
        return windows
    }

    /// Tags `article` with `tagger` window by window (the whole article when it fits in one),
    /// handing each tagged window to `body` as soon as it is tagged, so that a caller that
    /// writes each window before the next is tagged holds one window's work at a time.
    ///
    /// Every window carries the article's metadata; the publication date the first window
    /// gives (from the file or the text) is kept for the windows after it. Where the first
    /// window finds none and `defaultPublished` is given, the first window is tagged again
    /// with it (relative dates such as "on Tuesday" resolve against the publication date).
    /// - Parameter body: returns false to stop before the next window.
    static func forEachWindow(
        of article: Article, with tagger: any ArticleTagger, defaultPublished: CalendarDate? = nil,
        maximumBytes: Int = maximumBytes, _ body: (TaggedArticle) -> Bool
    ) {
        var published: PublishedDate?
        for (index, window) in windows(of: article.passages, maximumBytes: maximumBytes).enumerated() {
            var part = article
            part.passages = Array(window)
            if index > 0 { part.published = published }
            var tagged = tagger.tag(part)
            if index == 0 {
                if tagged.article.published == nil, let defaultPublished {
                    part.published = PublishedDate(date: defaultPublished, origin: .user)
                    tagged = tagger.tag(part)
                }
                published = tagged.article.published
            }
            if !body(tagged) { return }
        }
    }

    /// Tags `article` with `tagger`, whole when it fits in one window, else window by window
    /// (`forEachWindow`), the windows' passages joined and their aliases merged.
    static func tag(
        _ article: Article, with tagger: any ArticleTagger, defaultPublished: CalendarDate? = nil,
        maximumBytes: Int = maximumBytes
    ) -> TaggedArticle {
        var merged: TaggedArticle?
        var count = 0
        forEachWindow(of: article, with: tagger, defaultPublished: defaultPublished, maximumBytes: maximumBytes) { tagged in
            count += 1
            if merged == nil {
                merged = tagged
            } else {
                merged!.passages.append(contentsOf: tagged.passages)
                merged!.aliases.merge(tagged.aliases) { $0.union($1) }
            }
            return true
        }
        // One window: the tagger's own answer, untouched.
        guard count > 1 else { return merged! }
        var result = merged!
        let published = result.article.published
        result.article = article
        result.article.published = published
        return result
    }
}
