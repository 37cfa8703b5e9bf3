import RathausTestSupport
import Testing

@testable import RathausDialog
@testable import RathausUnderstanding

@Suite("Aspects and follow-up questions")
struct AspectTests {
    static let catalog = CatalogFixture.shipped
    static let matcher = CatalogFixture.matcher(catalog)

    @Test(
        "the aspect of a question is recognised",
        arguments: [
            ("Was kostet ein Reisepass?", Aspect.costs),
            ("welche unterlagen brauche ich fuer den perso", .documents),
            ("wie lange dauert eine baugenehmigung", .duration),
            ("bis wann ist die frist fuer die anmeldung", .deadlines),
            ("wo kann ich meinen hund anmelden", .place),
            ("geht das auch online", .online),
        ])
    func detects(_ case: (String, Aspect)) {
        #expect(Aspect.detect(in: `case`.0) == `case`.1)
    }

    @Test("each word signals the aspect that comparing it with every signal in order finds")
    func signalLookup() {
        // The plain reading, written out: the first aspect with a signal equal to the word or, for
        // words longer than three letters, a signal of four letters or more that begins it (a
        // signal ending in "=" matches the whole word only).
        func reference(_ word: String) -> Aspect? {
            Aspect.signals.first { _, prefixes in
                prefixes.contains { signal in
                    if signal.hasSuffix("=") { return word == String(signal.dropLast()) }
                    return word == signal || (word.utf8.count > 3 && signal.utf8.count >= 4 && word.hasPrefix(signal))
                }
            }?.0
        }
        var words = [
            "", "a", "wo", "woh", "wohin", "wohnung", "kost", "kosten", "kos", "dauert", "dauerte", "lange", "langeweile",
            "offen", "offenbar", "euro", "europa", "eur", "frist", "fristen", "online", "onlinedienst", "spatestens",
        ]
        for (_, prefixes) in Aspect.signals {
            for signal in prefixes {
                let prefix = signal.hasSuffix("=") ? String(signal.dropLast()) : signal
                words += [prefix, prefix + "e", String(prefix.dropLast()), "x" + prefix]
            }
        }
        for word in words {
            #expect(Aspect.read(words: [word]).aspect == reference(word), "\(word)")
        }
    }

    @Test("a question without an aspect has none")
    func noAspect() {
        #expect(Aspect.detect(in: "reisepass beantragen") == nil)
    }

    @Test(
        "follow-ups name no service of their own",
        arguments: [
            ("und was kostet das?", true),
            ("wo muss ich da hin?", true),
            ("wie lange dauert das", true),
            ("was kostet ein reisepass", false),
            ("was kostet ein flug nach mallorca", false),
            ("hallo", false),
        ])
    func followUp(_ case: (String, Bool)) {
        #expect(Aspect.isFollowUp(`case`.0) == `case`.1)
    }

    @Test("the answer gives the part asked about, led by the service's name")
    func answerLeadsWithAspect() throws {
        let entry = try #require(Self.catalog.knowledge["reisepass-beantragen"])
        let composer = AnswerComposer(catalog: Self.catalog)
        let costs = composer.answer(for: entry.id, aspect: .costs)
        let lines = costs.split(separator: "\n")
        #expect(lines[0] == Substring(entry.name))
        #expect(lines[1] == "Kosten:")
        #expect(lines[2] == Substring("• " + entry.costs[0]))
        #expect(!costs.contains(entry.summary), "only the part asked about")
        let documents = composer.answer(for: entry.id, aspect: .documents).split(separator: "\n")
        #expect(documents[1] == "Unterlagen:")
    }

    @Test("a follow-up refers to the service of the previous turn")
    func followUpUsesPreviousService() throws {
        var session = ChatSession(catalog: Self.catalog, matcher: Self.matcher)
        let first = session.respond(to: "ich brauche einen neuen reisepass")
        #expect(first.intent == "reisepass-beantragen")
        let costs = session.respond(to: "und was kostet das?")
        #expect(costs.intent == "reisepass-beantragen")
        #expect(costs.replies[0].split(separator: "\n")[1] == "Kosten:")
        let place = session.respond(to: "wo muss ich da hin?")
        #expect(place.intent == "reisepass-beantragen")
        let department = try #require(Self.catalog.departments["einwohnermeldeamt"])
        #expect(place.replies[0].split(separator: "\n")[1] == Substring("Zuständig: \(department.name)"))
    }

    @Test("without a previous service a follow-up asks which service is meant, rather than guess")
    func followUpWithoutContext() {
        var session = ChatSession(catalog: Self.catalog, matcher: Self.matcher)
        let turn = session.respond(to: "und was kostet das?")
        #expect(turn.intent == nil)
        #expect(turn.replies[0].hasPrefix("Zu welcher Leistung"))
    }

    @Test("a new service replaces the one a follow-up refers to")
    func newServiceReplacesContext() {
        var session = ChatSession(catalog: Self.catalog, matcher: Self.matcher)
        _ = session.respond(to: "reisepass beantragen")
        _ = session.respond(to: "sperrmuell anmelden")
        #expect(session.respond(to: "was kostet das").intent == "sperrmuell-anmelden")
    }
}
