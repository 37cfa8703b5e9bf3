import Hummingbird

/// Adds the security headers to every response: a Content-Security-Policy without inline script,
/// `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`, and the allowed frame ancestors.
public struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Origins that may embed the pages in a frame (`'none'` when empty).
    let frameAncestors: [String]

    /// A middleware allowing `frameAncestors` to frame the pages.
    public init(frameAncestors: [String] = []) {
        self.frameAncestors = frameAncestors
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as APIError {
            response = try error.response(from: request, context: context)
        } catch let error as HTTPResponseError {
            response = try APIError(status: error.status, code: "http_\(error.status.code)", message: "Die Anfrage ist fehlgeschlagen.")
                .response(from: request, context: context)
        }
        let ancestors = frameAncestors.isEmpty ? "'none'" : frameAncestors.joined(separator: " ")
        response.headers[.contentSecurityPolicy] = "default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors \(ancestors)"
        response.headers[.init("X-Content-Type-Options")!] = "nosniff"
        response.headers[.init("Referrer-Policy")!] = "no-referrer"
        return response
    }
}
