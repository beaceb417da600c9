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

    /// The labeller's input for an article's tokens, and the document-level set its
    /// features read: the lower-case hashes of words the article capitalises away from a
    /// sentence start (as `HashSlots` keys; the values mean nothing), asked for every token.
    static func tokenTexts(_ passages: [[Token]]) -> (texts: [[TokenText]], capitalised: HashSlots) {
        var capitalised: [UInt64] = []
        var texts: [[TokenText]] = []
        texts.reserveCapacity(passages.count)
        for tokens in passages {
            var row: [TokenText] = []
            row.reserveCapacity(tokens.count)
            // By index: a token is read field by field, never copied whole.
            for k in tokens.indices {
                let text = TokenText(tokens[k].text)
                if tokens[k].kind == .word && !tokens[k].sentenceStart && text.casing == .initialCapital { capitalised.append(text.lowerHash) }
                row.append(text)
            }
            texts.append(row)
        }
        return (texts, HashSlots(keys: capitalised, values: [Int32](repeating: 0, count: capitalised.count)))
    }

    /// The spans of one passage, labelled sentence by sentence.
    func spans(_ tokens: [Token], _ texts: [TokenText], capitalised: HashSlots) -> [Span] {
        var spans: [Span] = []
        texts.withUnsafeBufferPointer { texts in
            var start = 0
            while start < tokens.count {
                var end = start + 1
                while end < tokens.count && !tokens[end].sentenceStart { end += 1 }
                // The sentence is read in place, not copied out of the passage's tokens.
                let labels = labeller.labels(of: UnsafeBufferPointer(rebasing: texts[start..<end]),
                                             capitalisedInDocument: { capitalised.value($0) != nil })
                EntityLabel.forEachSpan(labels) { span in
                    spans.append(Span(start: start + span.tokens.lowerBound, end: start + span.tokens.upperBound, entity: span.entity))
                }
                start = end
            }
        }
        return spans
    }

    /// The rules' mentions of a passage, refined by its learned spans.
    func refine(_ mentions: [Mention], spans: [Span], tokens: [Token], finder: NameFinder) -> [Mention] {
        var out: [Mention] = []
        var covered = [Bool](repeating: false, count: tokens.count)
        for var mention in mentions {
            let overlapping = spans.filter { $0.start < mention.end && mention.start < $0.end }
            for k in mention.start..<mention.end { covered[k] = true }
            guard case let .name(type) = mention.candidate else { out.append(mention); continue }
            // The span covering most of the mention speaks for it.
            guard let span = overlapping.max(by: { overlap($0, mention) < overlap($1, mention) }) else {
                out.append(mention)
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
                mention.end = span.end
                mention.name = finder.text(tokens, mention.start, span.end)
                mention.keys = tokens[mention.start..<span.end].map(\.key)
                mention.surface = finder.text(tokens, mention.start, span.end)
                for k in mention.start..<mention.end { covered[k] = true }
                if type == nil || mention.typeIsDefault {
                    mention.candidate = .name(learnedType)
                    mention.typeIsDefault = false
                }
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
            out.append(mention)
        }
        return out.sorted { $0.start < $1.start }
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
