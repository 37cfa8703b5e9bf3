import Foundation
import Hummingbird
import NIOCore

/// The per-client rate limit on the API and the Rasa channel: a token bucket per client address;
/// over the limit, 429 with `Retry-After`. Pages, `/health`, `/ready` and `/metrics` are not limited.
public struct RateLimitMiddleware: RouterMiddleware {
    /// The context this middleware reads the peer's address from.
    public typealias Context = RathausRequestContext

    let buckets: TokenBuckets?
    let trustsForwardedFor: Bool
    let metrics: ServerMetrics

    /// A limit of `configuration.requestsPerSecond` (off when 0) with bursts of `configuration.burst`.
    public init(configuration: ServerConfiguration, metrics: ServerMetrics) {
        buckets = configuration.requestsPerSecond > 0 ? TokenBuckets(rate: configuration.requestsPerSecond, burst: configuration.burst) : nil
        trustsForwardedFor = configuration.trustsForwardedFor
        self.metrics = metrics
    }

    /// Takes a token from the client's bucket for API and channel requests, or answers 429.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let buckets, request.uri.path.hasPrefix("/api/") || request.uri.path.hasPrefix("/webhooks/") else {
            return try await next(request, context)
        }
        let now = Double(DispatchTime.now().uptimeNanoseconds) / 1e9
        if let wait = buckets.take(client(request, context), now: now) {
            metrics.recordRateLimited()
            throw APIError.rateLimited(retryAfter: Int(wait.rounded(.up)))
        }
        return try await next(request, context)
    }

    /// The client's address: the last `X-Forwarded-For` entry when trusted, else the peer's IP.
    func client(_ request: Request, _ context: Context) -> String {
        if trustsForwardedFor, let forwarded = request.headers[.init("X-Forwarded-For")!],
            let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty
        {
            return last
        }
        return context.remoteAddress?.ipAddress ?? "unknown"
    }
}
