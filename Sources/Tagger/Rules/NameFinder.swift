import NewsModel

/// Finds the names in one passage: gazetteer phrases first (longest match), then
/// capitalised sequences by rule, with titles, particles, cues and acronym definitions.
///
/// It decides what it can from the passage alone; `ArticleResolver` settles the rest
/// (surnames, acronyms defined elsewhere, lone words) with the whole article in view.
struct NameFinder {
    let gazetteer: Gazetteer
    /// Keys of capitalised words the article uses mid-sentence: a sentence-initial word
    /// in this set is a name even when it is also an English word ("Khan said ...").
    let namesInArticle: KeyTable<Void>

    /// Words of travel before "to" that make what follows a destination.
    private static let motionWords: Set<String> = [
        "flew", "fly", "flying", "travelled", "traveled", "travel", "went", "go", "going", "returned", "return",
        "came", "moved", "trip", "visit", "journey", "way", "deported", "extradited", "back",
    ]
    /// Capitalised words that never are, or start, a name found by rule: pronouns, wire-copy
    /// abbreviations ("Dlrs", "Mln", "Shr"), time zones and economic measures ("GMT", "GNP"),
    /// lone compass points ("the West").
    static let notNames: Set<String> = [
        "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our", "this", "that", "these",
        "those", "there", "here", "dlrs", "dlr", "mln", "bln", "pct", "stg", "cts", "shr", "shrs", "qtr", "avg",
        "revs", "oper", "vs", "gmt", "est", "edt", "cst", "cdt", "pst", "pdt", "bst", "gnp", "gdp", "cpi", "ppi",
        "sdr", "sdrs", "ecu", "ecus", "libor", "ceo", "cif", "fob", "ltd", "inc", "corp", "co", "cos", "plc",
        "west", "east", "north", "south", "mid", "noon",
    ]
    /// Title words that are also ordinary adjectives or nouns: before a lone ordinary word
    /// they are part of a name ("General Agreement", "Chief Executive"), not a title.
    private static let weakTitles: Set<String> = [
        "general", "major", "chief", "deputy", "leader", "justice", "director", "speaker", "commander", "saint",
        "st", "lord", "lady", "marshal", "envoy", "king", "queen", "prince", "princess", "judge", "captain",
    ]
    /// Lower-case words after a name that show it is an employer: "a Merrill Lynch analyst",
    /// "Salomon Brothers economist".
    private static let employeeWords: Set<String> = [
        "analyst", "analysts", "economist", "economists", "spokesman", "spokeswoman", "spokesperson", "official",
        "officials", "executive", "executives", "chairman", "president", "director", "trader", "traders", "dealer",
        "dealers", "subsidiary", "unit", "shareholders", "stockholders", "employees", "management", "board",
    ]
    /// Lower-case words before "with" or "at" that show the name after it is an employer:
    /// "analyst with Merrill Lynch", "economist at Morgan Stanley".
    private static let employeeBefore: Set<String> = [
        "analyst", "economist", "strategist", "dealer", "trader", "official", "executive", "director", "partner",
        "vice", "president", "chairman", "spokesman", "analysts", "economists", "strategists", "dealers", "traders",
        "officials", "executives",
    ]
    /// Last words of names of things, not people: rates, indexes, accords, laws, events
    /// ("London Interbank Offered Rate", "Dow Jones Industrial Average", "Louvre Agreement").
    static let thingHeads: Set<String> = [
        "rate", "rates", "index", "average", "stocks", "stock", "bonds", "bond", "futures", "prices", "price",
        "act", "bill", "accord", "accords", "agreement", "treaty", "plan", "program", "programme", "budget",
        "report", "survey", "law", "amendment", "day", "week", "cup", "war", "crisis", "talks", "summit",
        "conference", "round", "pact", "protocol", "initiative", "doctrine", "fund",
    ]
    /// The `thingHeads` that end the names of accords and laws: such a name is a thing even
    /// when an organisation word starts it ("International Coffee Agreement").
    static let instrumentHeads: Set<String> = [
        "act", "bill", "accord", "accords", "agreement", "treaty", "pact", "protocol", "amendment", "law", "doctrine",
    ]
    /// Company-name endings after which a name is complete.
    static let companySuffixes: Set<String> = ["co", "inc", "corp", "ltd", "plc", "llc", "ag", "cos", "sa", "nv"]

    /// Fills in each word's cue bits: one lookup per word, which every rule then reads.
    /// In place, so the tokens are not copied.
    func annotate(_ tokens: inout [Token]) {
        for k in tokens.indices where tokens[k].kind == .word {
            var bits = gazetteer.cues.bits.value(tokens[k]) ?? 0
            if tokens[k].isCapitalised {
                // Only capitalised words are ever asked whether they are ordinary English.
                if gazetteer.commonWords.contains(tokens[k]) { bits |= CueIndex.common }
                // "DEC7", "GMT", "Dlrs", "He": never (part of) a name found by rule.
                if bits & CueIndex.notName != 0 || tokens[k].key.utf8.contains(where: { $0 >= 48 && $0 <= 57 }) {
                    bits |= CueIndex.common | CueIndex.notName
                }
            } else {
                bits &= ~CueIndex.notName
            }
            // "USX <X>", "British Petroleum Co Plc <BP>": a wire's stock ticker in angle
            // brackets is a code, never a name of its own (it may define one: see
            // `definedAcronym`).
            if NameFinder.isTicker(tokens, at: k) { bits |= CueIndex.common | CueIndex.notName }
            tokens[k].cues = bits
        }
    }

    /// Whether the word at `k` comes right after a word ending in a dot ("U.S.", "N.Y."),
    /// where wire copy capitalises as at a sentence start, so a capital says nothing.
    static func followsDottedAbbreviation(_ tokens: [Token], at k: Int) -> Bool {
        k > 0 && tokens[k].spaceBefore && tokens[k - 1].kind == .word && tokens[k - 1].text.utf8.last == 46
    }

    /// Whether the word at `k` is a ticker in angle brackets: "<BP>", "<X>".
    static func isTicker(_ tokens: [Token], at k: Int) -> Bool {
        k > 0 && k + 1 < tokens.count && tokens[k - 1].isPunctuation("<") && tokens[k + 1].isPunctuation(">")
            && !tokens[k].spaceBefore && !tokens[k + 1].spaceBefore
    }

    /// The names in a passage's tokens, which `annotate` has seen.
    /// - Parameter shouting: whether the passage is an all-capitals headline (`isShouting`).
    func mentions(in tokens: [Token], shouting: Bool) -> [Mention] {
        var out: [Mention] = []
        var i = 0
        let n = tokens.count
        // In an all-capitals headline ("STANDARD OIL TO FORM FINANCIAL UNIT") case says
        // nothing: only known names are found there.
        // Every position's longest gazetteer phrase, looked up once.
        let matches = tokens.indices.map {
            tokens[$0].kind == .word && !NameFinder.isTicker(tokens, at: $0) ? gazetteerMatch(tokens, at: $0, shouting: shouting) : nil
        }
        while i < n {
            // Punctuation, and a lower-case word that is not hyphenated and starts no known
            // name, is never (the start of) a name: every rule below passes over it (titles
            // and runs start capitalised). Skipped before the token is copied out.
            guard tokens[i].kind == .word, tokens[i].isCapitalised || tokens[i].isHyphenated || matches[i] != nil else {
                i += 1; continue
            }
            let token = tokens[i]

            // Titles: "Prime Minister", "Mr." -- dropped from the name, but evidence of a person.
            var titleStart: Int? = nil
            // Titles can stack: "Army Chief General Asim Munir".
            var titleLength = gazetteer.cues.titleLength(tokens, at: i)
            while titleLength > 0, i + titleLength < n, matches[i + titleLength] == nil {
                let more = gazetteer.cues.titleLength(tokens, at: i + titleLength)
                if more == 0 { break }
                titleLength += more
            }
            if titleLength > 0 {
                let next = i + titleLength
                let followedByName = next < n && tokens[next].isCapitalised && !DateVocabulary.isCalendarWord(tokens[next])
                if followedByName && matches[i] == nil {
                    let runAfter = run(tokens, from: next, matches: matches)
                    // "General Agreement", "Chief Executive": a title word that is also an
                    // ordinary adjective, before one ordinary word, is no title.
                    let weak = titleLength == 1 && NameFinder.weakTitles.contains(token.key)
                        && runAfter.length == 1 && isCommon(tokens[next])
                    if !runAfter.hasOrganizationCue && !weak {
                        titleStart = i
                        i = next
                    }
                } else if !followedByName {
                    // "Chancellor of the Exchequer Nigel Lawson", "Governor of the Bank of Japan
                    // Satoshi Sumita": the office after "of" belongs to the title; a person's
                    // name at its end is the person.
                    if next + 1 < n, tokens[next].key == "of" {
                        let j = tokens[next + 1].key == "the" ? next + 2 : next + 1
                        if j < n, tokens[j].kind == .word, tokens[j].isCapitalised {
                            let office = run(tokens, from: j, matches: matches)
                            if let split = personTail(tokens, office, matches: matches) {
                                appendSplit(tokens, office, at: split, matches: matches, into: &out)
                                i = office.end
                                continue
                            }
                        }
                    }
                    i = next
                    continue
                }
            }

            let current = tokens[i]
            let match = matches[i]
            // Sentence-initial ordinary words ("Responding", "The", "However") are no names;
            // skip the word and look again from the next one.
            // But "Standard Oil Co", "Standard and Poor's Corp" run into a legal form: a company.
            if match == nil && current.sentenceStart && titleStart == nil && isCommon(current)
                && !current.isHyphenated && !namesInArticle.contains(current)
                && !legalFormAhead(tokens, from: i + 1)
                && !(i + 1 < n && (tokens[i + 1].key == "and" || tokens[i + 1].key == "&") && legalFormAhead(tokens, from: i + 2)) {
                i += 1
                continue
            }
            let hyphenated = current.isHyphenated
            if shouting && match == nil && !hyphenated { i += 1; continue }
            let ruleRun = current.isCapitalised && !shouting ? run(tokens, from: i, matches: matches) : Run()

            // A longer capitalised name with an organisation cue beats a shorter gazetteer
            // match inside it: "Pakistan People's Party" over "Pakistan".
            // But a known name followed by a connector is complete: "European Union and
            // Britain", "Foreign Office of Pakistan".
            let matchIsComplete = match.map { i + $0.length < n && tokens[i + $0.length].cues & CueIndex.connector != 0 } ?? false
            if let match, matchIsComplete || !(ruleRun.hasOrganizationCue && ruleRun.length > match.length && !ruleRun.startsWithGovernment) {
                var mention = knownMention(tokens, match, at: i)
                // "the Reagan administration", "Thatcher Government": a leader's government is
                // the leader's country.
                if case let .actor(a) = match.target, gazetteer.actors[a].tag.type == .person,
                   let country = gazetteer.actors[a].country, mention.end < n,
                   tokens[mention.end].cues & CueIndex.government != 0 {
                    mention.candidate = .known(country)
                    mention.isAlias = false
                    mention.end += 1
                    i = mention.end
                    out.append(mention)
                    continue
                }
                if let titleStart {
                    mention.surface = text(tokens, titleStart, mention.end)
                    mention.personEvidence = true
                }
                i = mention.end
                i = defineAcronym(tokens, &mention, at: i)
                out.append(mention)
                continue
            }

            // Compounds: "Indo-US", "Pakistani-American", "UN-designated", "ex-Indian".
            if hyphenated, let parts = compoundMentions(current, at: i) {
                out.append(contentsOf: parts)
                i += 1
                continue
            }

            guard current.isCapitalised, ruleRun.length > 0 else { i += 1; continue }

            // "Government of India" is India.
            if ruleRun.startsWithGovernment, i + 2 < n, let rest = matches[i + 2],
               case let .actor(a) = rest.target, gazetteer.actors[a].tag.type == .country {
                var mention = knownMention(tokens, rest, at: i + 2)
                mention.start = i
                mention.surface = text(tokens, i, mention.end)
                out.append(mention)
                i = mention.end
                continue
            }

            // "Inspector General of Police Ghulam Nabi Memon": a person's name after an
            // organisation word ends the organisation; the title before it is no actor.
            if ruleRun.hasOrganizationCue, let split = personTail(tokens, ruleRun, matches: matches),
               tokens[i..<split].contains(where: { $0.cues & CueIndex.organization != 0 }) {
                appendSplit(tokens, ruleRun, at: split, matches: matches, into: &out)
                i = ruleRun.end
                continue
            }

            var mention = unknownMention(tokens, ruleRun, from: i, titleStart: titleStart)
            i = ruleRun.end
            if var found = mention {
                i = defineAcronym(tokens, &found, at: i)
                mention = found
            }
            if let mention { out.append(mention) }
        }
        return out
    }

    // MARK: - Gazetteer phrases

    struct Match {
        var length: Int
        var target: Gazetteer.Target
        /// The gazetteer's spelling of the matched name (index in `Gazetteer.displayNames`).
        var display: Int
    }

    /// True when most words of the passage are written in capitals.
    static func isShouting(_ tokens: [Token]) -> Bool {
        var caps = 0, other = 0
        for token in tokens where token.kind == .word && token.text.utf8.count > 1 {
            if token.isAllCaps { caps += 1 } else { other += 1 }
        }
        return caps >= 3 && caps > 3 * other
    }

    /// The longest gazetteer phrase starting at `i` whose case fits the text. In shouting
    /// text case cannot be checked, so a lone ordinary word ("SALE") that names only a
    /// place or organisation is not taken.
    func gazetteerMatch(_ tokens: [Token], at i: Int, shouting: Bool = false) -> Match? {
        guard i < tokens.count, tokens[i].kind == .word else { return nil }
        if !shouting && !tokens[i].isCapitalised, let initial = tokens[i].key.utf8.first,
           !gazetteer.lowercaseInitials[Int(initial)] {
            return nil
        }
        guard let candidates = gazetteer.phrasesByFirstKey.value(tokens[i]) else { return nil }
        for phrase in candidates where i + phrase.keys.count <= tokens.count {
            var ok = true
            for j in 1..<max(1, phrase.keys.count)
            where tokens[i + j].keyHash != phrase.keyHashes[j] || tokens[i + j].key != phrase.keys[j] {
                ok = false
                break
            }
            guard ok else { continue }
            let first = tokens[i]
            if shouting {
                if phrase.keys.count == 1, gazetteer.commonWords.contains(first), case .actor = phrase.target,
                   phrase.exactText == nil || phrase.exactText != first.text {
                    continue
                }
                return Match(length: phrase.keys.count, target: phrase.target, display: phrase.display)
            }
            if let exact = phrase.exactText {
                guard first.text == exact || (first.text.utf8.contains(0xE2) && first.text.replacingOccurrences(of: "\u{2019}", with: "'") == exact) else { continue }
            } else if !phrase.lowercaseStart {
                guard first.isCapitalised else { continue }
            }
            // A phrase must not end inside a hyphenated or dotted word: tokens are whole words.
            return Match(length: phrase.keys.count, target: phrase.target, display: phrase.display)
        }
        return nil
    }

    func knownMention(_ tokens: [Token], _ match: Match, at i: Int) -> Mention {
        let end = i + match.length
        let surface = text(tokens, i, end)
        let keys = tokens[i..<end].map(\.key)
        let single = match.length == 1
        let acronymLike = single && tokens[i].looksLikeAcronym
        var mention = Mention(start: i, end: end, name: surface, keys: keys, surface: surface,
                              candidate: .known(0), defines: nil, isAcronym: acronymLike)
        mention.display = gazetteer.displayNames[match.display]
        switch match.target {
        case let .actor(a):
            mention.candidate = .known(a)
        case let .demonym(country):
            mention.candidate = .known(country)
        case let .capital(location, country):
            if standsForState(tokens, start: i, end: end) {
                mention.candidate = .known(country)
                mention.isAlias = false
            } else {
                mention.candidate = .known(location)
            }
        }
        return mention
    }

    /// Whether a capital at `start..<end` stands for its state ("Islamabad would be open")
    /// rather than being the place: a dateline ("ISLAMABAD:", "New Delhi:") and a place
    /// after a locative preposition ("in Kabul") stay places, but "the government in
    /// Islamabad" is the state.
    func standsForState(_ tokens: [Token], start: Int, end: Int) -> Bool {
        let atPassageStart = start == 0 || tokens[..<start].allSatisfy { $0.kind == .punctuation }
        if atPassageStart, end < tokens.count {
            let next = tokens[end]
            if next.isPunctuation(":") || next.isPunctuation("-") || next.text == "\u{2014}" || next.text == "\u{2013}" {
                return false
            }
            if next.isPunctuation(","), end + 1 < tokens.count,
               tokens[end + 1].kind == .number || DateVocabulary.month(tokens[end + 1]) != nil {
                return false
            }
        }
        if atPassageStart && tokens[start].isAllCaps && tokens[start].text.count > 3 { return false }
        // Inside a compound ("Islamabad-based") it is the place.
        if start > 0, tokens[start - 1].isPunctuation("-"), !tokens[start - 1].spaceBefore { return false }
        // "flew to Ankara", "a visit to Washington": a destination is a place.
        if start >= 2, tokens[start - 1].key == "to", NameFinder.motionWords.contains(tokens[start - 2].key) { return false }
        if start >= 1, tokens[start - 1].cues & CueIndex.locationPreposition != 0 {
            // "the government in Islamabad": the state after all.
            if start >= 2, tokens[start - 2].cues & CueIndex.government != 0 { return true }
            return false
        }
        return true
    }

    // MARK: - Compounds

    /// The country, organisation or place mentions inside a hyphenated word, or nil when
    /// no part is known (then the word is treated as one name, as "Jaish-e-Muhammad" is).
    private func compoundMentions(_ token: Token, at i: Int) -> [Mention]? {
        let parts = Tokenizer.hyphenParts(token.text)
        guard parts.count > 1 else { return nil }
        // "Tehreek-i-Taliban", "Jamaat-ud-Dawa": a particle inside makes it one name.
        if parts.contains(where: { gazetteer.cues.particles.contains($0.lowercased()) }) { return nil }
        var out: [Mention] = []
        for part in parts {
            let partTokens = Tokenizer.tokenize(part)
            guard partTokens.count == 1, let first = partTokens.first, first.isCapitalised,
                  first.text.unicodeScalars.count > 1 else { continue }
            if let country = gazetteer.combiningForms[first.key] {
                var m = Mention(start: i, end: i + 1, name: part, keys: [first.key], surface: part,
                                candidate: .known(country), defines: nil, isAcronym: false)
                m.isAlias = false
                out.append(m)
            } else if let match = gazetteerMatch(partTokens, at: 0) {
                var m = knownMention(partTokens, match, at: 0)
                if case let .capital(location, _) = match.target { m.candidate = .known(location) }
                m.start = i
                m.end = i + 1
                out.append(m)
            }
        }
        return out.isEmpty ? nil : out
    }

    // MARK: - Rule-found names

    /// A maximal capitalised sequence, with what the cues say about it.
    struct Run {
        var start = 0
        var end = 0
        var length: Int { end - start }
        var hasOrganizationCue = false
        var hasLocationCue = false
        var startsWithGovernment = false
    }

    /// The capitalised sequence starting at `i`: capitalised words, with name particles
    /// ("bin", "ul") and connectors ("of", "and") inside it. Connectors are kept only in
    /// names with an organisation or place cue; otherwise the run ends before them.
    func run(_ tokens: [Token], from i: Int, matches: [Match?]) -> Run {
        var r = Run(start: i, end: i)
        var j = i
        var firstConnector: Int? = nil
        let n = tokens.count
        let governmentStart = tokens[i].cues & CueIndex.government != 0 && i + 1 < n && tokens[i + 1].key == "of"
        while j < n {
            let t = tokens[j]
            if t.kind == .word && t.isCapitalised && !DateVocabulary.isCalendarWord(t) {
                if j > i && (t.sentenceStart || !t.spaceBefore) { break }
                // "the U.S. Trade deficit", "the U.S. Economy": wire copy capitalises the word
                // after a dotted abbreviation as if a sentence began there. An ordinary word
                // there is no part of a name, unless the article capitalises it elsewhere or
                // a legal form follows ("U.S. Steel Corp").
                if j > i && NameFinder.followsDottedAbbreviation(tokens, at: j) && t.cues & CueIndex.common != 0
                    && !namesInArticle.contains(t) && !legalFormAhead(tokens, from: j) {
                    break
                }
                // "N.Z. Dlrs": a wire abbreviation ends a name; a legal form ("Inc") ends it after itself.
                if t.cues & CueIndex.notName != 0 && !NameFinder.companySuffixes.contains(t.key) { break }
                // A known name ends an uncued run before it: "Cites India", "Hafiz Saeed and
                // Jaish-e-Muhammad". Inside an organisation ("Bank of America") it does not.
                if j > i && !r.hasOrganizationCue && !r.hasLocationCue && !governmentStart && matches[j] != nil {
                    break
                }
                // "Defense Secretary Caspar Weinberger": a title inside the run ends the name
                // before it; the title and the person after it are read next.
                // After an organisation's name, a title and a name that holds no organisation
                // word are the organisation's officer: "Federal Reserve Board Chairman Paul
                // Volcker", "Supreme Court Justice Anthony Kennedy" ("General Motors" stays).
                if j > i {
                    let title = gazetteer.cues.titleLength(tokens, at: j)
                    if title > 0 && j + title < n && tokens[j + title].isCapitalised
                        && (!r.hasOrganizationCue || tokens[j + title].cues & CueIndex.organization == 0) {
                        break
                    }
                }
                if t.isHyphenated {
                    let partKeys = Tokenizer.hyphenParts(t.key)
                    if partKeys.contains(where: gazetteer.cues.organizationCues.contains) { r.hasOrganizationCue = true }
                    r.hasLocationCue = partKeys.contains(where: gazetteer.cues.locationCues.contains)
                } else {
                    if t.cues & CueIndex.organization != 0 { r.hasOrganizationCue = true }
                    // A place cue counts at the end of a name only ("Swat Valley", not "Tower Commission").
                    r.hasLocationCue = t.cues & CueIndex.location != 0
                }
                j += 1
                r.end = j
                continue
            }
            let nextIsCapitalised = j + 1 < n && tokens[j + 1].isCapitalised && tokens[j + 1].spaceBefore
                && !DateVocabulary.isCalendarWord(tokens[j + 1])
            if j > i && t.kind == .word && nextIsCapitalised && t.cues & CueIndex.particle != 0 {
                j += 1
                continue
            }
            // "and" joins only inside an organisation already named ("Ministry of Information
            // and Broadcasting"), never two companies ("Standard Oil Co and BP") or a person
            // and a group ("Hafiz Saeed and Jaish-e-Muhammad"); "and Co" stays.
            if t.key == "and" || t.key == "&" {
                let previous = tokens[j - 1].key
                let next = j + 1 < n ? tokens[j + 1].key : ""
                let joins = next == "co" || (!NameFinder.companySuffixes.contains(previous)
                    && (r.hasOrganizationCue || legalFormAhead(tokens, from: j + 1)))
                if !joins { break }
            }
            if j > i && t.kind == .word && nextIsCapitalised && t.cues & CueIndex.connector != 0 {
                if firstConnector == nil { firstConnector = j }
                j += 1
                continue
            }
            // "People's Party": a possessive after an ordinary word stays inside the name.
            if j > i && t.kind == .possessive && j + 1 < n && tokens[j + 1].isCapitalised
                && tokens[j - 1].cues & CueIndex.common != 0 {
                j += 1
                continue
            }
            break
        }
        if r.end <= i { return Run(start: i, end: i) }
        r.startsWithGovernment = governmentStart && i + 1 < r.end
        if let c = firstConnector, c < r.end, !r.hasOrganizationCue, !r.hasLocationCue, !r.startsWithGovernment,
           definedAcronym(tokens, start: i, end: r.end) == nil {
            // Recompute cues for the shortened run.
            var short = run(Array(tokens[i..<c]), from: 0, matches: Array(matches[i..<c]))
            short.start = i
            short.end = i + short.end
            return short
        }
        return r
    }

    /// True when capitalised words from `k` run into a legal form: "Standard and Poor's
    /// Corp", so the "and" before them is inside one company's name.
    private func legalFormAhead(_ tokens: [Token], from k: Int) -> Bool {
        var j = k
        while j < tokens.count, j < k + 4 {
            let t = tokens[j]
            if t.kind == .possessive { j += 1; continue }
            guard t.kind == .word, t.isCapitalised, t.spaceBefore || t.kind == .possessive else { return false }
            if NameFinder.legalForms.contains(t.key) { return j > k }
            j += 1
        }
        return false
    }

    /// Where a person's name starts at the end of a run ("Police Ghulam Nabi Memon", "Bank
    /// of Japan Satoshi Sumita", "Exchequer Nigel Lawson"): two or more capitalised words
    /// closing it, none an ordinary word, a cue, a known name or written in capitals, with
    /// something before them. Nil when the run is one name.
    private func personTail(_ tokens: [Token], _ r: Run, matches: [Match?]) -> Int? {
        var k = r.end
        let stop = CueIndex.organization | CueIndex.location | CueIndex.titleStart | CueIndex.common | CueIndex.government
        while k > r.start {
            let t = tokens[k - 1]
            guard t.kind == .word, t.isCapitalised, t.cues & stop == 0, !t.isAllCaps, matches[k - 1] == nil,
                  !t.isHyphenated, !DateVocabulary.isCalendarWord(t) else { break }
            k -= 1
        }
        guard r.end - k >= 2, k > r.start else { return nil }
        return k
    }

    /// Appends the office or organisation before `split` (when it is a name: "Bank of
    /// Japan", not "Exchequer" or "Police") and the person from `split` on.
    private func appendSplit(_ tokens: [Token], _ r: Run, at split: Int, matches: [Match?], into out: inout [Mention]) {
        var person = Mention(start: split, end: r.end, name: text(tokens, split, r.end),
                             keys: tokens[split..<r.end].map(\.key), surface: text(tokens, split, r.end),
                             candidate: .name(.person), defines: nil, isAcronym: false)
        person.personEvidence = true
        var headRun = r
        headRun.end = split
        while headRun.end > r.start && !tokens[headRun.end - 1].isCapitalised { headRun.end -= 1 }
        // "Health Minister John Smith": a head ending in a title word is an office, no actor.
        let headIsOffice = headRun.end > r.start && (r.start..<headRun.end).contains { gazetteer.cues.titleLength(tokens, at: $0) > 0 }
        if headRun.end > r.start, !headIsOffice {
            if let match = matches[r.start], r.start + match.length == headRun.end {
                out.append(knownMention(tokens, match, at: r.start))
            } else if let head = unknownMention(tokens, headRun, from: r.start, titleStart: nil),
                      head.candidate == .name(.organization) || head.candidate == .name(.location) {
                out.append(head)
            }
        }
        out.append(person)
    }

    /// An ordinary word, or a hyphenated word of ordinary parts ("Counter-Terrorism").
    private func isOrdinary(_ token: Token) -> Bool {
        isCommon(token) || (token.isHyphenated && Tokenizer.hyphenParts(token.key).allSatisfy { gazetteer.commonWords.contains($0) })
    }

    func isCommon(_ token: Token) -> Bool {
        token.cues & CueIndex.common != 0
    }

    private func unknownMention(_ tokens: [Token], _ r: Run, from i: Int, titleStart: Int?) -> Mention? {
        var start = r.start
        // A title before an organisation name belongs to it ("General Motors").
        if let titleStart, r.hasOrganizationCue { start = titleStart }
        var words = tokens[start..<r.end].filter { $0.kind == .word }
        guard !words.isEmpty else { return nil }
        // Hyphenated parts count as words: "Jamaat-ud-Dawa" is a name of three.
        let wordCount = words.reduce(0) { $0 + ($1.isHyphenated ? Tokenizer.hyphenParts($1.key).count : 1) }
        // "SSP Counter-Terrorism Raja Umar Khattab": an ordinary compound before a name of two
        // or more words is a description, not part of it. (A plain word such as "Raja" or
        // "Malik" often is part of the name, so it stays.)
        while !r.hasOrganizationCue && !r.hasLocationCue && words.count > 2 && words[0].isHyphenated && isOrdinary(words[0])
            && words.dropFirst().filter({ !isOrdinary($0) }).count >= 2 {
            words.removeFirst()
            start = tokens[start...].firstIndex { $0.start == words[0].start } ?? start
        }
        // Single letters ("I", "A") are no names; nor are pronouns and wire abbreviations.
        if words.count == 1 && words[0].text.unicodeScalars.count == 1 { return nil }
        if words.contains(where: { $0.cues & CueIndex.notName != 0 && !NameFinder.companySuffixes.contains($0.key) }) { return nil }
        // "the Bank said", "Corp said": a lone organisation word is no person, and says
        // nothing of which organisation.
        if words.count == 1, words[0].cues & CueIndex.organization != 0 { return nil }
        var name = text(tokens, start, r.end)
        var keys = tokens[start..<r.end].map(\.key)
        let titled = titleStart != nil && start != titleStart
        // "spokesman Yasir Abbasi"; a capitalised cue word is a title or part of a name
        // ("General Accord"), which the title rule has already judged.
        let cueBefore = start > 0 && tokens[start - 1].cues & CueIndex.personCue != 0 && !tokens[start - 1].isCapitalised
        let allCommon = words.allSatisfy {
            $0.cues & (CueIndex.common | CueIndex.connector | CueIndex.particle) != 0
                || Tokenizer.hyphenParts($0.key).allSatisfy { gazetteer.commonWords.contains($0) }
        }
        let type: ActorType?
        var typeIsDefault = false
        // A name the text abbreviates ("Line of Actual Control (LAC)") is a name even when
        // made of ordinary words; without a cue, an organisation.
        let abbreviated = wordCount >= 2 && definedAcronym(tokens, start: start, end: r.end) != nil
        if r.hasLocationCue && abbreviated { type = .location }
        else if abbreviated { type = .organization }
        // "International Coffee Agreement", "Paris Agreement": an accord or a law is a thing,
        // whatever organisation word its name holds.
        else if words.count >= 2, NameFinder.instrumentHeads.contains(words[words.count - 1].key) { return nil }
        else if r.hasOrganizationCue && wordCount >= 2 { type = .organization }
        else if r.hasLocationCue && wordCount >= 2 { type = .location }
        else if allCommon && !titled {
            // "Shah directed...": an English word the article also uses as a name may be the
            // surname of someone it names in full; the resolver decides.
            // "the Administration", "the Bank": an organisation or government word is no one's
            // surname.
            guard words.count == 1, namesInArticle.contains(words[0]),
                  words[0].cues & (CueIndex.organization | CueIndex.government) == 0 else { return nil }
            type = nil
        }
        // "Louvre Agreement", "Dow Jones Industrial Average": a thing's name, not a person's.
        else if words.count >= 2, NameFinder.thingHeads.contains(words[words.count - 1].key) { return nil }
        else if titled || cueBefore { type = .person }
        // "The Reagan Administration", "Aquino Government": a government is its country,
        // which an unknown name does not tell; no person, no actor.
        else if words.count >= 2, words[words.count - 1].cues & CueIndex.government != 0 { return nil }
        // "a Merrill Lynch analyst", "analyst with Merrill Lynch": an employer.
        else if words.count >= 2, employs(tokens, start: start, end: r.end) { type = .organization }
        else if words.count >= 2 { type = .person; typeIsDefault = true }
        else if words[0].isAllCaps { type = .organization; typeIsDefault = true }
        else { type = nil }
        // "Merrill Lynch and Co Inc" is Merrill Lynch: legal endings are no part of the name.
        if type == .organization, let cut = legalNameEnd(tokens, start: start, end: r.end) {
            name = text(tokens, start, cut)
            keys = Array(keys[..<(cut - start)])
        }
        var mention = Mention(start: start, end: r.end, name: name, keys: keys,
                              surface: text(tokens, titleStart ?? start, r.end),
                              candidate: .name(type), defines: nil,
                              isAcronym: words.count == 1 && words[0].looksLikeAcronym)
        mention.typeIsDefault = typeIsDefault
        mention.personEvidence = titled || cueBefore
            || (r.end < tokens.count && tokens[r.end].cues & CueIndex.speechVerb != 0)
        // "in May" is the month.
        mention.locationEvidence = start > 0 && tokens[start - 1].cues & CueIndex.locationPreposition != 0
            && DateVocabulary.month(words[0]) == nil
        // "the Texaco said": an article before a lone word makes it no person.
        if words.count == 1, start > 0, tokens[start - 1].key == "the" { mention.personEvidence = false }
        return mention
    }

    /// Whether the context shows the name at `start..<end` to be an employer: a role word
    /// after it ("a Merrill Lynch analyst") or "analyst with/at" before it.
    private func employs(_ tokens: [Token], start: Int, end: Int) -> Bool {
        if end < tokens.count, tokens[end].kind == .word, !tokens[end].isCapitalised,
           NameFinder.employeeWords.contains(tokens[end].key) {
            return true
        }
        if start >= 2, tokens[start - 1].key == "with" || tokens[start - 1].key == "at",
           NameFinder.employeeBefore.contains(tokens[start - 2].key) {
            return true
        }
        return false
    }

    /// Legal-form endings of company names: "Co", "Inc", "Corp", "Ltd", "Plc", "and Co".
    private static let legalForms: Set<String> = ["co", "inc", "corp", "ltd", "plc", "llc", "cos", "ag", "sa", "nv", "bv", "gmbh", "spa"]

    /// Where a company name ends before its legal form ("Merrill Lynch" in "Merrill Lynch
    /// and Co Inc"), or nil when it has none or nothing would be left.
    func legalNameEnd(_ tokens: [Token], start: Int, end: Int) -> Int? {
        var cut = end
        while cut > start {
            let t = tokens[cut - 1]
            if t.kind == .word && NameFinder.legalForms.contains(t.key) && t.isCapitalised { cut -= 1; continue }
            if (t.key == "and" || t.key == "&" || t.isPunctuation(",") || t.isPunctuation(".")) && cut < end { cut -= 1; continue }
            break
        }
        let kept = tokens[start..<cut].filter { $0.kind == .word }
        guard cut < end, kept.count >= 2 || kept.contains(where: { !isCommon($0) }) else { return nil }
        return cut
    }

    // MARK: - Acronyms

    /// The acronym right after `start..<end` that abbreviates those words, and where the
    /// definition ends: in brackets ("Brazilian Coffee Institute (IBC)"), as a wire's
    /// ticker ("British Petroleum Co Plc <BP>"), or set off by commas ("the Brazilian
    /// Coffee Institute, IBC, said": the closing comma is left for the sentence).
    private func acronymDefinition(_ tokens: [Token], start: Int, end i: Int) -> (acronym: String, end: Int)? {
        guard i + 2 < tokens.count else { return nil }
        let acronym = tokens[i + 1]
        guard acronym.kind == .word, acronym.looksLikeAcronym || acronym.isAllCaps else { return nil }
        let end: Int
        if tokens[i].isPunctuation("("), tokens[i + 2].isPunctuation(")") { end = i + 3 }
        else if tokens[i].isPunctuation("<"), tokens[i + 2].isPunctuation(">") { end = i + 3 }
        else if tokens[i].isPunctuation(","), acronym.isAllCaps,
                tokens[i + 2].isPunctuation(",") || tokens[i + 2].isPunctuation(".") { end = i + 2 }
        else { return nil }
        // "British Petroleum Co Plc <BP>": the legal form is no part of what is abbreviated.
        let nameEnd = legalNameEnd(tokens, start: start, end: i) ?? i
        let words = tokens[start..<nameEnd].filter { $0.kind == .word }.map(\.text)
        return Acronym.abbreviates(acronym.text, words, particles: gazetteer.cues.particles) ? (acronym.text, end) : nil
    }

    /// The acronym a definition right after `start..<end` gives those words, if any.
    func definedAcronym(_ tokens: [Token], start: Int, end i: Int) -> String? {
        acronymDefinition(tokens, start: start, end: i)?.acronym
    }

    /// When an acronym definition follows the mention, records it on the mention and
    /// returns the index after the definition; otherwise returns `i`.
    private func defineAcronym(_ tokens: [Token], _ mention: inout Mention, at i: Int) -> Int {
        guard let definition = acronymDefinition(tokens, start: mention.start, end: i) else { return i }
        mention.defines = definition.acronym
        return definition.end
    }

    // MARK: - Text

    /// Makes `mention` span tokens `start..<end`: its name and surface the text written
    /// there, its keys those tokens' keys (a learned span lengthened it, or a list joined it).
    func respan(_ mention: inout Mention, _ start: Int, _ end: Int, in tokens: [Token]) {
        mention.start = start
        mention.end = end
        mention.name = text(tokens, start, end)
        mention.surface = mention.name
        mention.keys = tokens[start..<end].map(\.key)
    }

    /// The passage text of tokens `s..<e`, spacing as written.
    func text(_ tokens: [Token], _ s: Int, _ e: Int) -> String {
        var out = ""
        for k in s..<e {
            if k > s && tokens[k].spaceBefore { out += " " }
            out += tokens[k].text
        }
        return out
    }
}
