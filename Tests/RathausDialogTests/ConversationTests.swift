import Foundation
import RathausTestSupport
import Testing

@testable import RathausCatalog
@testable import RathausDialog

@Suite("Chat sessions")
struct ConversationTests {
    static let catalog = CatalogFixture.shipped

    @Test("a turn is matched and answered; the turn names the conversation")
    func answersTurn() {
        var session = ChatSession(catalog: Self.catalog, matcher: CatalogFixture.matcher(Self.catalog), id: "c1")
        let turn = session.respond(to: "Was kostet ein Reisepass?")
        #expect(turn.conversation == "c1")
        #expect(turn.intent == "reisepass-beantragen")
        #expect(turn.replies.count == 1)
        #expect(turn.replies[0].contains("70,00 Euro"))
    }

    @Test("an empty turn asks for a question and matches nothing")
    func emptyTurn() {
        var session = ChatSession(catalog: Self.catalog, matcher: CatalogFixture.matcher(Self.catalog))
        let turn = session.respond(to: "   ")
        #expect(turn.intent == nil)
        #expect(turn.replies == ["Bitte schreiben Sie Ihre Frage."])
    }

    @Test("outside a form the turn's JSON has the contract keys and the state idle")
    func turnJSON() throws {
        var session = ChatSession(catalog: Self.catalog, matcher: CatalogFixture.matcher(Self.catalog), id: "c2")
        let data = try JSONEncoder().encode(session.respond(to: "wie wird das wetter"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        // A question not understood may be rated („Hilfreich? Ja / Nein“).
        #expect(Set(object.keys) == ["conversation", "replies", "intent", "state", "rateable", "language"])
        #expect(object["rateable"] as? Bool == true)
        #expect(object["language"] as? String == "de")
        #expect(object["intent"] is NSNull)
        #expect(object["state"] as? String == "idle")
    }

    @Test("the welcome contains the privacy note and the town's name")
    func welcome() {
        let engine = ChatEngine(catalog: Self.catalog, matcher: CatalogFixture.matcher(Self.catalog))
        #expect(engine.terminalWelcome.contains("Datenschutz"))
        #expect(engine.terminalWelcome.contains("Musterstadt"))
        #expect(engine.webWelcome.contains("Musterstadt"))
    }
}

/// The online application inside a conversation, with a real SQLite store.
@Suite("Applications in a conversation")
struct ApplicationConversationTests {
    static let catalog = CatalogFixture.shipped
    static let matcher = CatalogFixture.matcher(catalog)

    @Test("an answer about a service with a form offers it; ja starts it with the privacy notice")
    func offerThenStart() {
        var session = ChatSession(catalog: Self.catalog, matcher: Self.matcher)
        let answer = session.respond(to: "was brauche ich für eine meldebescheinigung")
        #expect(answer.replies.last?.contains("gleich hier stellen") == true)
        #expect(answer.state == .idle)
        let start = session.respond(to: "ja")
        #expect(start.state == .form)
        #expect(start.form == "meldebescheinigung")
        #expect(start.expecting != nil)
    }

    @Test("nein to the offer goes back to questions")
    func declineOffer() {
        var session = ChatSession(catalog: Self.catalog, matcher: Self.matcher)
        _ = session.respond(to: "was brauche ich für eine meldebescheinigung")
        let turn = session.respond(to: "nein danke")
        #expect(turn.state == .idle)
        #expect(session.dialog == nil)
    }

    @Test("asking to apply starts the form at once and takes a date from the request")
    func applyDirectly() throws {
        let form = try #require(Self.catalog.forms["sperrmuell-anmelden"])
        let dateField = try #require(form.fields.first { $0.kind.typeName == "date" })
        var session = ChatSession(catalog: Self.catalog, matcher: Self.matcher, today: { CalendarDate(year: 2026, month: 11, day: 30)! })
        let turn = session.respond(to: "Sperrmüll am 14.12.2026 abholen lassen")
        #expect(turn.state == .form)
        #expect(session.dialog?.values[dateField.id] == .date(CalendarDate(year: 2026, month: 12, day: 14)!))
    }

    @Test("'Gespräch löschen' forgets everything and tells the caller to delete what it stored")
    func erase() {
        var session = ChatSession(catalog: Self.catalog, matcher: Self.matcher)
        _ = session.respond(to: "was kostet ein reisepass")
        let turn = session.respond(to: "bitte lösche meine daten")
        #expect(turn.erasesConversation)
        #expect(session.currentService == nil)
    }

    @Test("without a store the application is not lost: the summary stays and ja can be sent again")
    func noStore() throws {
        var session = ChatSession(catalog: Self.catalog, matcher: Self.matcher)
        var snapshot = session.snapshot
        let form = try #require(Self.catalog.forms["termin-vereinbaren"])
        var dialog = FormDialog(form: form)
        _ = dialog.begin(form: form, context: .init(today: CalendarDate.today(), departmentName: "A", departmentContact: "B"))
        dialog.returnToSummary()
        snapshot.dialog = dialog
        session = ChatSession(engine: ChatEngine(catalog: Self.catalog, matcher: Self.matcher), snapshot: snapshot)
        let turn = session.respond(to: "ja")
        #expect(turn.replies.first?.contains("nicht gespeichert") == true)
        #expect(session.dialog?.phase == .summary)
    }
}
