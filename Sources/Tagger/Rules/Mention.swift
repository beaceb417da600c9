import NewsModel

/// A name found in one passage, before article-level resolution decides which actor it is.
struct Mention: Sendable {
    /// What the finder could tell about the name on its own.
    enum Candidate: Sendable, Equatable {
        /// A gazetteer actor (demonyms and capitals already turned into country or place).
        case known(Int)
        /// A name found by the rules, with the type the cues gave; nil when a lone word had
        /// no cue, so only the article context (a surname, a speech verb) can place it.
        case name(ActorType?)
    }

    /// Token range in the passage.
    var start: Int
    var end: Int
    /// The name without titles ("Bhutto Zardari" for "Mr. Bhutto Zardari").
    var name: String
    /// The name's token keys.
    var keys: [String]
    /// The surface as written, titles included ("Mr. Bhutto Zardari").
    var surface: String
    /// For a gazetteer name, the gazetteer's spelling of what matched ("America" for
    /// "AMERICA"): the alias shown, in one casing.
    var display: String? = nil
    /// The finder's reading.
    var candidate: Candidate
    /// An acronym this mention defines: "Lashkar-e-Taiba (LeT)" defines "LeT".
    var defines: String?
    /// True when the name is a lone acronym-like word ("LeT", "NACTA") that an article's
    /// own definition should resolve before the gazetteer does.
    var isAcronym: Bool
    /// Context around a lone unknown word: a title or person cue before it, a speech verb
    /// after it, or a locative preposition before it.
    var personEvidence: Bool = false
    var locationEvidence: Bool = false
    /// False for surfaces that are no name of the actor (a demonym, a capital standing for
    /// its state, a compound part such as "Indo-"), which are not reported as aliases.
    var isAlias: Bool = true
    /// True when the rules gave the type by default, with no cue ("two capitalised words
    /// are a person", "a lone all-caps word is an organisation"): the learned labeller's
    /// reading replaces it.
    var typeIsDefault: Bool = false
    /// The learned labeller's class for a lone word the rules left untyped; used after the
    /// article's own people have had their chance to claim it as a surname.
    var learned: ActorType? = nil
    /// True for a name only the labeller found, in an all-capitals passage ("BALDRIGE SEES
    /// U.S. TRADE DEFICIT"), where case says nothing and the labeller's reading is a guess:
    /// it stands only as a name the article also writes in ordinary case.
    var shouted: Bool = false
}
