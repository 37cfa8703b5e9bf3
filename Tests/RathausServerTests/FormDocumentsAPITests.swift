import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import RathausCatalog
import RathausDialog
import Testing

@testable import RathausServer
@testable import RathausStore

@Suite("A form's document field over the API")
struct FormDocumentsAPITests {
    /// The Baumfällung dialog up to its photo question.
    static let upToPhoto = [
        "ich möchte einen Baum fällen", "ja", "Birkenweg 7", "12346", "Peter Schmitz", "ja", "ja", "eine Rotbuche", "180", "krank",
    ]
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]) + Data(repeating: 9, count: 3000)

    /// Starts a web conversation and types `lines`; returns its id, its token and the last turn.
    static func converse(_ client: some TestClientProtocol, _ lines: [String]) async throws -> (String, String, [String: Any]) {
        let created = try ChatAPITests.object(try await ChatAPITests.call(client, "/api/v1/conversations", .post))
        let id = try #require(created["id"] as? String), token = try #require(created["token"] as? String)
        var last: [String: Any] = [:]
        for line in lines {
            let response = try await ChatAPITests.call(
                client, "/api/v1/conversations/\(id)/messages", .post, headers: ChatAPITests.bearer(token), body: ChatAPITests.body(["text": line]))
            last = try ChatAPITests.object(response)
        }
        return (id, token, last)
    }

    static func draftCount(_ store: ConversationStore, conversation: String) throws -> Int {
        try store.database.read { db in
            try db.row("SELECT COUNT(*) AS count FROM draft_document WHERE conversation_id = ?", [conversation])?["count"] ?? 0
        }
    }

    @Test(
        "the photo goes to the asked field (200, a turn); a ZIP named .png, another field and a stranger are refused and nothing is stored; after submission the photo is the application's, queued for delivery"
    )
    func photoWithTheApplication() async throws {
        let store = try ConversationStore(path: ChatAPITests.temporaryDatabase())
        try await ChatAPITests.application(store: store).test(.router) { client in
            let (id, token, asked) = try await Self.converse(client, Self.upToPhoto)
            let expecting = try #require(asked["expecting"] as? [String: Any])
            #expect(expecting["field"] as? String == "foto" && expecting["type"] as? String == "document")
            let uri = "/api/v1/conversations/\(id)/documents/foto"
            var headers = ChatAPITests.bearer(token)
            headers[.contentType] = "image/png"
            let zip = Data([0x50, 0x4B, 0x03, 0x04]) + Data(repeating: 1, count: 100)
            let fake = try await ChatAPITests.call(client, uri, .post, headers: headers, body: ByteBuffer(bytes: zip))
            #expect(fake.status == .unsupportedMediaType)
            #expect(
                (try ChatAPITests.object(fake)["error"] as? [String: String])?["message"]
                    == "Diese Datei ist kein JPEG oder PNG. Erlaubt sind JPEG und PNG bis 10 MB.")
            let otherField = try await ChatAPITests.call(
                client, "/api/v1/conversations/\(id)/documents/standort", .post, headers: headers, body: ByteBuffer(bytes: Self.png))
            #expect(otherField.status == .conflict)
            #expect(try ChatAPITests.errorCode(otherField) == "not_awaited")
            let stranger = try await ChatAPITests.call(client, uri, .post, headers: ChatAPITests.bearer("wrong"), body: ByteBuffer(bytes: Self.png))
            #expect(stranger.status == .notFound)
            #expect(try Self.draftCount(store, conversation: id) == 0, "nothing stored for the refusals")

            let sent = try ChatAPITests.object(try await ChatAPITests.call(client, uri, .post, headers: headers, body: ByteBuffer(bytes: Self.png)))
            let replies = try #require(sent["replies"] as? [String])
            #expect(replies.first == "Danke, „Foto des Baums“ ist da (PNG-Datei, 3 KB).")
            #expect((sent["expecting"] as? [String: Any])?["field"] as? String == "begruendung")
            #expect(try Self.draftCount(store, conversation: id) == 1)
            let facts = try #require(
                try store.database.read { db in
                    try db.row("SELECT kind, form_id, form_step FROM turn WHERE conversation_id = ? ORDER BY id DESC LIMIT 1", [id])
                })
            let (kind, form, step): (String?, String?, String?) = (try facts["kind"], try facts["form_id"], try facts["form_step"])
            #expect(kind == "form" && form == "baumfaellung-beantragen", "the file's turn is a step of the form")
            #expect(step == "begruendung", "the report's funnel sees the field asked after the file")
            let transcript = try ChatAPITests.object(
                try await ChatAPITests.call(client, "/api/v1/conversations/\(id)", .get, headers: ChatAPITests.bearer(token)))
            let lines = try #require(transcript["transcript"] as? [[String: String]])
            #expect(lines.contains { $0["text"] == "[Foto des Baums: PNG-Datei, 3 KB]" }, "the transcript says what was sent, not the file's name")

            var submitted: [String: Any] = [:]
            for line in ["Die Buche ist von einem Pilz befallen und innen morsch.", "p.schmitz@example.de", "überspringen", "ja"] {
                submitted = try ChatAPITests.object(
                    try await ChatAPITests.call(
                        client, "/api/v1/conversations/\(id)/messages", .post, headers: ChatAPITests.bearer(token),
                        body: ChatAPITests.body(["text": line])))
            }
            let reference = try #require(submitted["reference"] as? String)
            let documents = try store.documents(reference: reference)
            #expect(documents.map(\.requestedID) == ["foto"])
            #expect(documents.first?.sha256 == SHA256.hash(data: Self.png).hexString)
            let stored = try #require(try store.applications().first { $0.reference == reference })
            #expect(stored.data.contains(#""sha256":"\#(SHA256.hash(data: Self.png).hexString)""#), "\(stored.data)")
            let kinds = try store.database.read { db in try db.rows("SELECT kind FROM outbox ORDER BY id", []).map { try $0["kind"] as String } }
            #expect(kinds == ["application.submitted", "application.documents_submitted"])
            #expect(try Self.draftCount(store, conversation: id) == 0, "the draft moved to the application")
        }
    }

    @Test("a photo sent for a form that is then given up is deleted with the draft")
    func givenUp() async throws {
        let store = try ConversationStore(path: ChatAPITests.temporaryDatabase())
        try await ChatAPITests.application(store: store).test(.router) { client in
            let (id, token, _) = try await Self.converse(client, Self.upToPhoto)
            var headers = ChatAPITests.bearer(token)
            headers[.contentType] = "image/png"
            let sent = try await ChatAPITests.call(
                client, "/api/v1/conversations/\(id)/documents/foto", .post, headers: headers, body: ByteBuffer(bytes: Self.png))
            #expect(sent.status == .ok)
            #expect(try Self.draftCount(store, conversation: id) == 1)
            for line in ["abbrechen", "ja"] {
                _ = try await ChatAPITests.call(
                    client, "/api/v1/conversations/\(id)/messages", .post, headers: ChatAPITests.bearer(token),
                    body: ChatAPITests.body(["text": line]))
            }
            #expect(try Self.draftCount(store, conversation: id) == 0)
        }
    }
}
