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

    /// Tags `article` with `tagger`, whole when it fits in one window, else window by window.
    static func tag(_ article: Article, with tagger: any ArticleTagger, maximumBytes: Int = maximumBytes) -> TaggedArticle {
        let windows = windows(of: article.passages, maximumBytes: maximumBytes)
        guard windows.count > 1 else { return tagger.tag(article) }
        var merged: TaggedArticle?
        for window in windows {
            var part = article
            part.passages = Array(window)
            if let published = merged?.article.published { part.published = published }
            let tagged = tagger.tag(part)
            if merged == nil {
                merged = tagged
                continue
            }
            merged!.passages.append(contentsOf: tagged.passages)
            merged!.aliases.merge(tagged.aliases) { $0.union($1) }
        }
        var result = merged!
        let published = result.article.published
        result.article = article
        result.article.published = published
        return result
    }
}
