import Hummingbird

/// Cross-origin requests only from the origins in the config. A request from the server's own
/// pages passes; a request from any other origin gets 403 (and no CORS headers), so a page the town
/// did not list can neither read answers nor start conversations in a visitor's name.
public struct CORSPolicyMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The allowed origins, e.g. `https://www.musterstadt.de`.
    let allowedOrigins: Set<String>

    /// A policy allowing `allowedOrigins`.
    public init(allowedOrigins: [String]) {
        self.allowedOrigins = Set(allowedOrigins.map { $0.lowercased() })
    }

    /// Passes requests without an `Origin` or from the server's own pages, answers preflights and
    /// marks responses for listed origins, and refuses every other origin with 403.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let origin = request.headers[.origin]?.lowercased() else { return try await next(request, context) }
        if isSameOrigin(origin, request) {
            return try await next(request, context)
        }
        guard allowedOrigins.contains(origin) else { return try APIError.foreignOrigin.response(from: request, context: context) }
        var response: Response
        if request.method == .options {
            response = Response(status: .noContent)
            response.headers[.accessControlAllowMethods] = "GET, POST, DELETE, OPTIONS"
            response.headers[.accessControlAllowHeaders] = "Authorization, Content-Type"
            response.headers[.accessControlMaxAge] = "600"
        } else {
            response = try await next(request, context)
        }
        response.headers[.accessControlAllowOrigin] = origin
        response.headers[.vary] = "Origin"
        return response
    }

    /// True when `origin` names the host the request was sent to (the server's own pages).
    private func isSameOrigin(_ origin: String, _ request: Request) -> Bool {
        guard let host = (request.head.authority ?? request.headers[.init("Host")!])?.lowercased() else { return false }
        return origin == "http://\(host)" || origin == "https://\(host)"
    }
}
