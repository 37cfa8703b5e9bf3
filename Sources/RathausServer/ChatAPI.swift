import Foundation
import Hummingbird
import Logging
import RathausCatalog
import RathausConversations
import RathausDelivery
import RathausDialog
import RathausStore
import RathausUnderstanding

/// The JSON API of the chat widget: conversations with their messages, the files their forms ask
/// for, feedback, transcript and deletion,
/// the Rasa REST channel, plus `/health`, `/ready`, `/metrics` and the OpenAPI document.
///
/// Every turn goes through the ``ConversationService``; this type only reads requests and writes
/// responses. A wrong or missing token gets the same 404 as a conversation that does not exist.
public struct ChatAPI: Sendable {
    /// Largest request body, in bytes.
    public static let maximumBodySize = 16 * 1024

    let live: LiveCatalog
    let store: ConversationStore
    let conversations: ConversationService
    let configuration: ServerConfiguration
    let metrics: ServerMetrics
    let web: StaticFiles?
    let logger: Logger
    let applications: ApplicationsAPI
    let maintenance: MaintenanceMode

    /// An API answering from `live` that keeps conversations in `store`, with the CORS, framing and
    /// rate-limit settings of `configuration`, counting into `metrics`, and serving `web` (the
    /// widget and demo page) when given. `departmentSecrets` (department id, or `default`, to its
    /// `whsec_` secrets, as in the config's `departments:`) verify the steps departments report;
    /// a malformed secret is left out. While `maintenance` is on, new conversations and turns get 503.
    public init(
        live: LiveCatalog, store: ConversationStore, retentionDays: Int = 30, configuration: ServerConfiguration = .init(),
        metrics: ServerMetrics = .init(), web: StaticFiles? = nil, logger: Logger = Logger(label: "rathaus.server"),
        departmentSecrets: [String: [String]] = [:], maintenance: MaintenanceMode? = nil
    ) {
        self.maintenance = maintenance ?? MaintenanceMode(configured: configuration.maintenance)
        self.live = live
        self.store = store
        conversations = ConversationService(engine: { live.engine }, store: store, retentionDays: retentionDays)
        self.configuration = configuration
        self.metrics = metrics
        self.web = web
        self.logger = logger
        applications = ApplicationsAPI(
            procedures: ProcedureService(engine: { live.engine }, store: store),
            verifiers: departmentSecrets.compactMapValues { try? WebhookVerifier(secrets: $0) })
    }

    /// An API over a fixed `catalog` with the default settings.
    public init(catalog: Catalog, matcher: IntentMatcher, store: ConversationStore, retentionDays: Int = 30) {
        self.init(live: LiveCatalog(engine: ChatEngine(catalog: catalog, matcher: matcher)), store: store, retentionDays: retentionDays)
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
        router.get("health") { _, _ in
            guard let message = maintenance.message else { return Response.json(["status": "ok"]) }
            return Response.json(["status": "maintenance", "message": .string(message)])
        }
        router.get("ready") { _, _ -> Response in
            guard try await Blocking.run({ store.isWritable() }) else { throw APIError.unavailable }
            return Response.json(["status": "ready", "intents": .int(live.engine.catalog.intents.count)])
        }
        router.get("metrics") { _, _ -> Response in
            let deliveries = (try? await Blocking.run { try store.deliveryCounts() }) ?? [:]
            return .content(ByteBuffer(string: metrics.exposition(deliveries: deliveries)), type: "text/plain; version=0.0.4; charset=utf-8")
        }
        router.get("api/v1/openapi.json") { _, _ in Response.content(ByteBuffer(string: OpenAPIDocument.json), type: Response.jsonType) }
        registerRasaChannel(on: router)
        applications.register(on: router)
        let api = router.group("api/v1/conversations")
        api.post { request, _ -> Response in
            try refuseDuringMaintenance()
            let started = try await conversations.start(language: Self.chosenLanguage(in: try await Self.body(of: request)))
            return .json(
                [
                    "id": .string(started.id), "token": .string(started.token), "replies": [.string(started.welcome)], "state": "idle",
                    "language": .string(started.language.rawValue),
                ],
                status: .created)
        }
        api.post(":id/messages") { request, context -> Response in
            let id = try context.parameters.require("id")
            try refuseDuringMaintenance()
            let access = Self.access(request)
            let utterance: Utterance
            do {
                let body = try JSONDecoder().decode(MessageRequest.self, from: try await Self.body(of: request))
                utterance = try Self.checked(body.text)
            } catch {
                // A stranger learns nothing about the body before the token fits.
                try await conversations.checkAccess(to: id, access: access)
                throw error is APIError ? error : APIError.badRequest
            }
            return .json(try await reply(to: utterance, in: id, access: access).jsonValue)
        }
        registerFormDocuments(on: api)
        registerFeedback(on: api)
        api.get(":id") { request, context -> Response in
            let id = try context.parameters.require("id")
            let transcript = try await Self.notFoundIfMissing { try await conversations.transcript(of: id, access: Self.access(request)) }
            return Response.json([
                "id": .string(id),
                "transcript": .array(transcript.map { ["speaker": .string($0.speaker), "text": .string($0.text)] }),
            ])
        }
        api.delete(":id") { request, context -> Response in
            let id = try context.parameters.require("id")
            try await Self.notFoundIfMissing { try await conversations.erase(id, access: Self.access(request)) }
            return Response(status: .noContent)
        }
        // Last, so that it sees every route: a known path with another method gets 405.
        router.add(middleware: MethodNotAllowedMiddleware(routes: router.routes, options: .autoGenerateHeadEndpoints))
        return router
    }

    /// Throws 503 with the maintenance text while the chat is off; nothing is read or stored.
    func refuseDuringMaintenance() throws {
        if let message = maintenance.message { throw APIError.maintenance(message) }
    }

    /// Answers `utterance` through the conversation service and counts the turn.
    func reply(to utterance: Utterance, in id: String, access: ConversationAccess) async throws -> ChatSession.Turn {
        let reply = try await Self.notFoundIfMissing { try await conversations.reply(to: utterance, in: id, access: access) }
        metrics.record(turn: reply.turn, formWasOpen: reply.formWasOpen)
        return reply.turn
    }
}
