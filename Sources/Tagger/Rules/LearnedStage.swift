import NewsModel

/// The first stage of tagging: the learned labeller's spans, which the rules then refine.
///
/// The labeller (`Sources/Tagger`) reads context and word shape, so it types the names the
/// rules can only guess at ("Kessler Ratings", "Tamboa National Park") and finds the lone
/// organisations and places the rules miss (Xinhua, Xinjiang). The rules keep what they do
/// better: gazetteer names and their finer types, canonical names, coreference, acronyms,
/// demonyms and metonymy. MISC spans (events, prizes, works, nationalities) are no actors:
/// a rule-found name inside one is dropped ("Booker Prize").
struct LearnedStage {
    /// The labeller.
    let labeller: LearnedLabeller

    /// A learned span in a passage's token indices.
    struct Span {
        var start: Int
        var end: Int
        var entity: EntityClass
    }

    /// The labeller's input for an article's tokens: each passage's token texts and their
    /// indices in the article's vocabulary (`LearnedLabeller.Vocabulary`: a word's one-word
    /// features are looked up once per article), and the document-level set its features
    /// read: the lower-case hashes of words the article capitalises away from a sentence
    /// start (as `HashSlots` keys; the values mean nothing), asked for every token.
    struct ArticleWords {
        var texts: [[TokenText]]
        var words: [[Int32]]
        var vocabulary: LearnedLabeller.Vocabulary
        var capitalised: HashSlots
    }

    /// The labeller's input for an article's tokens.
    func articleWords(_ passages: [[Token]]) -> ArticleWords {
        var capitalised: [UInt64] = []
        var texts: [[TokenText]] = []
        var words: [[Int32]] = []
        texts.reserveCapacity(passages.count)
        words.reserveCapacity(passages.count)
        var vocabulary = LearnedLabeller.Vocabulary(capacity: passages.reduce(0) { $0 + $1.count }, labeller: labeller)
        for tokens in passages {
            var row: [TokenText] = []
            var rowWords: [Int32] = []
            row.reserveCapacity(tokens.count)
            rowWords.reserveCapacity(tokens.count)
            // By index: a token is read field by field, never copied whole.
            for k in tokens.indices {
                let text = TokenText(tokens[k].text)
                if tokens[k].kind == .word && !tokens[k].sentenceStart && text.casing == .initialCapital { capitalised.append(text.lowerHash) }
                row.append(text)
                rowWords.append(vocabulary.word(text, labeller))
            }
            texts.append(row)
            words.append(rowWords)
        }
        return ArticleWords(texts: texts, words: words, vocabulary: vocabulary,
                            capitalised: HashSlots(keys: capitalised, values: [Int32](repeating: 0, count: capitalised.count)))
    }

    /// The spans of passage `index`, labelled sentence by sentence.
    func spans(_ tokens: [Token], passage index: Int, of article: ArticleWords) -> [Span] {
        var spans: [Span] = []
        article.texts[index].withUnsafeBufferPointer { texts in
            article.words[index].withUnsafeBufferPointer { words in
                var start = 0
                while start < tokens.count {
                    var end = start + 1
                    while end < tokens.count && !tokens[end].sentenceStart { end += 1 }
                    // The sentence is read in place, not copied out of the passage's tokens.
                    let labels = labeller.labels(of: UnsafeBufferPointer(rebasing: texts[start..<end]),
                                                 words: UnsafeBufferPointer(rebasing: words[start..<end]), in: article.vocabulary,
                                                 capitalisedInDocument: { article.capitalised.value($0) != nil })
                    EntityLabel.forEachSpan(labels) { span in
                        spans.append(Span(start: start + span.tokens.lowerBound, end: start + span.tokens.upperBound, entity: span.entity))
                    }
                    start = end
                }
            }
        }
        return spans
    }

    /// The rules' mentions of a passage, refined by its learned spans.
    /// - Parameter shouting: whether the passage is an all-capitals headline
    ///   (`NameFinder.isShouting`), where a name only the labeller found is `Mention.shouted`.
    func refine(_ mentions: [Mention], spans: [Span], tokens: [Token], shouting: Bool, finder: NameFinder) -> [Mention] {
        var out: [Mention] = []
        var covered = [Bool](repeating: false, count: tokens.count)
        // "The Coffee, Sugar and Cocoa Exchange": the rules read "Coffee" and "Sugar" as
        // lone words of no known kind and "Cocoa Exchange" as the organisation; a learned
        // organisation or place that ends with the typed name and holds only such lone
        // words besides is one name, and the lone words are part of it.
        var absorbed = Set<Int>()
        for span in spans where span.entity == .organization || span.entity == .location {
            let inside = mentions.indices.filter { span.start <= mentions[$0].start && mentions[$0].end <= span.end }
            guard let head = inside.last, mentions[head].end == span.end, case .name(_?) = mentions[head].candidate else { continue }
            let lone = inside.dropLast().filter { mentions[$0].candidate == .name(nil) && mentions[$0].end - mentions[$0].start == 1 }
            if lone.count == inside.count - 1 { absorbed.formUnion(lone) }
        }
        // Tokens any of the rules' other mentions holds: a learned span may lengthen a
        // mention over words no other mention claims, never into another one.
        var claimed = [Bool](repeating: false, count: tokens.count)
        for (m, mention) in mentions.enumerated() where !absorbed.contains(m) {
            for k in mention.start..<mention.end { claimed[k] = true }
        }
        for (m, var mention) in mentions.enumerated() where !absorbed.contains(m) {
            let overlapping = spans.filter { $0.start < mention.end && mention.start < $0.end }
            for k in mention.start..<mention.end { covered[k] = true }
            guard case let .name(type) = mention.candidate else { out.append(mention); continue }
            // The span covering most of the mention speaks for it.
            guard let span = overlapping.max(by: { overlap($0, mention) < overlap($1, mention) }) else {
                out.append(mention)
                continue
            }
            // "U.S. Trade deficit", "U.S. Interest rates": the rules took a known name and
            // the capitalised word after it for one organisation; the labeller, reading the
            // words around, names only the known part, and nothing after it. The ordinary
            // word is no part of a name.
            if let known = finder.gazetteerMatch(tokens, at: mention.start), known.length < mention.end - mention.start,
               span.start == mention.start, span.end == mention.start + known.length,
               !spans.contains(where: { $0.start < mention.end && span.end < $0.end }),
               tokens[span.end..<mention.end].allSatisfy({ $0.kind != .word || finder.isCommon($0) }) {
                let shortened = finder.knownMention(tokens, known, at: mention.start)
                for k in shortened.end..<mention.end { covered[k] = false }
                out.append(shortened)
                continue
            }
            if span.entity == .miscellaneous {
                // "Booker Prize", "Garma Festival", "Paris Agreement": a thing, not an actor,
                // unless a cue typed it or a title made it a person.
                if type == nil || (mention.typeIsDefault && !mention.personEvidence) { continue }
                out.append(mention)
                continue
            }
            let learnedType = LearnedStage.actorType(span.entity)
            // A longer learned name swallows a fragment the rules cut at "of", "de", "and":
            // "Commission on the Status of Women", not "Commission".
            if span.start <= mention.start, span.end > mention.end, mention.surface == mention.name || span.start == mention.start,
               tokens[(mention.end)..<span.end].allSatisfy({ $0.kind != .punctuation || $0.text == "." || $0.text == "&" }) {
                finder.respan(&mention, mention.start, span.end, in: tokens)
                for k in mention.start..<mention.end { covered[k] = true }
                if type == nil || mention.typeIsDefault {
                    mention.candidate = .name(learnedType)
                    mention.typeIsDefault = false
                }
            }
            // "The Coffee, Sugar and Cocoa Exchange": the rules cut a name at a comma or an
            // "and"; the labeller's span of the same kind runs back over the words before,
            // which no other mention holds.
            if span.start < mention.start, span.end >= mention.end, mention.surface == mention.name,
               learnedType != nil, type == nil || type == learnedType || mention.typeIsDefault,
               !(span.start..<mention.start).contains(where: { claimed[$0] }),
               tokens[span.start..<mention.start].allSatisfy({ $0.kind == .word || $0.text == "," || $0.text == "&" }) {
                finder.respan(&mention, span.start, mention.end, in: tokens)
                // "…Cocoa Exchange, CSCE,": an acronym of the whole name now defines it.
                if mention.defines == nil { mention.defines = finder.definedAcronym(tokens, start: mention.start, end: mention.end) }
                for k in mention.start..<mention.end { covered[k] = true }
            }
            if type == nil {
                mention.learned = learnedType
            } else if mention.typeIsDefault {
                mention.candidate = .name(learnedType)
            }
            out.append(mention)
        }
        // Names the rules did not see at all.
        for var span in spans where span.entity != .miscellaneous && !(span.start..<span.end).contains(where: { covered[$0] }) {
            // Titles are no part of a name ("Mr", "SSP", "Prime Minister").
            while span.start < span.end {
                let title = finder.gazetteer.cues.titleLength(tokens, at: span.start)
                guard title > 0 else { break }
                span.start += title
            }
            guard span.start < span.end, acceptable(tokens[span.start..<span.end]) else { continue }
            let words = tokens[span.start..<span.end]
            let type = LearnedStage.actorType(span.entity)
            var end = span.end
            if type == .organization, let cut = finder.legalNameEnd(tokens, start: span.start, end: span.end) { end = cut }
            let name = finder.text(tokens, span.start, end)
            let lone = span.end - span.start == 1
            var mention = Mention(start: span.start, end: span.end, name: name, keys: tokens[span.start..<end].map(\.key),
                                  surface: finder.text(tokens, span.start, span.end),
                                  candidate: .name(lone && type == .person ? nil : type), defines: nil,
                                  isAcronym: lone && words.first!.looksLikeAcronym)
            // A lone surname resolves to the person the article names in full, else is a person.
            if lone && type == .person { mention.learned = .person }
            mention.shouted = shouting
            out.append(mention)
        }
        return LearnedStage.joiningLists(out.sorted { $0.start < $1.start }, tokens: tokens, finder: finder)
    }

    /// "Coffee, Sugar and Cocoa Exchange", "Skadden, Arps, Slate, Meagher & Flom": an
    /// organisation whose name opens with a word and "and" ("Sugar and Cocoa Exchange")
    /// runs back over the list of capitalised words before it, one comma apart, that no
    /// mention but a lone word of no known kind holds.
    static func joiningLists(_ mentions: [Mention], tokens: [Token], finder: NameFinder) -> [Mention] {
        var out = mentions
        var dropped = Set<Int>()
        for m in out.indices where out[m].candidate == .name(.organization) {
            let start = out[m].start
            guard out[m].end - start >= 3, tokens[start + 1].key == "and" || tokens[start + 1].key == "&" else { continue }
            var s = start
            var lone: [Int] = []
            while s >= 2, tokens[s - 1].isPunctuation(","), tokens[s - 2].kind == .word, tokens[s - 2].isCapitalised {
                let holders = out.indices.filter { out[$0].start < s - 1 && out[$0].end > s - 2 }
                guard holders.allSatisfy({ out[$0].candidate == .name(nil) && out[$0].end - out[$0].start == 1 }) else { break }
                lone += holders
                s -= 2
            }
            guard s < start else { continue }
            dropped.formUnion(lone)
            finder.respan(&out[m], s, out[m].end, in: tokens)
        }
        return dropped.isEmpty ? out : out.indices.filter { !dropped.contains($0) }.map { out[$0] }
    }

    /// Whether a learned span the rules did not find is one the rules would not reject:
    /// wire abbreviations, pronouns and single letters, a lone organisation word ("the
    /// Bank"), a government under an unknown name ("Aquino Government": the country, which
    /// the name does not tell), a thing's name ("Louvre Agreement").
    private func acceptable(_ words: ArraySlice<Token>) -> Bool {
        guard words.contains(where: { $0.kind == .word && $0.isCapitalised }),
              let last = words.last(where: { $0.kind == .word }) else { return false }
        if words.contains(where: { $0.cues & CueIndex.notName != 0 && !NameFinder.companySuffixes.contains($0.key) }) { return false }
        if words.count == 1, last.text.unicodeScalars.count == 1 || last.cues & CueIndex.organization != 0 { return false }
        if last.cues & CueIndex.government != 0 || NameFinder.thingHeads.contains(last.key) { return false }
        return true
    }

    private func overlap(_ span: Span, _ mention: Mention) -> Int {
        max(0, min(span.end, mention.end) - max(span.start, mention.start))
    }

    /// The actor type of a learned class (MISC has none).
    static func actorType(_ entity: EntityClass) -> ActorType? {
        switch entity {
        case .person: .person
        case .organization: .organization
        case .location: .location
        case .miscellaneous: nil
        }
    }
}
