import Hummingbird

/// The server's responder: `POST /api/v1/conversations/{id}/messages`, the request of every turn,
/// goes to its handler through the router's own middleware without the router's path lookup; every
/// other request goes through the router as before.
///
/// Hummingbird's router reads a path character by character through its trie; for the five parts
/// of the message path that cost about 7 µs of every turn in a `perf` profile under load, against
/// about 2 µs for `/health`. Only the exact form of the path takes the short way; any other spelling
/// (a trailing or doubled slash, another method) is left to the router, which answers it as before.
public struct ChatResponder<Routed: HTTPResponder<RathausRequestContext>>: HTTPResponder {
    /// The router's responder, for every other request.
    let router: Routed
    /// The message handler inside the router's middleware.
    let messages: any HTTPResponder<RathausRequestContext>
    /// The route's pattern as the router names it (for logs and metrics).
    let messagesRoute: String

    /// The message path before the conversation id.
    static var prefix: String { "/api/v1/conversations/" }
    /// The message path after the conversation id.
    static var suffix: String { "/messages" }

    /// Answers `request`, a message to a conversation directly, anything else through the router.
    public func respond(to request: Request, context: RathausRequestContext) async throws -> Response {
        guard request.method == .post, let id = Self.conversationID(inMessagesPath: request.uri.path) else {
            return try await router.respond(to: request, context: context)
        }
        var context = context
        var parameters = Parameters()
        parameters["id"] = id
        context.coreContext.parameters = parameters
        context.coreContext.endpointPath.value = messagesRoute
        do {
            return try await messages.respond(to: request, context: context)
        } catch let error as any HTTPResponseError {
            // As the router does with an error that no middleware turned into a response.
            return try error.response(from: request, context: context)
        }
    }

    /// The conversation id of `/api/v1/conversations/{id}/messages` with a non-empty id without
    /// slashes; nil for any other path.
    static func conversationID(inMessagesPath path: String) -> Substring? {
        let utf8 = path.utf8
        guard utf8.count > prefix.utf8.count + suffix.utf8.count, path.hasPrefix(prefix), path.hasSuffix(suffix) else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: prefix.utf8.count)
        let end = utf8.index(utf8.endIndex, offsetBy: -suffix.utf8.count)
        guard !utf8[start..<end].contains(UInt8(ascii: "/")) else { return nil }
        return path[start..<end]
    }
}

/// Builds a ``ChatResponder`` for the application, from the router of ``ChatAPI``.
public struct ChatResponderBuilder: HTTPResponderBuilder {
    let router: Router<RathausRequestContext>
    let messages: @Sendable (Request, RathausRequestContext) async throws -> Response

    /// The responder: the router's, with the message route taken directly.
    public func buildResponder() -> ChatResponder<RouterResponder<RathausRequestContext>> {
        let route = router.routes.first { $0.method == .post && $0.path.description.hasSuffix(ChatResponder<RouterResponder<RathausRequestContext>>.suffix) }
        return ChatResponder(router: router.buildResponder(),
                             messages: router.middlewares.constructResponder(finalResponder: CallbackResponder(callback: messages)),
                             messagesRoute: route?.path.description ?? "/api/v1/conversations/{id}/messages")
    }
}
