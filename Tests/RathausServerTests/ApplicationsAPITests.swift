import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import RathausCatalog
import RathausDelivery
import RathausDialog
import RathausStore
import Testing

@testable import RathausServer

@Suite("The way back: departments' steps and the citizen's timeline")
struct ApplicationsAPITests {
    static let wasteSecret = "whsec_" + Data("abfall-secret-0123456789abcdef".utf8).base64EncodedString()
    static let rotatedSecret = "whsec_" + Data("abfall-secret-next-0123456789".utf8).base64EncodedString()
    static let buildingSecret = "whsec_" + Data("bau-secret-0123456789abcdef00".utf8).base64EncodedString()

    /// A server whose store holds one application of the Sperrmüll form, submitted by a web
    /// conversation; returns the application, the store, the reference and that conversation's token.
    static func setUp() async throws -> (some ApplicationProtocol, ConversationStore, String, String) {
        let store = try ConversationStore(path: ChatAPITests.temporaryDatabase())
        let api = ChatAPI(
            live: LiveCatalog(engine: ChatEngine(catalog: ChatAPITests.catalog, matcher: ChatAPITests.matcher)), store: store,
            departmentSecrets: ["abfallwirtschaft": [wasteSecret, rotatedSecret], "bauverwaltung": [buildingSecret]])
        let app = Application(router: api.router())
        let created = try await app.test(.router) { client in
            let response = try await client.execute(uri: "/api/v1/conversations", method: .post) { $0 }
            let object = try ChatAPITests.object(response)
            return (id: try #require(object["id"] as? String), token: try #require(object["token"] as? String))
        }
        let reference = try store.submit(
            SubmittedApplication(
                conversationID: created.id, formID: "sperrmuell-anmelden", schemaVersion: 1, serviceName: "Sperrmüllabholung anmelden",
                serviceKey: "local:musterstadt:sperrmuell-anmelden", departmentID: "abfallwirtschaft",
                data: [.init(field: "plz", type: "plz", value: .text("12345"))]))
        return (app, store, reference, created.token)
    }

    /// The headers of a request signed with `secret`, `age` seconds old.
    static func signed(_ body: ByteBuffer, secret: String, id: String = UUID().uuidString, age: TimeInterval = 0) throws -> HTTPFields {
        let timestamp = Int(Date().timeIntervalSince1970 - age)
        let signature = try WebhookSigner(secrets: [secret]).signature(id: id, timestamp: timestamp, body: Data(buffer: body))
        return [
            .contentType: "application/json", .init("webhook-id")!: id, .init("webhook-timestamp")!: String(timestamp),
            .init("webhook-signature")!: signature,
        ]
    }

    static func post(
        _ client: some TestClientProtocol, _ reference: String, _ event: [String: Any], secret: String = wasteSecret,
        id: String = UUID().uuidString, age: TimeInterval = 0
    ) async throws -> TestResponse {
        let body = ChatAPITests.body(event)
        return try await ChatAPITests.call(
            client, "/api/v1/applications/\(reference)/events", .post, headers: try signed(body, secret: secret, id: id, age: age), body: body)
    }

    @Test("a department's signed step is stored and changes the timeline the submitting conversation reads")
    func signedEventChangesTimeline() async throws {
        let (app, store, reference, token) = try await Self.setUp()
        try await app.test(.router) { client in
            let received = try await Self.post(client, reference, ["type": "received", "note": "Wir haben Ihren Antrag."])
            #expect(received.status == .ok)
            #expect(try ChatAPITests.object(received)["type"] as? String == "received")
            let requested = try await Self.post(
                client, reference,
                ["type": "documents_requested", "documents": [["id": "foto", "label": "Foto der Gegenstände"]], "expected_by": "2027-01-15"],
                secret: Self.rotatedSecret)
            #expect(requested.status == .ok, "the second secret of a rotation is accepted too")
            let timeline = try await ChatAPITests.call(client, "/api/v1/applications/\(reference)", .get, headers: ChatAPITests.bearer(token))
            #expect(timeline.status == .ok)
            let object = try ChatAPITests.object(timeline)
            let steps = try #require(object["steps"] as? [[String: Any]])
            #expect(steps.compactMap { $0["type"] as? String } == ["submitted", "received", "documents_requested"])
            #expect((steps.last?["documents"] as? [[String: String]])?.first?["label"] == "Foto der Gegenstände")
            #expect((object["next"] as? String)?.contains("15.01.2027") == true)
            let stranger = try await ChatAPITests.call(
                client, "/api/v1/applications/\(reference)", .get, headers: ChatAPITests.bearer("not-the-token"))
            #expect(stranger.status == .notFound)
            let none = try await ChatAPITests.call(client, "/api/v1/applications/\(reference)", .get)
            #expect(none.status == .notFound)
        }
        #expect(try store.events(reference: reference)?.map(\.kind) == [.received, .documentsRequested])
    }

    @Test("the same webhook-id twice is stored once and answered twice with the same body")
    func replayIsIdempotent() async throws {
        let (app, store, reference, _) = try await Self.setUp()
        try await app.test(.router) { client in
            let first = try await Self.post(client, reference, ["type": "received"], id: "msg_1")
            try await Task.sleep(for: .milliseconds(1_100))
            let again = try await Self.post(client, reference, ["type": "received"], id: "msg_1")
            #expect(first.status == .ok)
            #expect(again.status == .ok)
            #expect(Data(buffer: first.body) == Data(buffer: again.body))
        }
        #expect(try store.events(reference: reference)?.count == 1)
    }

    @Test("a wrong signature and a stale or future timestamp get 401, another department's secret and an unknown reference 404; nothing is stored")
    func refusals() async throws {
        let (app, store, reference, _) = try await Self.setUp()
        let wrong = "whsec_" + Data("somebody-else-entirely-000000".utf8).base64EncodedString()
        try await app.test(.router) { client in
            #expect(try await Self.post(client, reference, ["type": "received"], secret: wrong).status == .unauthorized)
            #expect(try await Self.post(client, reference, ["type": "received"], age: 360).status == .unauthorized)
            #expect(try await Self.post(client, reference, ["type": "received"], age: -360).status == .unauthorized)
            let other = try await Self.post(client, reference, ["type": "received"], secret: Self.buildingSecret)
            #expect(other.status == .notFound)
            let unknown = try await Self.post(client, "MS-2026-999999", ["type": "received"])
            #expect(unknown.status == .notFound)
            #expect(Data(buffer: other.body) == Data(buffer: unknown.body), "the two 404s say the same")
            let body = ChatAPITests.body(["type": "received"])
            var unsigned = try Self.signed(body, secret: Self.wasteSecret)
            unsigned[.init("webhook-signature")!] = nil
            let missing = try await ChatAPITests.call(client, "/api/v1/applications/\(reference)/events", .post, headers: unsigned, body: body)
            #expect(missing.status == .unauthorized)
        }
        #expect(try store.events(reference: reference)?.isEmpty == true)
    }

    @Test("impossible steps get 409 with a German reason and are not stored; malformed ones 422")
    func impossibleTransitions() async throws {
        let (app, store, reference, _) = try await Self.setUp()
        try await app.test(.router) { client in
            let early = try await Self.post(client, reference, ["type": "approved"])
            #expect(early.status == .conflict)
            let message = try #require((try ChatAPITests.object(early)["error"] as? [String: String])?["message"])
            #expect(message.contains("Eingang"))
            #expect(try await Self.post(client, reference, ["type": "received"]).status == .ok)
            #expect(try await Self.post(client, reference, ["type": "documents_requested"]).status == .conflict, "no document named")
            #expect(try await Self.post(client, reference, ["type": "approved"]).status == .ok)
            #expect(try await Self.post(client, reference, ["type": "rejected"]).status == .conflict, "decided already")
            #expect(try await Self.post(client, reference, ["type": "completed"]).status == .ok)
            #expect(try await Self.post(client, reference, ["type": "in_progress"]).status == .conflict, "nothing after completed")
            #expect(try await Self.post(client, reference, ["type": "finished"]).status == .unprocessableContent)
            let long = String(repeating: "a", count: 2_001)
            #expect(try await Self.post(client, reference, ["type": "withdrawn", "note": long]).status == .unprocessableContent)
        }
        #expect(try store.events(reference: reference)?.map(\.kind) == [.received, .approved, .completed])
    }

    @Test(
        "the citizen sends a requested PNG with the token (201, stored with its SHA-256); a ZIP named foto.png, an unrequested id and a stranger are refused and nothing is stored"
    )
    func documentUpload() async throws {
        let (app, store, reference, token) = try await Self.setUp()
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]) + Data(repeating: 7, count: 1000)
        let zip = Data([0x50, 0x4B, 0x03, 0x04]) + Data(repeating: 1, count: 100)
        try await app.test(.router) { client in
            _ = try await Self.post(client, reference, ["type": "received"])
            _ = try await Self.post(client, reference, ["type": "documents_requested", "documents": [["id": "foto", "label": "Foto"]]])
            let uri = "/api/v1/applications/\(reference)/documents/foto"
            var headers = ChatAPITests.bearer(token)
            headers[.contentType] = "image/png"
            let fake = try await ChatAPITests.call(client, uri, .post, headers: headers, body: ByteBuffer(bytes: zip))
            #expect(fake.status == .unsupportedMediaType)
            let message = try #require((try ChatAPITests.object(fake)["error"] as? [String: String])?["message"])
            #expect(message.contains("kein PDF, JPEG oder PNG"))
            let stranger = try await ChatAPITests.call(client, uri, .post, headers: ChatAPITests.bearer("wrong"), body: ByteBuffer(bytes: png))
            #expect(stranger.status == .notFound)
            let other = try await ChatAPITests.call(
                client, "/api/v1/applications/\(reference)/documents/ausweis", .post, headers: headers, body: ByteBuffer(bytes: png))
            #expect(other.status == .conflict)
            #expect(try store.documents(reference: reference).isEmpty, "nothing stored for the refusals")
            let sent = try await ChatAPITests.call(client, uri, .post, headers: headers, body: ByteBuffer(bytes: png))
            #expect(sent.status == .created)
            #expect(try ChatAPITests.object(sent)["sha256"] as? String == SHA256.hash(data: png).hexString)
            let tooLarge = try await ChatAPITests.call(
                client, uri, .post, headers: headers, body: ByteBuffer(bytes: png + Data(count: DocumentFile.maximumBytes)))
            #expect(tooLarge.status == .contentTooLarge)
        }
        let documents = try store.documents(reference: reference)
        #expect(documents.map(\.requestedID) == ["foto"])
        #expect(documents.first?.byteCount == png.count)
    }
}
