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
            let first = try await Self.call(
                client, feedbackURI, .post, headers: Self.bearer(token), body: Self.body(["helpful": false, "turn": 1]))
            #expect(try Self.object(first)["turn"] as? Int == 1)
            #expect(try store.feedback(of: id) == [false, false])
            #expect(try store.snapshot(id: id)?.unhelpfulAnswersInARow == 2)
            // The same again changes nothing; a „hilfreich“ ends the row.
            _ = try await Self.call(client, feedbackURI, .post, headers: Self.bearer(token), body: Self.body(["helpful": false, "turn": 1]))
            #expect(try store.snapshot(id: id)?.unhelpfulAnswersInARow == 2)
            _ = try await Self.call(client, feedbackURI, .post, headers: Self.bearer(token), body: Self.body(["helpful": true, "turn": 2]))
            #expect(try store.feedback(of: id) == [false, true])
            #expect(try store.snapshot(id: id)?.unhelpfulAnswersInARow == nil)

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
