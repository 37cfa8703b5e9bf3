import Foundation
import Hummingbird

/// An error answered as `{"error": {"code", "message"}}` with its HTTP status; never a stack trace
/// and never citizen text.
public struct APIError: HTTPResponseError, Sendable {
    /// The HTTP status.
    public let status: HTTPResponse.Status
    /// A stable code, e.g. `not_found`.
    public let code: String
    /// A German sentence for the widget.
    public let message: String
    /// Seconds until the client may try again (sent as `Retry-After`), for 429 and a busy 503.
    public var retryAfter: Int?

    /// 404 for a conversation that does not exist or whose token is wrong (no hint which).
    public static let notFound = APIError(status: .notFound, code: "not_found", message: "Dieses Gespräch gibt es nicht.")
    /// 404 for a request that names no town the server serves (`serve --tenants`).
    public static let unknownTown = APIError(status: .notFound, code: "unknown_town", message: "Diese Gemeinde gibt es hier nicht.")
    /// 400 for a body that is not the expected JSON.
    public static let badRequest = APIError(status: .badRequest, code: "bad_request", message: "Die Anfrage ist nicht lesbar.")
    /// 422 for a language Rathaus does not speak, asked for when a conversation is created.
    public static let unknownLanguage = APIError(
        status: .unprocessableContent, code: "unknown_language",
        message: "Diese Sprache gibt es nicht. Möglich sind „de“, „en“ und „de-x-ls“ (Leichte Sprache).")
    /// 413 for a body over the limit.
    public static let tooLarge = APIError(status: .contentTooLarge, code: "too_large", message: "Die Anfrage ist zu groß.")
    /// 422 for a message over 1,000 characters or an empty one.
    public static let badMessage = APIError(
        status: .unprocessableContent, code: "bad_message",
        message: "Bitte schreiben Sie eine Nachricht mit höchstens 1.000 Zeichen.")
    /// 422 for feedback on a turn that does not exist or answered no question.
    public static let noAnswerToRate = APIError(
        status: .unprocessableContent, code: "no_answer",
        message: "Zu dieser Nachricht gibt es keine Antwort, die Sie bewerten können.")
    /// 403 for a browser request from an origin the config does not list.
    public static let foreignOrigin = APIError(
        status: .forbidden, code: "origin_not_allowed",
        message: "Diese Seite darf den Chat nicht verwenden.")
    /// 429 when a client sends faster than the rate limit allows.
    public static func rateLimited(retryAfter seconds: Int) -> APIError {
        var error = APIError(status: .tooManyRequests, code: "rate_limited", message: "Bitte warten Sie einen Moment und senden Sie dann erneut.")
        error.retryAfter = max(1, seconds)
        return error
    }
    /// 503 when the service cannot answer.
    public static let unavailable = APIError(
        status: .serviceUnavailable, code: "unavailable",
        message: "Der Dienst ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.")

    /// 503 when another server has been answering the conversation's previous message for too long.
    public static let busy: APIError = {
        var error = APIError(
            status: .serviceUnavailable, code: "busy",
            message: "Ihre vorige Nachricht wird noch bearbeitet. Bitte senden Sie diese Nachricht gleich noch einmal.")
        error.retryAfter = 2
        return error
    }()

    /// 503 while the chat is off for maintenance (see ``MaintenanceMode``), with its text.
    public static func maintenance(_ message: String) -> APIError {
        APIError(status: .serviceUnavailable, code: "maintenance", message: message)
    }

    /// The JSON response.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = Response.json(["error": ["code": .string(code), "message": .string(message)]], status: status)
        if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        return response
    }
}
