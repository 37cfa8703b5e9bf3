import Foundation
import Hummingbird
import HummingbirdTesting
import RathausStore
import Testing

@testable import RathausServer

/// `POST /api/v1/conversations/{id}/feedback`: the widget's „Hilfreich? Ja / Nein“.
extension ChatAPITests {
    @Test("feedback is stored with the turn it rates, counted in a row, refused for no answer, and erased with the conversation")
    func feedback() async throws {
        let store = try ConversationStore(path: Self.temporaryDatabase())
        try await Self.application(store: store).test(.router) { client in
            let created = try await client.execute(uri: "/api/v1/conversations", method: .post) { try Self.object($0) }
            let id = try #require(created["id"] as? String), token = try #require(created["token"] as? String)
            let feedbackURI = "/api/v1/conversations/\(id)/feedback"
            for question in ["Was kostet ein Reisepass?", "Was kostet ein Personalausweis?"] {
                let turn = try await Self.call(
                    client, "/api/v1/conversations/\(id)/messages", .post, headers: Self.bearer(token), body: Self.body(["text": question]))
                #expect(try Self.object(turn)["rateable"] as? Bool == true)
            }
            // Without a turn number: the latest answer (the second message).
            let latest = try await Self.call(client, feedbackURI, .post, headers: Self.bearer(token), body: Self.body(["helpful": false]))
            #expect(latest.status == .ok)
            #expect(try Self.object(latest)["turn"] as? Int == 2)
            #expect(try Self.object(latest)["replies"] == nil, "one „Nein“ brings no offer")
            #expect(try store.snapshot(id: id)?.unhelpfulAnswersInARow == 1)
            // The second „Nein“ in a row: the offer of a human, stored as a turn; the count starts again.
            let first = try await Self.call(
                client, feedbackURI, .post, headers: Self.bearer(token), body: Self.body(["helpful": false, "turn": 1]))
            let offer = try Self.object(first)
            #expect(offer["turn"] as? Int == 1)
            #expect((offer["replies"] as? [String])?.last == "Möchten Sie um einen Rückruf oder eine E-Mail bitten? (Ja/Nein)")
            #expect(try store.feedback(of: id) == [false, false, nil])
            #expect(try store.snapshot(id: id)?.unhelpfulAnswersInARow == nil)
            #expect(try store.snapshot(id: id)?.offeredForm == "mensch-sprechen")
            // The same again changes nothing; a „hilfreich“ ends the row.
            _ = try await Self.call(client, feedbackURI, .post, headers: Self.bearer(token), body: Self.body(["helpful": false, "turn": 1]))
            #expect(try store.snapshot(id: id)?.unhelpfulAnswersInARow == nil)
            _ = try await Self.call(client, feedbackURI, .post, headers: Self.bearer(token), body: Self.body(["helpful": true, "turn": 2]))
            #expect(try store.feedback(of: id) == [false, true, nil])
            #expect(try store.snapshot(id: id)?.unhelpfulAnswersInARow == nil)
            let accepted = try await Self.call(
                client, "/api/v1/conversations/\(id)/messages", .post, headers: Self.bearer(token), body: Self.body(["text": "ja"]))
            #expect(try Self.object(accepted)["form"] as? String == "mensch-sprechen", "„ja“ to the offer starts the callback request")

            let missing = try await Self.call(client, feedbackURI, .post, headers: Self.bearer(token), body: Self.body(["helpful": true, "turn": 9]))
            #expect(missing.status == .unprocessableContent)
            let stranger = try await Self.call(client, feedbackURI, .post, headers: Self.bearer("wrong"), body: Self.body(["helpful": true]))
            #expect(stranger.status == .notFound)
            let unreadable = try await Self.call(client, feedbackURI, .post, headers: Self.bearer(token), body: Self.body(["helpful": "ja"]))
            #expect(unreadable.status == .badRequest)

            _ = try await Self.call(client, "/api/v1/conversations/\(id)", .delete, headers: Self.bearer(token))
            #expect(try store.feedback(of: id).isEmpty)
        }
    }
}
