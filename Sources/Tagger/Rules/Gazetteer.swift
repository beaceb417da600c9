import Foundation
import NewsModel

/// What Dossier knows about actors before reading any article: the bundled gazetteer,
/// every country with its short names, demonyms and capital, large cities, and the cue
/// words of the name rules; plus whatever a user's gazetteer file adds.
///
/// A value type with lookup tables built once; share it freely between threads.
///
/// ```swift
/// let gazetteer = try Gazetteer.loading(userFile: URL(fileURLWithPath: "my-actors.json"))
/// let tagger = NewsTagger(gazetteer: gazetteer, labeller: try LearnedLabeller.shipped)
/// ```
public struct Gazetteer: Sendable {
    /// One known actor.
    struct Actor: Sendable {
        var tag: ActorTag
        /// Index of the actor's country in `actors`, when known.
        var country: Int?
    }

    /// What a matched phrase stands for.
    enum Target: Sendable, Equatable {
        /// The actor itself.
        case actor(Int)
        /// A demonym: the country ("Pakistani" -> Pakistan).
        case demonym(country: Int)
        /// A capital: the place, or the country when it stands for the government.
        case capital(location: Int, country: Int)
    }

    /// A name as a sequence of token keys.
    struct Phrase: Sendable {
        var keys: [String]
        /// `Token.keyHash` of each key: a text's word is compared by hash first, since most
        /// candidate phrases differ from the text at their second word, and telling two
        /// strings apart costs far more than two integers.
        var keyHashes: [UInt64]
        var target: Target
        /// For acronym-like names ("US", "LeT", "X"): the exact spelling required, so "us"
        /// or "let" in running text never match.
        var exactText: String?
        /// True when the name starts in lower case ("bin Laden"), so case is not checked.
        var lowercaseStart: Bool
        /// Index in `displayNames` of the name as the gazetteer spells it: what an alias
        /// is shown as, whatever the case of the text ("AMERICA", "AMerica" -> "America").
        /// An index, so that a match stays a plain value (no reference counting per word).
        var display: Int
    }

    private(set) var actors: [Actor] = []
    /// Phrases by their first key, longest first (built by `add`; read through `phrasesByFirstKey`).
    private var phrases: [String: [Phrase]] = [:]
    /// `phrases`, looked up by a token's key hash: the rules ask it for every capitalised word.
    private(set) var phrasesByFirstKey = KeyTable<[Phrase]>([])
    /// Every phrase's name as written in the data (see `Phrase.display`).
    private(set) var displayNames: [String] = []
    /// Combining forms by key ("indo" -> India's index).
    private(set) var combiningForms: [String: Int] = [:]
    /// Event names that are dates ("26/11").
    private(set) var events: [String: CalendarDate] = [:]
    /// Ordinary lower-case English words (`Gazetteer.commonWordKeys`).
    private(set) var commonWords: KeyTable<Void>
    /// The rule cues, as key sets.
    private(set) var cues = CueIndex(TaggingCues())
    /// Country index by ISO code.
    private(set) var countryByCode: [String: Int] = [:]
    /// Actor index by tag.
    private var indexByTag: [ActorTag: Int] = [:]
    /// First bytes of the phrases that start in lower case ("bin Laden", "al-Qaeda"): a
    /// lower-case word starting otherwise cannot begin a name, so it is not looked up.
    private(set) var lowercaseInitials = [Bool](repeating: false, count: 256)

    /// The number of known actors.
    public var count: Int { actors.count }

    /// A stable digest of the files this gazetteer was built from (the bundled resources, then
    /// each user file merged in, by their bytes): `NewsTagger.fingerprint` carries it, so an
    /// index notices new knowledge.
    public let digest: UInt64

    /// The bundled data alone, built once per process.
    public static func bundled() throws -> Gazetteer {
        try bundledResult.get()
    }

    /// The bundled data merged with a user's gazetteer file, when given.
    ///
    /// - Parameter userFile: a JSON file in the schema of `Docs/actors.md`, or nil.
    /// - Throws: `GazetteerError.malformed` naming the file and the problem (bad JSON,
    ///   missing `name`, unknown `type`), `.unreadable` when it cannot be read.
    public static func loading(userFile: URL?) throws -> Gazetteer {
        let base = try bundled()
        guard let userFile else { return base }
        let data: Data
        do { data = try Data(contentsOf: userFile) } catch {
            throw GazetteerError.unreadable(file: userFile.path, reason: error.localizedDescription)
        }
        return try base.merging(decodeFile(data, name: userFile.path), sourceDigest: FeatureHash.fnv(data))
    }

    /// This gazetteer with a file's actors, forms, events and cues merged in: an entry with
    /// an existing canonical name adds aliases (and may change the type or country); one
    /// with `replaces` renames or merges existing actors; any other entry is added.
    /// - Parameter sourceDigest: a digest of the file's bytes, mixed into `digest`.
    func merging(_ file: GazetteerFile, sourceDigest: UInt64) -> Gazetteer {
        var entries = self.entries
        Gazetteer.merge(file.actors, into: &entries)
        var rawForms = self.rawCombiningForms
        rawForms.merge(file.combiningForms) { $1 }
        var rawEvents = self.rawEvents
        rawEvents.merge(file.events) { $1 }
        let cues = file.cues.map { self.rawCues.adding($0) } ?? self.rawCues
        return Gazetteer(entries: entries, combiningForms: rawForms, events: rawEvents, cues: cues,
                         commonWords: commonWords, digest: FeatureHash.finalise(digest ^ sourceDigest))
    }

    /// The canonical actor a name stands for, if the gazetteer knows it ("LeT" ->
    /// Lashkar-e-Taiba, "Pakistani" -> Pakistan); case-insensitive. For `--actor` lookups.
    public func actor(named name: String) -> ActorTag? {
        let keys = TextKey.keys(of: name)
        guard let first = keys.first else { return nil }
        guard let phrase = phrasesByFirstKey.value(first)?.first(where: { $0.keys == keys }) else { return nil }
        switch phrase.target {
        case let .actor(i), let .demonym(i), let .capital(i, _): return actors[i].tag
        }
    }

    /// The country a known actor belongs to (Mumbai -> India, Lashkar-e-Taiba -> Pakistan);
    /// a country is its own. Nil for actors the gazetteer does not place.
    public func country(of actor: ActorTag) -> ActorTag? {
        guard let index = indexByTag[actor] else { return nil }
        if actor.type == .country { return actor }
        return actors[index].country.map { actors[$0].tag }
    }

    /// Every known actor with its canonical name and type.
    public var allActors: [ActorTag] { actors.map(\.tag) }

    // MARK: - Building

    /// The merged entries in priority order, kept so that `merging` can rebuild.
    private var entries: [GazetteerEntry] = []
    private var rawCombiningForms: [String: String] = [:]
    private var rawEvents: [String: String] = [:]
    private var rawCues = TaggingCues()

    private static let bundledResult: Result<Gazetteer, GazetteerError> = {
        do { return .success(try loadBundled()) }
        catch let error as GazetteerError { return .failure(error) }
        catch { return .failure(.missingResource(String(describing: error))) }
    }()

    private static func resource(_ name: String, _ ext: String) throws(GazetteerError) -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext),
              let data = try? Data(contentsOf: url) else {
            throw GazetteerError.missingResource("\(name).\(ext)")
        }
        return data
    }

    /// The ordinary lower-case English words, one per line of `common-words.txt`, read once
    /// per process.
    private static let commonWordList = Result { () throws(GazetteerError) -> [String] in
        // Split at newline bytes: a `String` split walks `Character`s, ten times slower.
        let bytes = try resource("common-words", "txt")
        var words: [String] = []
        words.reserveCapacity(bytes.count / 8)
        bytes.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var start = 0
            for (index, byte) in bytes.enumerated() where byte == 0x0A {
                if index > start { words.append(String(decoding: bytes[start..<index], as: UTF8.self)) }
                start = index + 1
            }
            if bytes.count > start { words.append(String(decoding: bytes[start...], as: UTF8.self)) }
        }
        return words
    }

    /// The ordinary lower-case English words (`common-words.txt`), read once per process: the
    /// index's test of whether an alias must be typed in its own case (`ActorNameKeys`).
    public static let commonWords = Result { () throws(GazetteerError) -> Set<String> in
        Set(try commonWordList.get())
    }

    /// The same words as a `KeyTable`, built once per process: the tagger's cue, asked for
    /// every capitalised word.
    static let commonWordKeys = Result { () throws(GazetteerError) -> KeyTable<Void> in
        KeyTable(keys: try commonWordList.get())
    }

    private static func loadBundled() throws(GazetteerError) -> Gazetteer {
        let countries: [GazetteerEntry]
        let cityPairs: [[String]]
        do {
            countries = try JSONDecoder().decode([GazetteerEntry].self, from: resource("countries", "json"))
            cityPairs = try JSONDecoder().decode([[String]].self, from: resource("places", "json"))
        } catch let error as GazetteerError {
            throw error
        } catch {
            throw GazetteerError.malformed(file: "countries.json/places.json", reason: String(describing: error))
        }
        let gazetteerData = try resource("gazetteer", "json")
        let file = try decodeFile(gazetteerData, name: "gazetteer.json")
        let commonWords = try Self.commonWordKeys.get()
        // Every bundled file the tagging depends on, in a fixed order.
        var digest = FeatureHash.offsetBasis
        for data in [try resource("places", "json"), try resource("countries", "json"), gazetteerData, try resource("common-words", "txt")] {
            digest = FeatureHash.fnv(data, from: digest)
        }

        // Lowest priority first: places (cities, provinces), then countries, then the hand-written gazetteer.
        var entries: [GazetteerEntry] = cityPairs.compactMap { pair in
            pair.count == 2 ? GazetteerEntry(name: pair[0], type: .location, country: pair[1]) : nil
        }
        merge(countries, into: &entries)
        merge(file.actors, into: &entries)
        return Gazetteer(entries: entries, combiningForms: file.combiningForms, events: file.events,
                         cues: file.cues ?? TaggingCues(), commonWords: commonWords, digest: digest)
    }

    /// Decodes a gazetteer file, turning decoding errors into a readable reason.
    static func decodeFile(_ data: Data, name: String) throws(GazetteerError) -> GazetteerFile {
        do {
            return try JSONDecoder().decode(GazetteerFile.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            throw .malformed(file: name, reason: describe(context))
        } catch let DecodingError.keyNotFound(key, context) {
            throw .malformed(file: name, reason: "\(path(context.codingPath + [key])): missing field \"\(key.stringValue)\"")
        } catch let DecodingError.typeMismatch(type, context) {
            throw .malformed(file: name, reason: "\(path(context.codingPath)): expected \(type)")
        } catch let DecodingError.valueNotFound(type, context) {
            throw .malformed(file: name, reason: "\(path(context.codingPath)): expected \(type), found null")
        } catch {
            throw .malformed(file: name, reason: String(describing: error))
        }
    }

    private static func describe(_ context: DecodingError.Context) -> String {
        let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
        let message = underlying ?? context.debugDescription
        return context.codingPath.isEmpty ? message : "\(path(context.codingPath)): \(message)"
    }

    private static func path(_ codingPath: [CodingKey]) -> String {
        var out = ""
        for key in codingPath {
            if let index = key.intValue { out += "[\(index)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
        }
        return out.isEmpty ? "top level" : out
    }

    /// Merges `new` entries into `entries` by canonical name (slug), honouring `replaces`.
    private static func merge(_ new: [GazetteerEntry], into entries: inout [GazetteerEntry]) {
        var indexBySlug: [String: Int] = [:]
        for (i, entry) in entries.enumerated() { indexBySlug[Slug.fold(entry.name)] = i }
        var removed = IndexSet()
        for var entry in new {
            for old in entry.replaces {
                guard let i = indexBySlug[Slug.fold(old)], !removed.contains(i) else { continue }
                entry.aliases += [entries[i].name] + entries[i].aliases
                entry.demonyms += entries[i].demonyms
                entry.capital = entry.capital ?? entries[i].capital
                entry.country = entry.country ?? entries[i].country
                removed.insert(i)
                indexBySlug[Slug.fold(old)] = nil
            }
            let slug = Slug.fold(entry.name)
            if let i = indexBySlug[slug], !removed.contains(i) {
                var merged = entries[i]
                merged.type = entry.type
                merged.name = entry.name
                merged.aliases += entry.aliases
                merged.demonyms += entry.demonyms
                merged.capital = entry.capital ?? merged.capital
                merged.country = entry.country ?? merged.country
                entries[i] = merged
            } else {
                entry.replaces = []
                indexBySlug[slug] = entries.count
                entries.append(entry)
            }
        }
        entries = entries.enumerated().filter { !removed.contains($0.offset) }.map(\.element)
    }

    private init(entries: [GazetteerEntry], combiningForms: [String: String], events: [String: String],
                 cues: TaggingCues, commonWords: KeyTable<Void>, digest: UInt64) {
        self.digest = digest
        self.entries = entries
        self.rawCombiningForms = combiningForms
        self.rawEvents = events
        self.rawCues = cues
        self.commonWords = commonWords
        self.cues = CueIndex(cues)

        var indexBySlug: [String: Int] = [:]
        for entry in entries {
            indexBySlug[Slug.fold(entry.name)] = actors.count
            actors.append(Actor(tag: ActorTag(name: entry.name, type: entry.type), country: nil))
            if entry.type == .country, let code = entry.country { countryByCode[code] = actors.count - 1 }
        }
        for (i, entry) in entries.enumerated() {
            if let code = entry.country { actors[i].country = countryByCode[code] }
            for name in [entry.name] + entry.aliases { add(name, .actor(i)) }
            for demonym in entry.demonyms where entry.type == .country {
                add(demonym, .demonym(country: i))
                if let plural = Gazetteer.plural(of: demonym) { add(plural, .demonym(country: i)) }
            }
        }
        // Capitals last: "Islamabad" is a place that can stand for its state.
        for (i, entry) in entries.enumerated() where entry.type == .country {
            guard let capital = entry.capital, !capital.isEmpty else { continue }
            var names = [capital]
            if capital.hasSuffix(" D.C.") { names.append(String(capital.dropLast(5))) }
            for name in names {
                let location: Int
                if let existing = indexBySlug[Slug.fold(name)], actors[existing].tag.type == .location {
                    location = existing
                } else if let existing = names.lazy.compactMap({ indexBySlug[Slug.fold($0)] }).first,
                          actors[existing].tag.type == .location {
                    location = existing
                } else {
                    indexBySlug[Slug.fold(name)] = actors.count
                    actors.append(Actor(tag: ActorTag(name: name, type: .location), country: i))
                    location = actors.count - 1
                }
                add(name, .capital(location: location, country: i))
            }
        }
        for key in phrases.keys { phrases[key]!.sort { $0.keys.count > $1.keys.count } }
        phrasesByFirstKey = KeyTable(phrases.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) })
        for (i, actor) in actors.enumerated() where indexByTag[actor.tag] == nil { indexByTag[actor.tag] = i }
        for (form, code) in combiningForms {
            if let country = countryByCode[code] { self.combiningForms[TextKey.fold(form)] = country }
        }
        for (name, iso) in events {
            if let date = CalendarDate(iso: iso) { self.events[name] = date }
        }
    }

    /// Registers a phrase; a later phrase with the same keys replaces an earlier one.
    private mutating func add(_ name: String, _ target: Target) {
        let tokens = Tokenizer.tokenize(name)
        guard let first = tokens.first else { return }
        let keys = tokens.map(\.key)
        let single = tokens.count == 1
        let acronymLike = single && (first.looksLikeAcronym || name.utf8.count <= 3)
        let phrase = Phrase(keys: keys, keyHashes: tokens.map(\.keyHash), target: target,
                            exactText: acronymLike ? name.replacingOccurrences(of: "\u{2019}", with: "'") : nil,
                            lowercaseStart: !first.isCapitalised && first.kind == .word,
                            display: displayNames.count)
        displayNames.append(name.replacingOccurrences(of: "\u{2019}", with: "'"))
        if phrase.lowercaseStart, let initial = first.key.utf8.first { lowercaseInitials[Int(initial)] = true }
        var list = phrases[first.key] ?? []
        list.removeAll { $0.keys == keys }
        list.append(phrase)
        phrases[first.key] = list
    }

    /// "Pakistani" -> "Pakistanis"; nil where English has no -s plural ("British", "Swiss").
    private static func plural(of demonym: String) -> String? {
        guard let last = demonym.last, "niaoe".contains(last), !demonym.hasSuffix("ese") else { return nil }
        return demonym + "s"
    }
}

/// Cue words as key sets, built once per gazetteer.
struct CueIndex: Sendable {
    /// Titles as key sequences by their first key, longest first.
    var titles: [String: [[String]]]
    var personCues: Set<String>
    var speechVerbs: Set<String>
    var organizationCues: Set<String>
    var locationCues: Set<String>
    var locationPrepositions: Set<String>
    var particles: Set<String>
    var governmentWords: Set<String>

    /// Every cue word with what it is, so one lookup per word answers every question. Kept
    /// small (a few hundred words) so it stays in cache; the large common-word set is
    /// consulted for capitalised words only (`CueIndex.common`).
    private(set) var bits: KeyTable<UInt16>
    static let titleStart: UInt16 = 1, organization: UInt16 = 2, location: UInt16 = 4, personCue: UInt16 = 8
    static let speechVerb: UInt16 = 16, locationPreposition: UInt16 = 32, particle: UInt16 = 64
    static let government: UInt16 = 128, common: UInt16 = 256, connector: UInt16 = 512
    /// Set by `NameFinder.annotate`: a word never part of a rule-found name ("GMT", "He").
    static let notName: UInt16 = 1024

    /// Connectors allowed inside an organisation or place name ("Ministry of External Affairs").
    static let connectors: Set<String> = ["of", "and", "for", "the", "on", "&", "de", "du", "des"]

    init(_ cues: TaggingCues) {
        titles = Dictionary(grouping: cues.personTitles.map { TextKey.keys(of: $0) }.filter { !$0.isEmpty }, by: { $0[0] })
            .mapValues { $0.sorted { $0.count > $1.count } }
        func set(_ words: [String]) -> Set<String> { Set(words.map { TextKey.fold($0) }) }
        personCues = set(cues.personCues)
        speechVerbs = set(cues.speechVerbs)
        organizationCues = set(cues.organizationCues)
        locationCues = set(cues.locationCues)
        locationPrepositions = set(cues.locationPrepositions)
        particles = set(cues.particles)
        governmentWords = set(cues.governmentWords)
        var bits: [String: UInt16] = [:]
        func mark(_ words: some Sequence<String>, _ bit: UInt16) { for w in words { bits[w, default: 0] |= bit } }
        mark(titles.keys, CueIndex.titleStart)
        mark(organizationCues, CueIndex.organization)
        mark(locationCues, CueIndex.location)
        mark(personCues, CueIndex.personCue)
        mark(speechVerbs, CueIndex.speechVerb)
        mark(locationPrepositions, CueIndex.locationPreposition)
        mark(particles, CueIndex.particle)
        mark(governmentWords, CueIndex.government)
        mark(CueIndex.connectors, CueIndex.connector)
        // One lookup per word answers this too; `NameFinder.annotate` keeps it for capitalised words only.
        mark(NameFinder.notNames, CueIndex.notName)
        // Sorted, so the table's entry order does not depend on the dictionary's.
        self.bits = KeyTable(bits.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) })
    }

    /// The number of tokens of the longest title starting at `i`, or 0.
    func titleLength(_ tokens: [Token], at i: Int) -> Int {
        guard tokens[i].isCapitalised, tokens[i].cues & CueIndex.titleStart != 0,
              let candidates = titles[tokens[i].key] else { return 0 }
        for title in candidates where i + title.count <= tokens.count {
            var ok = true
            var j = 0
            while ok && j < title.count { ok = tokens[i + j].key == title[j]; j += 1 }
            if ok {
                // "Mr." takes its dot along.
                let end = i + title.count
                return end < tokens.count && tokens[end].isPunctuation(".") ? title.count + 1 : title.count
            }
        }
        return 0
    }
}
