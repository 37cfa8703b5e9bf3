import Foundation
import Testing
@testable import RathausCore

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

    @Test("the turn's JSON always has the three contract keys")
    func turnJSON() throws {
        var session = ChatSession(catalog: Self.catalog, matcher: CatalogFixture.matcher(Self.catalog), id: "c2")
        let data = try JSONEncoder().encode(session.respond(to: "wie wird das wetter"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["conversation", "replies", "intent"])
        #expect(object["intent"] is NSNull)
    }

    @Test("the welcome contains the privacy note and the town's name")
    func welcome() {
        var session = ChatSession(catalog: Self.catalog, matcher: CatalogFixture.matcher(Self.catalog))
        #expect(session.welcome.contains("Datenschutz"))
        #expect(session.welcome.contains("Musterstadt"))
    }
}
