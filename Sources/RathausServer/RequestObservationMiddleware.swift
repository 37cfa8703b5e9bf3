import Foundation
import Hummingbird
import Logging

/// Times every request, counts it in the metrics and writes one structured log line: method, route
/// pattern (never an id or a query), status and microseconds. Citizen text never reaches the log.
public struct RequestObservationMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics
    let logger: Logger

    /// Observes into `metrics` and `logger`.
    public init(metrics: ServerMetrics, logger: Logger) {
        self.metrics = metrics
        self.logger = logger
    }

    /// Runs the request, then counts and logs it.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let response = try await next(request, context)
        let nanoseconds = DispatchTime.now().uptimeNanoseconds - start
        metrics.record(status: Int(response.status.code), seconds: Double(nanoseconds) / 1e9)
        logger.info(
            "request",
            metadata: [
                "method": "\(request.method.rawValue)",
                "route": "\(context.endpointPath ?? "unmatched")",
                "status": "\(response.status.code)",
                "duration_us": "\(nanoseconds / 1000)",
            ])
        return response
    }
}
