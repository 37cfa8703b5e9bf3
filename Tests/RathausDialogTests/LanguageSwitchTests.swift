import RathausCatalog
import RathausTestSupport
import RathausUnderstanding
import Testing

@testable import RathausDialog

@Suite("A conversation's language")
struct LanguageSwitchTests {
    static let engine = ChatEngine(catalog: CatalogFixture.shipped, matcher: CatalogFixture.matcher(CatalogFixture.shipped))

    private func session() -> ChatSession {
        ChatSession(engine: Self.engine, snapshot: .init(id: "l"), today: { CalendarDate(year: 2026, month: 12, day: 3)! })
    }

    @Test("the first English question sets English; a short German greeting does not switch back")
    func detected() {
        var session = session()
        let first = session.respond(to: "how much is a passport")
        #expect(first.language == .english && first.intent == "reisepass-beantragen")
        #expect(first.replies[0].contains("Costs:"))
        #expect(session.respond(to: "hallo").language == .english)
        let german = session.respond(to: "was kostet ein personalausweis")
        #expect(german.language == .german && german.replies[0].contains("Kosten:"))
    }

    @Test("switching language inside a form keeps its values and asks the same field in the new language")
    func switchInForm() throws {
        var session = session()
        _ = session.respond(to: "ich möchte meinen hund anmelden")
        _ = session.respond(to: "ja")
        _ = session.respond(to: "ja")  // privacy notice
        _ = session.respond(to: "Erika Mustermann")
        let before = try #require(session.dialog)
        let switched = session.respond(to: "english please")
        #expect(switched.language == .english)
        #expect(switched.replies[0] == "Sure, I will answer in English from now on.")
        #expect(!switched.rateable, "a confirmation is no answer to rate")
        #expect(switched.expecting?.field == "anschrift")
        #expect(switched.replies.last?.contains("Where do you live") == true || switched.replies.last?.contains("address") == true)
        #expect(session.dialog == before)
        let back = session.respond(to: "auf deutsch bitte")
        #expect(back.language == .german && back.replies.last?.contains("Straße") == true)
        #expect(session.dialog == before)
    }

    @Test("Leichte Sprache is asked for in words and answers from its own texts; a missing part says it is German")
    func easyLanguage() {
        var session = session()
        #expect(session.respond(to: "bitte in leichter sprache").language == .easyGerman)
        let costs = session.respond(to: "was kostet ein reisepass")
        #expect(costs.replies[0].contains("Das kostet es:"))
        let deadlines = session.respond(to: "welche fristen gibt es beim wohnsitz anmelden")
        #expect(deadlines.replies[0].contains("Diesen Teil gibt es nur in schwerer Sprache"))
    }

    @Test("a language chosen by the channel is not changed by detection")
    func chosen() {
        var session = session()
        session.choose(.english)
        #expect(session.respond(to: "wie viel kostet ein reisepass").language == .english)
    }
}
