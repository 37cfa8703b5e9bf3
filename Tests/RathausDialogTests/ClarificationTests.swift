import RathausTestSupport
import Testing

@testable import RathausDialog
@testable import RathausUnderstanding

@Suite("Clarification between two close services")
struct ClarificationTests {
    static let catalog = CatalogFixture.shipped
    static let matcher = CatalogFixture.matcher(catalog)

    @Test("a runner-up within the margin is offered; a clear winner is not")
    func closeRunnerUp() {
        let close = IntentMatch(intent: "a", confidence: 0.50, alternatives: [.init(intent: "b", confidence: 0.48)])
        #expect(close.closeRunnerUp()?.intent == "b")
        let clear = IntentMatch(intent: "a", confidence: 0.50, alternatives: [.init(intent: "b", confidence: 0.30)])
        #expect(clear.closeRunnerUp() == nil)
        let rejected = IntentMatch(intent: nil, confidence: 0.10, alternatives: [.init(intent: "b", confidence: 0.09)])
        #expect(rejected.closeRunnerUp() == nil)
    }

    /// A question whose two best services are within the margin in the shipped catalogue.
    static func ambiguousQuestion() -> (text: String, choices: [String])? {
        let candidates = [
            "hund", "gewerbe", "auto", "steuer", "ausweis", "wohnung", "anmelden", "abmelden", "bescheid",
            "hund melden", "gewerbe melden", "auto melden", "pass", "urkunde", "termin", "parken",
        ]
        for text in candidates {
            let match = matcher.match(text)
            if let runnerUp = match.closeRunnerUp(), let intent = match.intent,
                catalog.knowledge[intent] != nil, catalog.knowledge[runnerUp.intent] != nil
            {
                return (text, [intent, runnerUp.intent])
            }
        }
        return nil
    }

    @Test("the session asks 'Meinten Sie A oder B?' and takes the number as the answer", arguments: [("1", 0), ("2", 1), ("die zweite", 1)])
    func choiceByNumber(_ case: (String, Int)) throws {
        let question = try #require(Self.ambiguousQuestion(), "some keyword should be ambiguous")
        var session = ChatSession(catalog: Self.catalog, matcher: Self.matcher)
        let ask = session.respond(to: question.text)
        #expect(ask.intent == nil)
        let names = question.choices.map { Self.catalog.knowledge[$0]!.name }
        #expect(ask.replies[0].hasPrefix("Meinten Sie „\(names[0])“ oder „\(names[1])“?"))
        let chosen = session.respond(to: `case`.0)
        #expect(chosen.intent == question.choices[`case`.1])
        #expect(chosen.replies[0].hasPrefix(names[`case`.1]))
        #expect(session.pendingChoice == nil)
    }

    @Test("the citizen may answer with the service's name")
    func choiceByName() throws {
        let question = try #require(Self.ambiguousQuestion())
        var session = ChatSession(catalog: Self.catalog, matcher: Self.matcher)
        _ = session.respond(to: question.text)
        let name = Self.catalog.knowledge[question.choices[1]]!.name
        #expect(session.respond(to: name).intent == question.choices[1])
    }

    @Test("an unrelated answer drops the choice and is answered on its own")
    func unrelatedAnswer() throws {
        let question = try #require(Self.ambiguousQuestion())
        var session = ChatSession(catalog: Self.catalog, matcher: Self.matcher)
        _ = session.respond(to: question.text)
        let turn = session.respond(to: "wie wird das wetter morgen")
        #expect(turn.intent == nil)
        #expect(turn.replies[0].contains("leider"))
        #expect(session.pendingChoice == nil)
    }
}
