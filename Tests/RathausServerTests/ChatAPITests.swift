import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import RathausCatalog
import RathausConversations
import RathausDialog
import RathausStore
import RathausTestSupport
import RathausUnderstanding
import Testing

@testable import RathausServer

@Suite("The chat API")
struct ChatAPITests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let catalog = try! CatalogLoader(directory: repositoryRoot).load()
    static let matcher = try! IntentMatcher(catalog: catalog)

    static func temporaryDatabase() -> String {
        TestFolder.run.appendingPathComponent("rathaus-api-\(UUID().uuidString)/api.sqlite").path
    }

    static func application(
        configuration: ServerConfiguration = .init(), metrics: ServerMetrics = .init(),
        store: ConversationStore? = nil
    ) throws -> some ApplicationProtocol {
        let api = ChatAPI(
            live: LiveCatalog(engine: ChatEngine(catalog: catalog, matcher: matcher)),
            store: try store ?? ConversationStore(path: temporaryDatabase()),
            configuration: configuration, metrics: metrics,
            web: StaticFiles(directory: repositoryRoot.appendingPathComponent("Web")))
        return Application(router: api.router())
    }

    /// Sends a request and checks that the OpenAPI document lists the status it got for that operation.
    static func call(
        _ client: some TestClientProtocol, _ uri: String, _ method: HTTPRequest.Method, headers: HTTPFields = [:],
        body: ByteBuffer? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws -> TestResponse {
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body) { $0 }
        if let documented = try OpenAPIContract.statuses(method: method, uri: uri) {
            #expect(
                documented.contains(Int(response.status.code)),
                "\(method) \(uri) answered \(response.status.code), which the OpenAPI document does not list", sourceLocation: sourceLocation)
        }
        return response
    }

    static func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    static func errorCode(_ response: TestResponse) throws -> String? {
        (try object(response)["error"] as? [String: String])?["code"]
    }

    static func body(_ object: [String: Any]) -> ByteBuffer {
        ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object))
    }

    static func bearer(_ token: String) -> HTTPFields {
        [.authorization: "Bearer \(token)", .contentType: "application/json"]
    }

    @Test("a conversation gone is 404; one another server holds too long is 503 busy with Retry-After")
    func conversationErrors() async throws {
        func answer(to error: any Error) async -> APIError? {
            do {
                try await ChatAPI.notFoundIfMissing { throw error }
                return nil
            } catch {
                return error as? APIError
            }
        }
        let missing = await answer(to: ConversationNotFound())
        #expect(missing?.status == .notFound && missing?.code == "not_found")
        let busy = await answer(to: ConversationBusy())
        #expect(busy?.status == .serviceUnavailable && busy?.code == "busy" && busy?.retryAfter == 2)
    }

    @Test("health and ready answer with the security headers")
    func health() async throws {
        try await Self.application().test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
                #expect(response.headers[.init("X-Content-Type-Options")!] == "nosniff")
            }
            try await client.execute(uri: "/ready", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test("a conversation: create (201 with a token), message, transcript, delete")
    func conversation() async throws {
        try await Self.application().test(.router) { client in
            let created = try await client.execute(uri: "/api/v1/conversations", method: .post) {
                try Self.object($0).merging(["status": $0.status.code]) { a, _ in a }
            }
            #expect(created["status"] as? Int == 201)
            let id = try #require(created["id"] as? String), token = try #require(created["token"] as? String)
            #expect(token.count >= 22, "at least 128 bits")
            #expect(created["state"] as? String == "idle")
            try await client.execute(
                uri: "/api/v1/conversations/\(id)/messages", method: .post, headers: Self.bearer(token),
                body: Self.body(["text": "Was kostet ein Reisepass?"])
            ) { response in
                #expect(response.status == .ok)
                let turn = try Self.object(response)
                #expect(turn["intent"] as? String == "reisepass-beantragen")
                #expect((turn["replies"] as? [String])?.joined().contains("70,00 Euro") == true)
                #expect(turn["state"] as? String == "idle")
            }
            try await client.execute(uri: "/api/v1/conversations/\(id)", method: .get, headers: Self.bearer(token)) { response in
                #expect(response.status == .ok)
                let transcript = try Self.object(response)["transcript"] as? [[String: String]]
                #expect(transcript?.first?["text"] == "Was kostet ein Reisepass?")
            }
            try await client.execute(uri: "/api/v1/conversations/\(id)", method: .delete, headers: Self.bearer(token)) {
                #expect($0.status == .noContent)
            }
            try await client.execute(uri: "/api/v1/conversations/\(id)", method: .get, headers: Self.bearer(token)) {
                #expect($0.status == .notFound)
            }
        }
    }

    @Test("a turn passes every middleware: security headers, errors as JSON")
    func messageThroughMiddleware() async throws {
        try await Self.application().test(.router) { client in
            let created = try await client.execute(uri: "/api/v1/conversations", method: .post) { try Self.object($0) }
            let id = try #require(created["id"] as? String), token = try #require(created["token"] as? String)
            let turn = try await client.execute(
                uri: "/api/v1/conversations/\(id)/messages", method: .post, headers: Self.bearer(token),
                body: Self.body(["text": "Was kostet ein Reisepass?"])
            ) { $0 }
            #expect(turn.status == .ok)
            #expect((try Self.object(turn)["replies"] as? [String])?.isEmpty == false)
            for name in ["X-Content-Type-Options", "Content-Security-Policy", "Referrer-Policy"] {
                #expect(turn.headers[.init(name)!] != nil, "\(name) set by the middleware")
            }
            let unknown = try await client.execute(
                uri: "/api/v1/conversations/nope/messages", method: .post, headers: Self.bearer(token),
                body: Self.body(["text": "hallo"])
            ) { $0 }
            #expect(unknown.status == .notFound)
            #expect((try Self.object(unknown)["error"] as? [String: String])?["code"] == "not_found", "errors as JSON, by the middleware")
        }
    }

    @Test("another client's token cannot read, write or delete a conversation: 404 as for one that does not exist")
    func tokens() async throws {
        try await Self.application().test(.router) { client in
            let first = try await client.execute(uri: "/api/v1/conversations", method: .post) { try Self.object($0) }
            let second = try await client.execute(uri: "/api/v1/conversations", method: .post) { try Self.object($0) }
            let id = try #require(first["id"] as? String), otherToken = try #require(second["token"] as? String)
            for (method, body) in [(HTTPRequest.Method.get, nil), (.delete, nil)] as [(HTTPRequest.Method, ByteBuffer?)] {
                try await client.execute(uri: "/api/v1/conversations/\(id)", method: method, headers: Self.bearer(otherToken), body: body) {
                    response in
                    #expect(response.status == .notFound)
                    let error = try Self.object(response)["error"] as? [String: String]
                    #expect(error?["code"] == "not_found")
                }
            }
            try await client.execute(
                uri: "/api/v1/conversations/\(id)/messages", method: .post, headers: Self.bearer(otherToken),
                body: Self.body(["text": "hallo"])
            ) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/conversations/\(id)/messages", method: .post, body: Self.body(["text": "hallo"])) {
                #expect($0.status == .notFound, "no token")
            }
            try await client.execute(uri: "/api/v1/conversations/nope", method: .get, headers: Self.bearer(otherToken)) {
                #expect($0.status == .notFound)
            }
        }
    }

    @Test("bad bodies: not JSON 400, over 16 KiB 413, empty or over 1,000 characters 422")
    func badRequests() async throws {
        try await Self.application().test(.router) { client in
            let created = try await client.execute(uri: "/api/v1/conversations", method: .post) { try Self.object($0) }
            let id = try #require(created["id"] as? String), token = try #require(created["token"] as? String)
            let uri = "/api/v1/conversations/\(id)/messages"
            try await client.execute(uri: uri, method: .post, headers: Self.bearer(token), body: ByteBuffer(string: "kein json")) {
                #expect($0.status == .badRequest)
            }
            try await client.execute(
                uri: uri, method: .post, headers: Self.bearer(token),
                body: ByteBuffer(string: String(repeating: "x", count: 17_000))
            ) { #expect($0.status == .contentTooLarge) }
            try await client.execute(
                uri: uri, method: .post, headers: Self.bearer(token), body: Self.body(["text": String(repeating: "a", count: 1_001)])
            ) {
                #expect($0.status == .unprocessableContent)
            }
            try await client.execute(uri: uri, method: .post, headers: Self.bearer(token), body: Self.body(["text": "   "])) {
                #expect($0.status == .unprocessableContent)
            }
        }
    }

    @Test("the Rasa-compatible REST channel answers [{recipient_id, text}] and keeps one conversation per sender")
    func rasaChannel() async throws {
        try await Self.application().test(.router) { client in
            let uri = "/webhooks/rest/webhook"
            try await client.execute(uri: uri, method: .post, body: Self.body(["sender": "s1", "message": "Was kostet ein Reisepass?"])) { response in
                #expect(response.status == .ok)
                let replies = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: String]])
                #expect(replies.first?["recipient_id"] == "s1")
                #expect(replies.first?["text"]?.contains("70,00 Euro") == true)
            }
            try await client.execute(uri: uri, method: .post, body: Self.body(["sender": "s1", "message": "und wo muss ich da hin?"])) { response in
                let replies = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: String]])
                #expect(replies.first?["text"]?.contains("Bürgeramt") == true, "the follow-up refers to the previous answer of this sender")
            }
            try await client.execute(uri: uri, method: .post, body: Self.body(["message": "hallo"])) { #expect($0.status == .badRequest) }
        }
    }

    @Test("one live server on port 0 answers health")
    func live() async throws {
        try await Self.application().test(.live) { client in
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
        }
    }
}
