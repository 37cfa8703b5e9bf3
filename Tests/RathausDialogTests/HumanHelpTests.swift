import Foundation
import RathausTestSupport
import Testing

@testable import RathausCatalog
@testable import RathausDialog

@Suite("A human when the bot is not enough")
struct HumanHelpTests {
    static let engine = ChatEngine(catalog: CatalogFixture.shipped, matcher: CatalogFixture.matcher(CatalogFixture.shipped))
    /// Wednesday 3 March 2027: the Hauptamt is open 7:30 to 16:00.
    static let wednesdayMorning = TownTime(date: CalendarDate(year: 2027, month: 3, day: 3)!, time: ClockTime(hour: 10, minute: 0)!)
    /// Saturday 6 March 2027: the Hauptamt is closed.
    static let saturday = TownTime(date: CalendarDate(year: 2027, month: 3, day: 6)!, time: ClockTime(hour: 10, minute: 0)!)

    static func session(at moment: TownTime = wednesdayMorning) -> ChatSession {
        ChatSession(engine: engine, snapshot: .init(id: "h"), today: { moment.date }, now: { moment })
    }

    static let misses = ["wie wird das wetter am wochenende", "rezept für apfelkuchen", "wer wird deutscher fußballmeister"]

    @Test("the third message in a row that is not understood offers the callback request instead of the same answer")
    func threeMisses() {
        var session = Self.session()
        for text in Self.misses.prefix(2) {
            let turn = session.respond(to: text)
            #expect(turn.replies == [Self.engine.composer.outOfScopeAnswer()])
            #expect(session.snapshot.offeredForm == nil)
        }
        #expect(session.snapshot.missedTurns == 2)
        let offer = session.respond(to: Self.misses[2])
        #expect(offer.intent == ChatSession.humanIntent)
        #expect(offer.replies.joined().contains("mehrmals nicht verstanden"))
        #expect(offer.replies.last == "Möchten Sie um einen Rückruf oder eine E-Mail bitten? (Ja/Nein)")
        #expect(session.snapshot.offeredForm == "mensch-sprechen" && session.snapshot.missedTurns == nil)
        let started = session.respond(to: "ja")
        #expect(started.state == .form && started.form == "mensch-sprechen" && started.expecting?.field == "einwilligung")
    }

    @Test("an understood message ends the row: two misses, a question, two misses offer nothing")
    func rowEnds() {
        var session = Self.session()
        for text in Self.misses.prefix(2) + ["was kostet ein reisepass"] + Self.misses.suffix(2) {
            _ = session.respond(to: text)
            #expect(session.snapshot.offeredForm != "mensch-sprechen", "\(text)")
        }
        #expect(session.snapshot.missedTurns == 2)
    }

    @Test("while the Hauptamt is open the offer gives its phone number for a call at once; when closed, its next opening")
    func openingHours() throws {
        let phone = try #require(CatalogFixture.shipped.departments["hauptamt"]?.phone)
        var open = Self.session()
        let during = open.respond(to: "ich will mit einem menschen sprechen").replies.joined(separator: "\n")
        #expect(during.contains("jetzt, heute bis 16:00 Uhr: \(phone)"))
        var closed = Self.session(at: Self.saturday)
        let outside = closed.respond(to: "ich will mit einem menschen sprechen").replies.joined(separator: "\n")
        #expect(!outside.contains("jetzt"))
        #expect(outside.contains("wieder am Montag, 08.03.2027 ab 7:30 Uhr"))
        #expect(outside.contains("Rückruf oder eine E-Mail"))
    }

    @Test("the offer is one function other triggers call: after „nicht hilfreich“ it leads with an apology, „nein“ declines")
    func callableOffer() {
        var session = Self.session()
        _ = session.respond(to: "was kostet ein reisepass")
        let offer = session.offerHumanHelp(because: .notHelpful)
        #expect(offer.replies.first?.hasPrefix("Das tut mir leid.") == true)
        #expect(session.snapshot.offeredForm == "mensch-sprechen")
        let declined = session.respond(to: "nein")
        #expect(declined.state == .idle && declined.replies == ["In Ordnung. Fragen Sie gern weiter."])
    }

}
