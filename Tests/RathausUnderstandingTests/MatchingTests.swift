import RathausTestSupport
import Testing

@testable import RathausCatalog
@testable import RathausUnderstanding

@Suite("Matching utterances to intents")
struct MatchingTests {
    static let matcher = CatalogFixture.matcher(CatalogFixture.shipped)

    @Test(
        "plain and colloquial questions find their service",
        arguments: [
            ("Was kostet ein Reisepass?", "reisepass-beantragen"),
            ("hab meinen perso verloren was nun", "ausweis-verlust-melden"),
            ("bin umgezogen wo muss ich mich anmelden", "wohnsitz-anmelden"),
            ("sperrmuell abholen lassen", "sperrmuell-anmelden"),
            ("hab mir nen hund geholt muss ich den anmelden", "hundesteuer-anmelden"),
            ("auto zulassen", "kfz-zulassen"),
            ("Hallo", "begruessung"),
            ("tschüss", "verabschiedung"),
        ])
    func recognises(_ case: (String, String)) {
        #expect(Self.matcher.match(`case`.0).intent == `case`.1)
    }

    @Test("known weakness of the first matcher: an unseen verb leaves 'an-' and 'abmelden' undecided")
    func knownWeakness() {
        // "angeschafft" appears in no example, and the n-grams of "hund" and "steuer" are shared by
        // both dog-tax intents. Stemming and compound handling (the understanding issue) address this.
        withKnownIssue {
            #expect(Self.matcher.match("hund angeschafft steuer").intent == "hundesteuer-anmelden")
        }
    }

    @Test(
        "questions with typing slips still find their service",
        arguments: [
            ("hhundesteuer abmeldenn", "hundesteuer-abmelden"),
            ("sperrmulll anmeldn", "sperrmuell-anmelden"),
            ("personalausweiss beantrgen", "personalausweis-beantragen"),
            ("wohngled beantarge", "wohngeld-beantragen"),
        ])
    func recognisesSlips(_ case: (String, String)) {
        #expect(Self.matcher.match(`case`.0).intent == `case`.1)
    }

    @Test("the shipped catalogue is small enough for the linear model")
    func usesModel() {
        #expect(Self.matcher.usesLinearModel)
    }

    @Test(
        "questions that are not for the town are out of scope",
        arguments: [
            "wie wird das wetter morgen",
            "rezept fuer apfelkuchen",
            "asdfgh jklö",
            "",
            "!!!",
        ])
    func rejects(_ text: String) {
        let match = Self.matcher.match(text)
        #expect(match.intent == nil, "got \(match.intent ?? "nil") at \(match.confidence)")
    }

    @Test("umlaut spellings give the same result")
    func umlautSpellings() {
        let withUmlaut = Self.matcher.match("Sperrmüll anmelden")
        let without = Self.matcher.match("sperrmuell anmelden")
        #expect(withUmlaut == without)
    }

    @Test("confidence is between 0 and 1 and alternatives are ranked below the best")
    func confidenceAndAlternatives() {
        let match = Self.matcher.match("personalausweis beantragen")
        #expect(match.intent == "personalausweis-beantragen")
        #expect(match.confidence > 0 && match.confidence <= 1)
        for alternative in match.alternatives {
            #expect(alternative.confidence <= match.confidence)
            #expect(alternative.intent != match.intent)
        }
    }

    @Test("an utterance closest to an out-of-scope example is rejected even above the threshold")
    func outOfScopeExamples() throws {
        let fixture = try CatalogFixture(changes: [
            "Intents/ausserhalb.yaml": "out_of_scope:\n  - reisepass im fussball spielen\n"
        ])
        defer { fixture.remove() }
        let catalog = try CatalogLoader(directory: fixture.directory).load()
        #expect(catalog.outOfScopeExamples == ["reisepass im fussball spielen"])
        let matcher = CatalogFixture.matcher(catalog, threshold: 0.1)
        let football = matcher.match("reisepass im fussball")
        #expect(football.intent == nil)
        #expect(football.confidence >= 0.1, "rejected by the example, not by the threshold")
        #expect(matcher.match("reisepass beantragen").intent == "reisepass-beantragen")
    }

    @Test("an accepted intent resembles the message at least as much as the threshold, also when the model chose it over the most similar one")
    func acceptedIntentPassesThreshold() throws {
        // Over every text of both development sets: "wie alt bist du" was once accepted as "hilfe",
        // the model's choice, at a similarity of 0.018 below a threshold of 0.030.
        var texts: [String] = []
        for file in ["development.jsonl", "holdout.jsonl"] {
            let url = CatalogFixture.repositoryRoot.appendingPathComponent("Tests/Development/\(file)")
            texts += try EvaluationSet(contentsOf: url).examples.map(\.text)
        }
        #expect(texts.count > 600)
        for text in texts {
            let match = Self.matcher.match(text)
            if match.intent != nil {
                #expect(match.confidence >= Self.matcher.threshold, "\(text): \(match.intent ?? "") at \(match.confidence)")
            }
        }
        #expect(Self.matcher.match("wie alt bist du").intent == nil)
    }

    @Test("a threshold of 1.1 rejects everything, 0 accepts the best intent")
    func thresholdIsApplied() {
        let strict = CatalogFixture.matcher(CatalogFixture.shipped, threshold: 1.1)
        #expect(strict.match("Was kostet ein Reisepass?").intent == nil)
        let lax = CatalogFixture.matcher(CatalogFixture.shipped, threshold: 0)
        #expect(lax.match("Was kostet ein Reisepass?").intent == "reisepass-beantragen")
    }
}
