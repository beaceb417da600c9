import NewsModel

/// Settles every mention of an article on one canonical actor, with the whole article in
/// view: acronyms it defines, surnames and honorific forms of people it names in full,
/// and lone words only where their context says what they are.
struct ArticleResolver {
    let gazetteer: Gazetteer

    /// The canonical tags for each passage's mentions (nil where a mention is dropped), and
    /// the other names each actor went by.
    func resolve(_ passages: [[Mention]]) -> (tags: [[ActorTag?]], aliases: [ActorTag: Set<String>]) {
        // Acronyms the article defines: "Lashkar-e-Taiba (LeT)".
        var acronyms: [String: ActorTag] = [:]
        // People named with two or more words, by the keys of every full form seen.
        var people: [(keys: [String], tag: ActorTag)] = []
        var canonicalKeysByTag: [ActorTag: [String]] = [:]
        // Organisations found by rule, by their keys: "Merrill Lynch" alone is the firm the
        // article calls "Merrill Lynch and Co".
        var organizations: [(keys: [String], tag: ActorTag)] = []
        for mentions in passages {
            // A shouted name is no evidence of its own: it stands only as what the rest of
            // the article names (`resolveShouted`), so it names no person or organisation here.
            for mention in mentions where !mention.shouted {
                guard let tag = direct(mention) else { continue }
                if let acronym = mention.defines { acronyms[acronym] = tag }
                if tag.type == .organization, case .name = mention.candidate,
                   !organizations.contains(where: { $0.keys == mention.keys }) {
                    organizations.append((mention.keys, tag))
                }
                if tag.type == .person {
                    // Each full form once: the list is scanned for every short name.
                    if mention.keys.count >= 2, !people.contains(where: { $0.keys == mention.keys }) {
                        people.append((mention.keys, tag))
                    }
                    if canonicalKeysByTag[tag] == nil {
                        let canonicalKeys = TextKey.keys(of: tag.name)
                        canonicalKeysByTag[tag] = canonicalKeys
                        if canonicalKeys.count >= 2 { people.append((canonicalKeys, tag)) }
                    }
                }
            }
        }

        var aliases: [ActorTag: Set<String>] = [:]
        var tags: [[ActorTag?]] = []
        var anyShouted = false
        for mentions in passages {
            var row: [ActorTag?] = []
            row.reserveCapacity(mentions.count)
            for mention in mentions {
                anyShouted = anyShouted || mention.shouted
                let tag = mention.shouted ? nil : resolve(mention, acronyms: acronyms, people: people, organizations: organizations)
                row.append(tag)
                if let tag, mention.isAlias, let alias = ArticleResolver.alias(mention, of: tag) {
                    aliases[tag, default: []].insert(alias)
                }
                if let tag, let acronym = mention.defines, acronym != tag.name {
                    aliases[tag, default: []].insert(acronym)
                }
            }
            tags.append(row)
        }
        guard anyShouted else { return (tags, aliases) }
        // What the article's mentions in ordinary case settled on: a shouted name stands only
        // as one of these. Read from this copy, so one shouted name never settles another.
        let ordinary = tags
        for (p, mentions) in passages.enumerated() {
            for (m, mention) in mentions.enumerated() where mention.shouted {
                tags[p][m] = resolveShouted(mention, settled: settled(mention.keys, passages, ordinary),
                                            acronyms: acronyms, people: people, organizations: organizations)
            }
        }
        return (tags, aliases)
    }

    /// The tag of the article's first mention in ordinary case with these keys, or nil.
    ///
    /// Searched for each shouted name rather than kept in a table by keys: hashing every
    /// mention's keys cost more than these few scans (a shouted headline holds a handful
    /// of names, and most articles have none).
    private func settled(_ keys: [String], _ passages: [[Mention]], _ tags: [[ActorTag?]]) -> ActorTag? {
        for p in passages.indices {
            for m in passages[p].indices where tags[p][m] != nil && passages[p][m].keys == keys {
                return tags[p][m]
            }
        }
        return nil
    }

    /// A shouted name ("BALDRIGE", "CHRYSLER", "BURLINGTON") as the actor the article names
    /// in ordinary case: the same words, a person's surname, the start of an organisation's
    /// name, or an acronym it defines; nil when the article names no such actor, since
    /// the labeller cannot tell a name from a word in capitals ("APRIL", "ST").
    private func resolveShouted(_ mention: Mention, settled: ActorTag?, acronyms: [String: ActorTag],
                                people: [(keys: [String], tag: ActorTag)],
                                organizations: [(keys: [String], tag: ActorTag)]) -> ActorTag? {
        if let settled { return settled }
        let folded = TextKey.fold(mention.name)
        if let tag = acronyms.first(where: { TextKey.fold($0.key) == folded })?.value { return tag }
        return person(endingWith: mention.keys, in: people)?.tag
            ?? organizations.first(where: { $0.keys.count > mention.keys.count && $0.keys.starts(with: mention.keys) })?.tag
    }

    /// The person named in full whose name ends with `keys`: "Saeed" is Hafiz Saeed.
    private func person(endingWith keys: [String], in people: [(keys: [String], tag: ActorTag)]) -> (keys: [String], tag: ActorTag)? {
        people.first { $0.keys.count > keys.count && $0.keys.suffix(keys.count).elementsEqual(keys) }
    }

    /// The name a mention shows as an alias of `tag`, as people would type it: without
    /// titles ("Nakasone", not "Mr Nakasone" or "Prime Minister Nakasone"), in the
    /// gazetteer's casing for a known name ("America", not "AMERICA"); nil for the canonical
    /// name itself in any casing and for shouted forms of a rule-found name ("BAKER").
    static func alias(_ mention: Mention, of tag: ActorTag) -> String? {
        let alias = mention.display ?? mention.name
        if alias == tag.name || (alias.utf8.count == tag.name.utf8.count && TextKey.fold(alias) == TextKey.fold(tag.name)) {
            return nil
        }
        if mention.display == nil, ActorTag.isShouted(alias) {
            return nil
        }
        return alias
    }

    /// The tag a mention has on its own: a gazetteer actor, or a rule-found name with a type.
    private func direct(_ mention: Mention) -> ActorTag? {
        switch mention.candidate {
        case let .known(index): return gazetteer.actors[index].tag
        case let .name(type?): return ActorTag(name: mention.name, type: type)
        case .name(nil): return nil
        }
    }

    private func resolve(_ mention: Mention, acronyms: [String: ActorTag],
                         people: [(keys: [String], tag: ActorTag)],
                         organizations: [(keys: [String], tag: ActorTag)]) -> ActorTag? {
        // The article's own definition of an acronym wins over the gazetteer's reading.
        if mention.isAcronym, let tag = acronyms[mention.name] { return tag }
        if case let .known(index) = mention.candidate { return gazetteer.actors[index].tag }
        guard case let .name(type) = mention.candidate else { return nil }

        // A name with nothing that makes it a person, which starts an organisation's name
        // the article gives: "Merrill Lynch" -> the firm of "Merrill Lynch Capital Markets".
        if type == nil || (type == .person && !mention.personEvidence),
           let org = organizations.first(where: { $0.keys.starts(with: mention.keys) }) {
            return org.tag
        }

        // A surname or shortened name of a person the article names in full:
        // "Saeed" -> Hafiz Saeed, "Mr. Bhutto Zardari" -> Bilawal Bhutto Zardari.
        if type == nil || type == .person {
            let keys = mention.keys
            if let person = person(endingWith: keys, in: people)
                ?? people.first(where: { $0.keys.count > keys.count && contains($0.keys, keys) }) {
                return person.tag
            }
        }
        if let type { return ActorTag(name: mention.name, type: type) }
        // A lone unknown word: the learned labeller's reading of it in context, else the rules' cues.
        if let learned = mention.learned { return ActorTag(name: mention.name, type: learned) }
        if mention.personEvidence { return ActorTag(name: mention.name, type: .person) }
        if mention.locationEvidence { return ActorTag(name: mention.name, type: .location) }
        return nil
    }

    private func contains(_ haystack: [String], _ needle: [String]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return true
        }
        return false
    }
}
