import NewsModel
import Testing
@testable import Indexer
@testable import Tagger

/// Rules for the habits of wire copy (issue 12): shouted headlines, tickers, acronyms set off
/// by commas or taken from another language, names holding a list, and capitals that come
/// from the text's typography rather than from a name. Sentences written for the rules, with
/// made-up names, not taken from any corpus.
@Suite struct WireTextRuleTests {
    private func tag(_ title: String, _ paragraphs: [String]) -> TaggedArticle {
        var article = SeedArticles.article(paragraphs)
        article.title = title
        article.passages[0].text = title
        return SeedArticles.tagger.tag(article)
    }

    private func names(_ passage: TaggedPassage) -> [String] { passage.actors.map(\.name) }

    /// A shouted headline name is the actor the body names in ordinary case; a shouted word
    /// the body does not name is no actor at all, whatever the labeller guessed.
    @Test func shoutedHeadlineNamesStandOnlyAsTheBodyNamesThem() {
        let named = tag("HALVORSEN SEES STEEL DEMAND RISING IN MARCH",
                        ["Energy Secretary Ingrid Halvorsen said demand would rise."])
        #expect(named.passages[0].actors == [ActorTag(name: "Ingrid Halvorsen", type: .person)], "\(named.passages[0].actors)")
        // Nor does a shouted guess type the body's own mention of the same name.
        let surname = tag("HALVORSEN SEES STEEL DEMAND RISING", ["Halvorsen said demand would rise."])
        #expect(surname.passages.map(\.actors) == [[ActorTag(name: "Halvorsen", type: .person)], [ActorTag(name: "Halvorsen", type: .person)]],
                "\(surname.passages.map(\.actors))")
        let unnamed = tag("QUORLEX SEES FIRST QUARTER GAINS", ["Profits rose, the company said."])
        #expect(unnamed.passages[0].actors.isEmpty, "\(unnamed.passages[0].actors)")
    }

    /// "Name (ACR)" and "Name, ACR," define the acronym; so does an acronym of the name in its
    /// own language, whose initials come in another order.
    @Test func acronymsSetOffByCommasOrFromAnotherLanguageAreDefined() {
        let tagged = tag("Mining talks", [
            "The National Mining Institute (INM) and the Andean Cocoa Board, ACB, met on Monday.",
            "INM officials and the ACB agreed.",
        ])
        #expect(names(tagged.passages[2]) == ["National Mining Institute", "Andean Cocoa Board"], "\(names(tagged.passages[2]))")
        let particles: Set<String> = []
        #expect(Acronym.abbreviates("INM", ["National", "Mining", "Institute"], particles: particles))
        #expect(Acronym.abbreviates("FARC", ["Revolutionary", "Armed", "Forces", "of", "Colombia"], particles: particles))
        // Two letters are too few to trust in any order, and every word must give its initial.
        #expect(!Acronym.abbreviates("MN", ["National", "Mining"], particles: particles))
        #expect(!Acronym.abbreviates("INX", ["National", "Mining", "Institute"], particles: particles))
    }

    /// A ticker in angle brackets is no actor of its own; one that abbreviates the company's
    /// name stands for the company in the rest of the article.
    @Test func tickersInAngleBracketsAreCodesNotActors() {
        let tagged = tag("Listing", [
            "Halvex Corp <HVX> and Zorbin Inc <Q> said they would list their shares.",
            "HVX shares rose.",
        ])
        #expect(names(tagged.passages[1]) == ["Halvex", "Zorbin"], "\(names(tagged.passages[1]))")
        #expect(names(tagged.passages[2]) == ["Halvex"], "\(names(tagged.passages[2]))")
    }

    /// "The Rice, Sugar and Cotton Exchange" is one organisation, not "Rice", "Sugar" and
    /// "Cotton Exchange".
    @Test func anOrganisationNameHoldingAListIsOneName() {
        let tagged = tag("Trading", [
            "The Rice, Sugar and Cotton Exchange said trading was halted.",
            "Traders on the Tin, Zinc and Lead Exchange said volume was light.",
        ])
        #expect(names(tagged.passages[1]) == ["Rice, Sugar and Cotton Exchange"], "\(names(tagged.passages[1]))")
        #expect(names(tagged.passages[2]) == ["Tin, Zinc and Lead Exchange"], "\(names(tagged.passages[2]))")
    }

    /// Wire copy capitalises the word after "U.S." or "U.K." as if a sentence began there;
    /// where the labeller reads that word as no part of a name, it is none: the country only.
    @Test func anOrdinaryWordCapitalisedAfterACountryAbbreviationIsNoPartOfTheName() {
        let tagged = tag("Trade", ["Officials said the U.K. Trade gap would narrow this year."])
        #expect(tagged.passages[1].actors == [ActorTag(name: "United Kingdom", type: .country)], "\(tagged.passages[1].actors)")
    }

    /// "the U.S. Economy" is the country: the capital after a dotted abbreviation is wire
    /// typography, unless the article writes the word capitalised elsewhere or a legal form
    /// follows.
    @Test func aCapitalAfterADottedAbbreviationIsNoNameEvidence() {
        let tagged = tag("Outlook", ["Dealers cited the U.S. Economy and U.S. Officials, and Halvex Corp said so."])
        #expect(names(tagged.passages[1]) == ["United States", "Halvex"], "\(names(tagged.passages[1]))")
        let company = tag("Outlook", ["U.S. Quarry Corp said it would cut jobs."])
        #expect(names(company.passages[1]) == ["U.S. Quarry"], "\(names(company.passages[1]))")
    }

    /// An organisation's officer named after it is a person of their own, not part of the
    /// organisation's name.
    @Test func anOfficerNamedAfterTheOrganisationIsAPerson() {
        let tagged = tag("Rates", ["Federal Reserve Board Chairman John Miller said so.", "The Bank of England Governor Robin Smith spoke."])
        #expect(tagged.passages[1].actors == [ActorTag(name: "Federal Reserve", type: .organization), ActorTag(name: "John Miller", type: .person)],
                "\(tagged.passages[1].actors)")
        #expect(tagged.passages[2].actors == [ActorTag(name: "Bank of England", type: .organization), ActorTag(name: "Robin Smith", type: .person)],
                "\(tagged.passages[2].actors)")
    }

    /// An actor's name in the index's table is written in ordinary case whenever some
    /// passage writes it so, however many headlines shout it; acronyms keep their capitals.
    @Test func theTableNamesAnActorInOrdinaryCaseOverHeadlineCapitals() {
        var tally = ActorTally()
        tally.passages["organization"] = ["QUORLEX": 9, "Quorlex": 2]
        #expect(tally.entry()?.name == "Quorlex")
        tally.passages["organization"] = ["OPEC": 9, "Opec": 2]
        #expect(tally.entry()?.name == "OPEC")
        #expect(ActorTag.isShouted("QUORLEX") && !ActorTag.isShouted("OPEC") && !ActorTag.isShouted("Quorlex"))
    }
}
