import Hummingbird
import Logging

/// Turns every error into `{"error": {"code", "message"}}` with its status: the API's own errors as
/// they are, Hummingbird's (unknown route, unknown method) with a German sentence, and anything
/// else as 500 — logged by type only, never with a stack trace or citizen text.
public struct ErrorResponseMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    /// Logs unexpected errors to `logger`.
    public init(logger: Logger) {
        self.logger = logger
    }

    /// Runs the request and turns whatever it throws into the JSON error response.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return try error.response(from: request, context: context)
        } catch let error as HTTPResponseError {
            let apiError =
                switch error.status {
                case .notFound: APIError(status: .notFound, code: "not_found", message: "Diese Adresse gibt es nicht.")
                case .methodNotAllowed:
                    APIError(status: .methodNotAllowed, code: "method_not_allowed", message: "Diese Methode ist hier nicht erlaubt.")
                case .contentTooLarge: APIError.tooLarge
                default: APIError(status: error.status, code: "http_\(error.status.code)", message: "Die Anfrage ist fehlgeschlagen.")
                }
            return try apiError.response(from: request, context: context)
        } catch {
            logger.error("request failed", metadata: ["route": "\(context.endpointPath ?? "unmatched")", "error": "\(type(of: error))"])
            return try APIError(
                status: .internalServerError, code: "internal",
                message: "Es ist ein Fehler aufgetreten. Bitte versuchen Sie es noch einmal."
            ).response(from: request, context: context)
        }
    }
}
