/// Human-readable results: a summary line (saying whether the counts are exact), a compact
/// facet panel, then each hit with its
/// title, date, place in the article, snippet and actors. Highlights are bold on a terminal
/// and `**marked**` elsewhere.
struct TextWriter: HitWriter {
    let sink: OutputSink
    let options: ExportOptions

    private var bold: (String, String) { options.styled ? ("\u{1B}[1m", "\u{1B}[22m") : plainMarker }
    private func dim(_ text: String) -> String { options.styled ? "\u{1B}[2m\(text)\u{1B}[22m" : text }

    func begin(_ results: SearchResults) throws {
        let count = ResultSummary.total(results)
        let exact = results.totalIsExact && results.facetsAreExact ? ", counted exactly" : ", estimated"
        if let note = ResultSummary.partialNote(results.partial) { try sink.write(note + "\n") }
        try sink.write((options.request.query.isEmpty ? "\(count) (no query: every passage)" : "\(count) for: \(options.request.query.escapingControlCharacters())") + exact + "\n")
        if let hint = ResultSummary.anyWordHint(results.anyWordTotal) { try sink.write(hint + "\n") }
        if let suggestion = results.suggestion { try sink.write("Did you mean: \(suggestion.escapingControlCharacters())\n") }
        if results.articleTotal != nil && !results.facets.isEmpty { try sink.write(dim("(\(ResultSummary.facetsCountPassages))") + "\n") }
        for facet in results.facets {
            let values = facet.values.map { "\($0.value) \($0.count)" }.joined(separator: " · ")
            let more = facet.distinctValues > facet.values.count ? " · (+\(facet.distinctValues - facet.values.count) more)" : ""
            try sink.write(dim("\(facet.kind.rawValue): ") + (values.isEmpty ? "(none)" : values) + more + "\n")
        }
        try sink.write("\n")
    }

    func write(_ hit: SearchHit) throws {
        let r = hit.record
        try sink.write("\(bold.0)\(hit.rank). \(r.title)\(bold.1)\n")
        var where_ = [r.published ?? "undated", "\(r.file) ¶\(r.paragraph)"]
        if r.kind != "paragraph" { where_.append(r.kind) }
        if hit.score > 0 { where_.append(String(format: "score %.2f", hit.score)) }
        if let article = hit.article {
            where_.append("\(article.passages.count) matching passage\(article.passages.count == 1 ? "" : "s")")
        }
        try sink.write("   " + dim(where_.joined(separator: " · ")) + "\n")
        for before in hit.context where before.paragraph < r.paragraph { try sink.write(dim("   ¶\(before.paragraph) \(before.text)") + "\n") }
        try sink.write("   " + hit.snippet.marked(open: bold.0, close: bold.1) + "\n")
        for after in hit.context where after.paragraph > r.paragraph { try sink.write(dim("   ¶\(after.paragraph) \(after.text)") + "\n") }
        if !r.actors.isEmpty {
            // The surface forms other than the name itself: what the tagger recognised.
            let shown = r.actors.map { actor -> String in
                let other = (actor.mentions ?? []).filter { $0 != actor.name }
                return other.isEmpty ? "\(actor.name) (\(actor.type))"
                    : "\(actor.name) (\(actor.type), as " + other.map { "\u{201C}\($0)\u{201D}" }.joined(separator: ", ") + ")"
            }
            try sink.write("   " + dim("actors: " + shown.joined(separator: ", ")) + "\n")
        }
        if !r.dates.isEmpty {
            try sink.write("   " + dim("dates: " + r.dates.map { "\($0.text) → \($0.value)" }.joined(separator: ", ")) + "\n")
        }
        for more in hit.article?.more ?? [] {
            let kind = more.record.kind == "paragraph" ? "" : " · \(more.record.kind)"
            try sink.write("   " + dim("¶\(more.record.paragraph)\(kind) · score \(String(format: "%.2f", more.score))") + "\n")
            try sink.write("   " + more.snippet.marked(open: bold.0, close: bold.1) + "\n")
        }
        try sink.write("\n")
    }

    func finish(_ results: SearchResults, written: Int) throws {
        let start = options.request.offset
        let total = results.articleTotal ?? results.total
        let unit = results.articleTotal == nil ? "" : " articles"
        if written == 0 && start > 0 && start >= total && options.request.limit != 0 {
            // Past the end: point at the last page that has hits, not at the same offset again.
            let page = max(1, options.request.limit ?? total)
            let last = total == 0 ? 0 : (total - 1) / page * page
            try sink.write(dim("--offset \(start) is past the last of \(total)\(unit.isEmpty ? " hits" : unit); the last page starts at --offset \(last).") + "\n")
        } else if written < total && options.request.limit != 0 {
            let shown = written == 0 ? "none" : "\(start + 1)–\(start + written)"
            try sink.write(dim("Showing \(shown) of \(total)\(unit). More: --offset \(start + written), or --limit all.") + "\n")
        }
    }
}
