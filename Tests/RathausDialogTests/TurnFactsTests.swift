import RathausCatalog
import RathausTestSupport
import Testing

@testable import RathausDialog
@testable import RathausUnderstanding

/// What each turn records for the staff report, and feedback typed in the chat.
@Suite("The facts of a turn")
struct TurnFactsTests {
    static let catalog = CatalogFixture.shipped
    static let matcher = CatalogFixture.matcher(catalog)

    @Test("an answer names its intent and department and may be rated; a question not understood is unanswered")
    func answers() {
        var session = ChatSession(catalog: Self.catalog, matcher: Self.matcher)
        let answer = session.respond(to: "Was kostet ein Reisepass?")
        #expect(answer.facts.kind == .answered)
        #expect(answer.facts.intent == "reisepass-beantragen")
        #expect(answer.facts.department == Self.catalog.knowledge["reisepass-beantragen"]?.departmentID)
        #expect(answer.rateable)
        let miss = session.respond(to: "wie funktioniert eigentlich die mondlandung")
        #expect(miss.facts.kind == .unanswered)
        #expect(miss.facts.intent == nil)
        #expect(miss.rateable)
    }

    @Test(
        "feedback typed in the chat: negative ones counted in a row, a positive one ends the row",
        arguments: [("hilfreich", true), ("das war sehr hilfreich", true), ("nicht hilfreich", false), ("leider wenig hilfreich", false)])
    func feedback(_ example: (text: String, helpful: Bool)) {
        var session = ChatSession(catalog: Self.catalog, matcher: Self.matcher)
        _ = session.respond(to: "Was kostet ein Reisepass?")
        let turn = session.respond(to: example.text)
        #expect(turn.facts.kind == .feedback)
        #expect(turn.facts.feedback == example.helpful)
        #expect(!turn.rateable)
        #expect(session.snapshot.unhelpfulAnswersInARow == (example.helpful ? nil : 1))
        let second = session.respond(to: "nicht hilfreich")
        // The second in a row brings the offer of a human, and the count starts again.
        #expect(session.snapshot.unhelpfulAnswersInARow == (example.helpful ? 1 : nil))
        #expect(second.replies.last?.contains("Rückruf") == !example.helpful)
        #expect(second.facts.kind == .feedback)
        _ = session.respond(to: "hilfreich")
        #expect(session.snapshot.unhelpfulAnswersInARow == nil)
        #expect(ChatSession.feedback(in: Utterance("war das hilfreich?")) == nil, "a question is no feedback")
    }

    @Test("a form: started with its first step, a refused postal code named, the summary reached, submitted, or cancelled")
    func form() {
        var session = ChatSession(catalog: Self.catalog, matcher: Self.matcher, sink: nil)
        let start = session.respond(to: "ich will sperrmüll anmelden")
        #expect(start.facts.form == "sperrmuell-anmelden")
        #expect(start.facts.formEvent == .started)
        #expect(start.facts.formStep == "einwilligung")
        #expect(!start.rateable, "no rating while a form asks its questions")
        for text in ["ja", "Anna Müller", "Hauptstraße 5"] { _ = session.respond(to: text) }
        let refused = session.respond(to: "99999")
        #expect(refused.facts.kind == .form)
        #expect(refused.facts.formEvent == .step)
        #expect(refused.facts.rejectedField == "plz")
        #expect(refused.facts.formStep == "plz")
        _ = session.respond(to: "abbrechen")
        let cancelled = session.respond(to: "ja")
        #expect(cancelled.facts.formEvent == .discarded)
        #expect(cancelled.facts.formStep == nil)
    }

    @Test("„Meinten Sie …“ is a clarification; the choice after it resolves it")
    func clarification() throws {
        let question = try #require(ClarificationTests.ambiguousQuestion())
        var session = ChatSession(catalog: Self.catalog, matcher: Self.matcher)
        #expect(session.respond(to: question.text).facts.kind == .clarification)
        let chosen = session.respond(to: "1")
        #expect(chosen.facts.kind == .answered)
        #expect(chosen.facts.resolvesClarification)
        #expect(chosen.facts.intent == question.choices[0])
    }
}
