import Crypto
import Foundation
import Hummingbird
import Logging
import RathausCore
import RathausStore

/// The JSON API of the chat widget: conversations with their messages, transcript and deletion,
/// plus `/health` and `/ready`.
///
/// Every conversation has a token of 128 random bits, given once when it is created and stored only
/// as its SHA-256; a wrong or missing token gets the same 404 as a conversation that does not exist.
/// Each message is answered from the conversation's state (cached for recently active ones, else read)
/// and returns only after the new state is stored with the turn, so a restart loses nothing.
public struct ChatAPI: Sendable {
    /// Largest request body, in bytes.
    public static let maximumBodySize = 16 * 1024
    /// Longest message, in characters.
    public static let maximumMessageLength = 1_000

    let live: LiveCatalog
    let store: ConversationStore
    let writer: TurnWriter
    let cache = ConversationCache()
    let retentionDays: Int
    let configuration: ServerConfiguration
    let metrics: ServerMetrics
    let web: StaticFiles?
    let logger: Logger

    /// An API answering from `live` that keeps conversations in `store`, with the CORS, framing and
    /// rate-limit settings of `configuration`, counting into `metrics`, and serving `web` (the
    /// widget and demo page) when given.
    public init(live: LiveCatalog, store: ConversationStore, retentionDays: Int = 30, configuration: ServerConfiguration = .init(),
                metrics: ServerMetrics = .init(), web: StaticFiles? = nil, logger: Logger = Logger(label: "rathaus.server")) {
        self.live = live
        self.store = store
        writer = TurnWriter(store: store)
        self.retentionDays = retentionDays
        self.configuration = configuration
        self.metrics = metrics
        self.web = web
        self.logger = logger
    }

    /// An API over a fixed `catalog` with the default settings.
    public init(catalog: Catalog, matcher: IntentMatcher, store: ConversationStore, retentionDays: Int = 30) {
        self.init(live: LiveCatalog(catalog: catalog, matcher: matcher), store: store, retentionDays: retentionDays)
    }

    /// The router with every route and middleware: observation, security headers, CORS, errors as
    /// JSON, rate limit, in that order from the outside in.
    public func router() -> Router<RathausRequestContext> {
        let router = Router(context: RathausRequestContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: RequestObservationMiddleware(metrics: metrics, logger: logger))
        router.add(middleware: SecurityHeadersMiddleware(frameAncestors: configuration.frameAncestors))
        router.add(middleware: CORSPolicyMiddleware(allowedOrigins: configuration.corsOrigins))
        router.add(middleware: ErrorResponseMiddleware(logger: logger))
        router.add(middleware: RateLimitMiddleware(configuration: configuration, metrics: metrics))
        web?.register(on: router)
        router.get("health") { _, _ in Response.json(["status": "ok"]) }
        router.get("ready") { _, _ -> Response in
            guard try await Blocking.run({ store.isWritable() }) else { throw APIError.unavailable }
            return Response.json(["status": "ready", "intents": .int(live.engine.catalog.intents.count)])
        }
        router.get("metrics") { _, _ -> Response in
            let deliveries = (try? await Blocking.run { try store.deliveryCounts() }) ?? [:]
            return .content(ByteBuffer(string: metrics.exposition(deliveries: deliveries)), type: "text/plain; version=0.0.4; charset=utf-8")
        }
        router.get("api/v1/openapi.json") { _, _ in Response.content(ByteBuffer(string: OpenAPIDocument.json), type: Response.jsonType) }
        router.post("webhooks/rest/webhook") { request, _ -> Response in
            var request = request
            let body = try await Self.collect(&request)
            guard let message = try? JSONDecoder().decode(RasaMessage.self, from: body), !message.sender.isEmpty else { throw APIError.badRequest }
            return try await rasa(sender: message.sender, text: try Self.checked(message.message))
        }
        let api = router.group("api/v1/conversations")
        api.post { _, _ -> Response in try await create() }
        api.post(":id/messages", use: postMessage)
        api.get(":id") { request, context -> Response in
            let id = try context.parameters.require("id")
            let token = Self.bearer(request)
            let transcript = try await Blocking.run { [self] in
                try authorize(token, id)
                return try store.transcript(id: id)
            }
            return Response.json(["id": .string(id),
                              "transcript": .array(transcript.map { ["speaker": .string($0.speaker), "text": .string($0.text)] })])
        }
        api.delete(":id") { request, context -> Response in
            let id = try context.parameters.require("id")
            let token = Self.bearer(request)
            try await Blocking.run { [self] in
                try authorize(token, id)
                cache.remove(id)
                _ = try store.deleteConversation(id: id)
            }
            return Response(status: .noContent)
        }
        return router
    }

    /// The responder the server runs: the ``router()``, with the message route, the request of
    /// every turn, answered without the router's path lookup (see ``ChatResponder``).
    public func responder() -> ChatResponderBuilder {
        ChatResponderBuilder(router: router(), messages: postMessage)
    }

    /// `POST /api/v1/conversations/{id}/messages`: the body's text answered in the conversation.
    @Sendable private func postMessage(_ request: Request, context: RathausRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        var request = request
        let body = try await Self.collectBuffer(&request)
        let text = Result<String, any Error> {
            guard let text = MessageBodyReader.text(of: body) else { throw APIError.badRequest }
            return try Self.checked(text)
        }
        return try await respond(id, token: Self.bearer(request), text: text)
    }

    /// A message's text, trimmed; 422 when empty or longer than ``maximumMessageLength``.
    static func checked(_ text: String) throws -> String {
        let text = text.trimmed
        guard !text.isEmpty, text.count <= maximumMessageLength else { throw APIError.badMessage }
        return text
    }

    /// The token of an `Authorization: Bearer …` header.
    static func bearer(_ request: Request) -> String? {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { return nil }
        return String(header.dropFirst("Bearer ".count))
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
        let (turn, _) = try await answer(text, in: try store.snapshot(id: id) ?? ChatSession.Snapshot(id: id), engine: live.engine)
        return Response.json(.array(turn.replies.map { ["recipient_id": .string(sender), "text": .string($0)] }))
    }

    private func create() async throws -> Response {
        let engine = live.engine
        let session = ChatSession(catalog: engine.catalog, matcher: engine.matcher, sink: store, retentionDays: retentionDays)
        let token = Self.newToken()
        let tokenHash = Self.hash(token)
        try await Blocking.run { try store.create(session.snapshot, tokenHash: tokenHash) }
        cache.put(session.id, tokenHash: tokenHash, snapshot: session.snapshot)
        return .json(["id": .string(session.id), "token": .string(token), "replies": [.string(session.webWelcome)], "state": "idle"], status: .created)
    }

    /// Answers a message of a web conversation: 404 first when the token is wrong (before the body
    /// is judged, so that nothing tells a stranger the conversation exists), then 400 for an
    /// unreadable body, then the turn.
    private func respond(_ id: String, token: String?, text: Result<String, any Error>) async throws -> Response {
        let (snapshot, tokenHash) = try authorize(token, id)
        let (turn, repliesJSON) = try await answer(try text.get(), in: snapshot, engine: live.engine, tokenHash: tokenHash)
        return .json(turn.jsonBytes(repliesJSON: repliesJSON))
    }

    /// Answers one message of the stored conversation and stores the new state with the turn (or
    /// deletes the conversation when the citizen asked for it). A turn inside a form may submit an
    /// application (a synced write), so it runs on a blocking thread; other turns are pure
    /// computation and run where they are. The turn is stored by group commit.
    /// A web conversation (with `tokenHash`) is stored only if it still exists and is cached; a Rasa
    /// conversation (without) is created by its first turn. Returns the turn with the JSON array of
    /// its replies, written once for both the database and the response.
    private func answer(_ text: String, in snapshot: ChatSession.Snapshot, engine: LiveCatalog.Engine,
                        tokenHash: String? = nil) async throws -> (turn: ChatSession.Turn, repliesJSON: [UInt8]) {
        let (catalog, matcher, store, retentionDays) = (engine.catalog, engine.matcher, store, retentionDays)
        let respond: @Sendable () -> (ChatSession.Turn, ChatSession.Snapshot) = {
            var session = ChatSession(catalog: catalog, matcher: matcher, snapshot: snapshot, sink: store, retentionDays: retentionDays)
            let turn = session.respond(to: text)
            return (turn, session.snapshot)
        }
        let (turn, state) = snapshot.dialog == nil ? respond() : try await Blocking.run(respond)
        let repliesJSON = JSONOutput.array(turn.replies)
        if turn.erasesConversation {
            cache.remove(snapshot.id)
            try await Blocking.run { _ = try store.deleteConversation(id: snapshot.id) }
        } else {
            do {
                try await writer.record(.init(snapshot: state, citizen: text, repliesJSON: repliesJSON, mayCreate: tokenHash == nil))
            } catch is ConversationStore.ConversationGone {
                cache.remove(snapshot.id)
                throw APIError.notFound
            }
            if let tokenHash { cache.put(snapshot.id, tokenHash: tokenHash, snapshot: state) }
        }
        metrics.record(turn: turn, formWasOpen: snapshot.dialog != nil)
        return (turn, repliesJSON)
    }

    /// The conversation's stored state, or the 404 unless `token` is the conversation's token (one
    /// indexed read).
    /// Returns the state with the token's hash; the cache answers for recently active conversations.
    @discardableResult
    private func authorize(_ token: String?, _ id: String) throws -> (ChatSession.Snapshot, String) {
        guard let token else { throw APIError.notFound }
        let tokenHash = Self.hash(token)
        if let entry = cache.entry(id) {
            guard ConversationStore.constantTimeEqual(entry.tokenHash, tokenHash) else { throw APIError.notFound }
            return (entry.snapshot, tokenHash)
        }
        guard let snapshot = try store.snapshot(id: id, tokenHash: tokenHash) else { throw APIError.notFound }
        cache.put(id, tokenHash: tokenHash, snapshot: snapshot)
        return (snapshot, tokenHash)
    }

    /// 128 random bits, base64url without padding.
    static func newToken() -> String {
        let bytes = SymmetricKey(size: .bits128).withUnsafeBytes { Data($0) }
        return bytes.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The SHA-256 of a token, hex.
    static func hash(_ token: String) -> String {
        var token = token
        return token.withUTF8 { SHA256.hash(data: UnsafeRawBufferPointer($0)).withUnsafeBytes { $0.hexString } }
    }

    /// The body, at most ``maximumBodySize`` bytes, else 413.
    static func collect(_ request: inout Request) async throws -> Data {
        Data(buffer: try await collectBuffer(&request))
    }

    /// The body as it arrived, at most ``maximumBodySize`` bytes, else 413.
    static func collectBuffer(_ request: inout Request) async throws -> ByteBuffer {
        do {
            return try await request.collectBody(upTo: maximumBodySize)
        } catch {
            throw APIError.tooLarge
        }
    }
}
