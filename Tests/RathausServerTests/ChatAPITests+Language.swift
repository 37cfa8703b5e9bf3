import Foundation
import Hummingbird
import HummingbirdTesting
import RathausStore
import Testing

@testable import RathausServer

/// The conversation's language over the API: chosen when it is created, reported on every turn,
/// switched by the citizen's words, kept in the store.
extension ChatAPITests {
    @Test("a conversation created in English answers in English; an unknown language is 422; the switch is stored")
    func language() async throws {
        let store = try ConversationStore(path: Self.temporaryDatabase())
        try await Self.application(store: store).test(.router) { client in
            let refused = try await Self.call(client, "/api/v1/conversations", .post, body: Self.body(["language": "fr"]))
            #expect(refused.status == .unprocessableContent)
            #expect(try Self.errorCode(refused) == "unknown_language")
            let response = try await Self.call(client, "/api/v1/conversations", .post, body: Self.body(["language": "en"]))
            #expect(response.status == .created)
            let created = try Self.object(response)
            #expect(created["language"] as? String == "en")
            #expect((created["replies"] as? [String])?.first?.hasPrefix("Hello!") == true)
            let id = try #require(created["id"] as? String), token = try #require(created["token"] as? String)
            let messages = "/api/v1/conversations/\(id)/messages"
            let turn = try Self.object(
                try await Self.call(client, messages, .post, headers: Self.bearer(token), body: Self.body(["text": "how much is a passport"])))
            #expect(turn["language"] as? String == "en")
            #expect((turn["replies"] as? [String])?.first?.contains("Costs:") == true)
            // Chosen, so a German question does not switch it; asking for German does.
            let german = try Self.object(
                try await Self.call(client, messages, .post, headers: Self.bearer(token), body: Self.body(["text": "auf Deutsch bitte"])))
            #expect(german["language"] as? String == "de")
            #expect(try store.snapshot(id: id)?.language == .german)
            // Without a body the conversation starts German and detects the first message's language.
            let plain = try Self.object(try await Self.call(client, "/api/v1/conversations", .post))
            #expect(plain["language"] as? String == "de")
        }
    }
}
