import Crypto
import Foundation
import Hummingbird
import RathausCore
import RathausStore

/// The JSON API of the chat widget: conversations with their messages, transcript and deletion,
/// plus `/health` and `/ready`.
///
/// Every conversation has a token of 128 random bits, given once when it is created and stored only
/// as its SHA-256; a wrong or missing token gets the same 404 as a conversation that does not exist.
/// The server keeps no conversation in memory: each message loads the stored state, answers it and
/// stores the new state with the turn, so a restart loses nothing.
public struct ChatAPI: Sendable {
    /// Largest request body, in bytes.
    public static let maximumBodySize = 16 * 1024
    /// Longest message, in characters.
    public static let maximumMessageLength = 1_000

    let catalog: Catalog
    let matcher: IntentMatcher
    let store: ConversationStore
    let retentionDays: Int

    /// An API over `catalog` that keeps conversations in `store`.
    public init(catalog: Catalog, matcher: IntentMatcher, store: ConversationStore, retentionDays: Int = 30) {
        self.catalog = catalog
        self.matcher = matcher
        self.store = store
        self.retentionDays = retentionDays
    }

    /// The router with every route.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: SecurityHeadersMiddleware())
        router.get("health") { _, _ in Self.json(["status": "ok"]) }
        router.get("ready") { _, _ -> Response in
            guard store.isWritable() else { throw APIError.unavailable }
            return Self.json(["status": "ready", "intents": catalog.intents.count])
        }
        router.post("webhooks/rest/webhook") { request, _ -> Response in
            var request = request
            let body = try await Self.collect(&request)
            guard let message = try? JSONDecoder().decode(RasaMessage.self, from: body), !message.sender.isEmpty else { throw APIError.badRequest }
            let text = message.message.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty, text.count <= Self.maximumMessageLength else { throw APIError.badMessage }
            return try await rasa(sender: message.sender, text: text)
        }
        let api = router.group("api/v1/conversations")
        api.post { _, _ -> Response in try await create() }
        api.post(":id/messages") { request, context -> Response in
            let id = try context.parameters.require("id")
            try await authorize(request, id)
            var request = request
            let body = try await Self.collect(&request)
            guard let message = try? JSONDecoder().decode(MessageRequest.self, from: body) else { throw APIError.badRequest }
            let text = message.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty, text.count <= Self.maximumMessageLength else { throw APIError.badMessage }
            return try await respond(id, text)
        }
        api.get(":id") { request, context -> Response in
            let id = try context.parameters.require("id")
            try await authorize(request, id)
            let transcript = try await Self.blocking { try store.transcript(id: id) }
            return Self.json(["id": id, "transcript": transcript.map { ["speaker": $0.speaker, "text": $0.text] }])
        }
        api.delete(":id") { request, context -> Response in
            let id = try context.parameters.require("id")
            try await authorize(request, id)
            _ = try await Self.blocking { try store.deleteConversation(id: id) }
            return Response(status: .noContent)
        }
        return router
    }

    /// `{"text": …}`.
    struct MessageRequest: Decodable {
        let text: String
    }

    /// Rasa's REST channel: `{"sender": …, "message": …}`.
    struct RasaMessage: Decodable {
        let sender: String
        let message: String
    }

    /// Rasa's REST channel, so that towns can keep a Rasa chat widget: one conversation per sender
    /// (its id derived from the sender), answered as `[{"recipient_id", "text"}, …]`. Like Rasa's
    /// channel it has no token: the widget's sender id is the only key.
    private func rasa(sender: String, text: String) async throws -> Response {
        let id = "rasa-" + Self.hash("rasa:" + sender).prefix(32)
        let store = self.store
        return try await Self.blocking { [self] in
            let turn = try answer(text, in: try store.snapshot(id: id) ?? ChatSession.Snapshot(id: id))
            let replies = turn.replies.map { ["recipient_id": sender, "text": $0] }
            let body = try JSONSerialization.data(withJSONObject: replies, options: [.sortedKeys, .withoutEscapingSlashes])
            var headers = HTTPFields()
            headers[.contentType] = "application/json; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
    }

    private func create() async throws -> Response {
        let session = ChatSession(catalog: catalog, matcher: matcher, sink: store, retentionDays: retentionDays)
        let token = Self.newToken()
        try await Self.blocking { try store.create(session.snapshot, tokenHash: Self.hash(token)) }
        var response = Self.json(["id": session.id, "token": token, "replies": [session.webWelcome], "state": "idle"])
        response.status = .created
        return response
    }

    private func respond(_ id: String, _ text: String) async throws -> Response {
        let store = self.store
        guard let snapshot = try await Self.blocking({ try store.snapshot(id: id) }) else { throw APIError.notFound }
        return try await Self.blocking { [self] in
            let turn = try answer(text, in: snapshot)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var headers = HTTPFields()
            headers[.contentType] = "application/json; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(turn))))
        }
    }

    /// Answers one message of the stored conversation and stores the new state with the turn (or
    /// deletes the conversation when the citizen asked for it). Blocking: call through ``blocking(_:)``.
    private func answer(_ text: String, in snapshot: ChatSession.Snapshot) throws -> ChatSession.Turn {
        var session = ChatSession(catalog: catalog, matcher: matcher, snapshot: snapshot, sink: store, retentionDays: retentionDays)
        let turn = session.respond(to: text)
        if turn.erasesConversation {
            try store.deleteConversation(id: snapshot.id)
        } else {
            try store.record(session.snapshot, citizen: text, replies: turn.replies)
        }
        return turn
    }

    /// Throws the 404 unless the request carries the conversation's token.
    private func authorize(_ request: Request, _ id: String) async throws {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { throw APIError.notFound }
        let token = String(header.dropFirst("Bearer ".count))
        let stored = try await Self.blocking { try store.tokenHash(conversation: id) }
        guard let stored, Self.constantTimeEqual(stored, Self.hash(token)) else { throw APIError.notFound }
    }

    /// 128 random bits, base64url without padding.
    static func newToken() -> String {
        let bytes = SymmetricKey(size: .bits128).withUnsafeBytes { Data($0) }
        return bytes.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The SHA-256 of a token, hex.
    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    private static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The body, at most ``maximumBodySize`` bytes, else 413.
    static func collect(_ request: inout Request) async throws -> Data {
        do {
            return Data(buffer: try await request.collectBody(upTo: maximumBodySize))
        } catch {
            throw APIError.tooLarge
        }
    }

    /// A JSON response from a dictionary.
    static func json(_ object: [String: Any]) -> Response {
        let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// Runs blocking work (SQLite, matching) on a thread of its own, off the cooperative pool.
    static func blocking<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
