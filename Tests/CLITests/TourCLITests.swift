import Foundation
import TestSupport
import Testing

/// The README's tour, run through the binary on `seeds/`, each answer checked against an
/// independent count: a brute-force scan of every stored passage (exported as JSONL), or the
/// same filter given another way. Also the end-to-end checks of issue 10, items 1, 3 and 4.
@Suite(.serialized) struct TourCLITests {
    struct Passage {
        var id: String
        var article: String
        var title: String
        var text: String
        var published: String
        var actors: [String]
        var dates: [String]
        /// Title and text, possessives dropped, lower case: what a word may match.
        var words: String { (title + " \n " + text).lowercased().replacingOccurrences(of: "’", with: "'") }
    }

    static let index = Result { () throws -> (TemporaryDirectory, String) in
        let dir = TemporaryDirectory()
        let path = dir.path("news.idx")
        let run = try EndToEndTests.dossier(["index", Paths.seeds.path, "--index", path])
        guard run.status == 0 else { throw CocoaError(.fileReadUnknown) }
        return (dir, path)
    }

    private func dossier(_ arguments: [String]) throws -> EndToEndTests.Run {
        try EndToEndTests.dossier(arguments + ["--index", try Self.index.get().1])
    }

    /// The total a search reports (JSON output).
    private func total(_ arguments: [String]) throws -> Int {
        let run = try dossier(["search"] + arguments + ["--format", "json", "--limit", "0"])
        #expect(run.status == 0, "\(arguments): \(run.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        return try #require(object?["total"] as? Int)
    }

    /// Every passage, read back through a full export.
    private func passages() throws -> [Passage] {
        let run = try dossier(["search", "", "--format", "jsonl", "--limit", "all",
                               "--fields", "passage_id,article_id,title,text,published,actors,dates"])
        return try run.stdout.split(separator: "\n").map { line in
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return Passage(
                id: o["passage_id"] as! String, article: o["article_id"] as! String, title: o["title"] as! String,
                text: o["text"] as! String, published: o["published"] as? String ?? "",
                actors: (o["actors"] as! [[String: Any]]).map { $0["name"] as! String },
                dates: (o["dates"] as! [[String: String]]).map { $0["value"]! })
        }
    }

    /// True when `text` holds a word matching `pattern` (a regular expression, whole words).
    private func has(_ text: String, _ pattern: String) -> Bool {
        text.range(of: "(?<![A-Za-z0-9])(" + pattern + ")(?![A-Za-z0-9])", options: .regularExpression) != nil
    }

    /// Passage 0 is the title; other passages do not search the title's words.
    private func body(_ p: Passage) -> String {
        (p.id.hasSuffix("#0") ? p.title : p.text).lowercased().replacingOccurrences(of: "’", with: "'")
    }

    @Test func theTourAnswersMatchIndependentCounts() throws {
        let all = try passages()
        #expect(all.count == 75)
        // Stems of "extradition": extradite, extradited, extradition(s), extraditing.
        let extradit = "extradit(e|ed|es|ing|ion|ions)"
        let extradition = all.filter { has(body($0), extradit) }
        #expect(try total(["extradition"]) == extradition.count)
        #expect(!extradition.isEmpty)

        // A phrase: the two words next to each other (a possessive counts as its base).
        let mumbai = all.filter { has(body($0), "mumbai('s)?[^a-z0-9]+attack") }
        #expect(try total(["\"Mumbai attack\""]) == mumbai.count)

        // `a OR b -c`: Xapian's precedence, a OR (b AND NOT c).
        let deport = all.filter { has(body($0), "deport(s|ed|ing|ation|ations)?") && !has(body($0), "rana('s)?") }
        #expect(try total(["extradition OR deportation -Rana"]) == Set((extradition + deport).map(\.id)).count)

        // A title word and a date range in the query, against the same as options.
        #expect(try total(["title:extradition published:2025-07..2025-07"]) == (try total(["title:extradition", "--from", "2025-07", "--to", "2025-07"])))

        // --per-article 1: one passage per article that has the word and the date.
        let talks = Set(all.filter { has(body($0), "talks?") && $0.published >= "2025-11" }.map(\.article))
        #expect(try total(["talks", "--from", "2025-11", "--per-article", "1"]) == talks.count)

        // Facet counts equal filtering by each value.
        let facets = try dossier(["search", "ceasefire", "--facet", "published-month", "--format", "json", "--limit", "0"])
        let months = try #require(((try JSONSerialization.jsonObject(with: Data(facets.stdout.utf8)) as? [String: Any])?["facets"]
            as? [String: Any])?["published-month"] as? [[String: Any]])
        #expect(!months.isEmpty)
        for month in months {
            let value = try #require(month["value"] as? String)
            #expect(try total(["ceasefire", "--from", value, "--to", value]) == month["count"] as? Int, "\(value)")
        }

        // The actor filter: the passages tagged with the actor, by the records.
        let rana = extradition.filter { $0.actors.contains("Tahawwur Rana") }
        #expect(try total(["extradition", "--actor", "Tahawwur Rana"]) == rana.count)

        // An alias as a synonym: the word or the name, or tagged with the actor.
        let letTraining = all.filter { p in
            has(body(p), "train(s|ed|ing)?")
                && (has(p.id.hasSuffix("#0") ? p.title : p.text, "LeT") || p.actors.contains("Lashkar-e-Taiba") || has(body(p), "lashkar-e-taiba"))
        }
        #expect(try total(["LeT training"]) == letTraining.count)

        // Who and when in the query, in either order, equal the options and the records.
        let letIn2008 = all.filter { $0.actors.contains("Lashkar-e-Taiba") && $0.dates.contains { $0.hasPrefix("2008") } }
        #expect(!letIn2008.isEmpty)
        #expect(try total(["actor:LeT mentioned:2008..2008"]) == letIn2008.count)
        #expect(try total(["mentioned:2008..2008 actor:LeT"]) == letIn2008.count)
        #expect(try total(["", "--actor", "LeT", "--mentioned-from", "2008", "--mentioned-to", "2008"]) == letIn2008.count)

        // count equals search.
        let count = try dossier(["count", "extradition"])
        #expect(count.stdout.hasPrefix("\(extradition.count) passage"))

        // A watch list: each row's total equals the search.
        let dir = TemporaryDirectory()
        let watch = dir.path("watch.txt")
        try "extradition --id ex\n\"Mumbai attack\" --from 2025\n--actor Rana\n".write(toFile: watch, atomically: true, encoding: .utf8)
        let batch = try dossier(["batch", watch])
        let rows = batch.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(rows.count == 3)
        #expect(rows.first.map { Int($0[1]) } == extradition.count)
        #expect(rows.dropFirst().first.map { Int($0[1]) } == (try total(["\"Mumbai attack\"", "--from", "2025"])))
        #expect(rows.last.map { Int($0[1]) } == all.filter { $0.actors.contains("Tahawwur Rana") }.count)
    }

    @Test func filtersInTheQueryNarrowInAnyOrder() throws {
        // Issue 10 item 1, end to end: both orders and the options agree, with OR words too.
        let options = try total(["extradition OR attack", "--actor", "Lashkar-e-Taiba", "--from", "2025"])
        for query in ["actor:Lashkar-e-Taiba published:2025.. extradition OR attack",
                      "extradition OR attack published:2025.. actor:Lashkar-e-Taiba",
                      "published:2025.. extradition OR attack actor:Lashkar-e-Taiba"] {
            #expect(try total([query]) == options, "\(query)")
        }
        #expect(try total(["actor:LeT mentioned:2008..2008"]) <= (try total(["actor:LeT"])))
    }

    @Test func aWordMatchesWhateverItsCase() throws {
        // Issue 10 item 3, end to end.
        for word in ["Extradition", "Mumbai", "India", "Pakistan", "Ceasefire"] {
            #expect(try total([word]) == (try total([word.lowercased()])), "\(word)")
            #expect(try total([word.uppercased()]) == (try total([word.lowercased()])), "\(word)")
        }
    }

    @Test func ambiguousAndUnknownActorsAreErrorsWithCandidates() throws {
        // Issue 10 item 4, end to end: an unknown name lists the closest with passage counts,
        // in --actor, actor: and batch lines alike.
        let option = try dossier(["search", "extradition", "--actor", "Zardary"])
        #expect(option.status == 65)
        #expect(option.stderr.contains("did you mean: \"Bilawal Bhutto Zardari\" ("))
        let query = try dossier(["search", "actor:Zardary"])
        #expect(query.status == 65 && query.stderr == option.stderr)
        let dir = TemporaryDirectory()
        let watch = dir.path("watch.txt")
        try "--actor Zardary\n".write(toFile: watch, atomically: true, encoding: .utf8)
        let batch = try dossier(["batch", watch])
        #expect(batch.status == 1)
        #expect(batch.stderr.contains("watch.txt:1:") && batch.stderr.contains("\"Bilawal Bhutto Zardari\" ("))
    }

    @Test func messagesSayWhatIsWrong() throws {
        // Issue 10 item 6, query side.
        let stop = try dossier(["search", "the of and"])
        #expect(stop.status == 65)
        #expect(stop.stderr.contains("only stop words (the, of, and)"))
        let limit = try dossier(["search", "extradition", "--limit", "-5"])
        #expect(limit.status == 64)
        #expect(limit.stderr.contains("--limit -5: must be a positive number"))
        let past = try dossier(["search", "extradition", "--offset", "1000", "--limit", "5"])
        let hits = try total(["extradition"])
        #expect(past.stdout.contains("the last page starts at --offset \((hits - 1) / 5 * 5)."))
        let control = try dossier(["search", "ab\u{1B}[31mcd\u{07}"])
        #expect(!control.stdout.contains("\u{1B}") && control.stdout.contains("ab\\u{1B}[31mcd\\u{7}"))
        let controlError = try dossier(["search", "x", "--actor", "\u{1B}[2J"])
        #expect(!controlError.stderr.contains("\u{1B}") && controlError.stderr.contains("\\u{1B}[2J"))
    }
}
