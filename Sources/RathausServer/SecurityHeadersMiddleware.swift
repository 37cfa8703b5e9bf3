import Hummingbird

/// Adds the security headers to every response: a Content-Security-Policy without inline script,
/// `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`, and the allowed frame ancestors.
public struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The Content-Security-Policy sent with every response.
    let policy: String

    /// A middleware allowing `frameAncestors` (origins) to frame the pages; none when empty.
    public init(frameAncestors: [String] = []) {
        let ancestors = frameAncestors.isEmpty ? "'none'" : frameAncestors.joined(separator: " ")
        policy =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors \(ancestors)"
    }

    /// Runs the request and adds the headers to its response.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = policy
        response.headers[.init("X-Content-Type-Options")!] = "nosniff"
        response.headers[.init("Referrer-Policy")!] = "no-referrer"
        return response
    }
}
