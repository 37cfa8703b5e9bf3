import Foundation
import Hummingbird
import RathausCatalog
import RathausConversations
import RathausUnderstanding

/// Reading what a request brings: the message, the token, the body, and the bodies' shapes.
extension ChatAPI {
    /// A message's text as an utterance; 422 when it is empty or longer than `Utterance.maximumLength`.
    static func checked(_ text: String) throws -> Utterance {
        let utterance = Utterance(text)
        guard !utterance.isEmpty, !utterance.wasShortened else { throw APIError.badMessage }
        return utterance
    }

    /// The language an optional body `{"language": "en"}` of a new conversation chooses (nil: none
    /// chosen); 400 for another body, 422 for a language Rathaus does not speak.
    static func chosenLanguage(in body: Data) throws -> Language? {
        guard !body.isEmpty else { return nil }
        guard let start = try? JSONDecoder().decode(StartRequest.self, from: body) else { throw APIError.badRequest }
        guard let tag = start.language else { return nil }
        guard let language = Language(tag: tag) else { throw APIError.unknownLanguage }
        return language
    }

    /// The access of an `Authorization: Bearer …` header (none when it is missing).
    static func access(_ request: Request) -> ConversationAccess {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { return .token(nil) }
        return .token(String(header.dropFirst("Bearer ".count)))
    }

    /// `work`, with ``ConversationNotFound`` answered as 404 and ``ConversationBusy`` as 503.
    static func notFoundIfMissing<Value>(_ work: () async throws -> Value) async throws -> Value {
        do {
            return try await work()
        } catch is ConversationNotFound {
            throw APIError.notFound
        } catch is ConversationBusy {
            throw APIError.busy
        }
    }

    /// The body, at most ``maximumBodySize`` bytes, else 413.
    static func body(of request: Request) async throws -> Data {
        var request = request
        do {
            return Data(buffer: try await request.collectBody(upTo: maximumBodySize))
        } catch {
            throw APIError.tooLarge
        }
    }

    /// `{"text": …}`.
    struct MessageRequest: Decodable {
        let text: String
    }

    /// `{"language": "en"}`, optional, when a conversation is created.
    struct StartRequest: Decodable {
        let language: String?
    }

    /// `{"helpful": true|false, "turn": N}`, `turn` optional (the number of the citizen's message
    /// whose answer is rated; without it the latest answer).
    struct FeedbackRequest: Decodable {
        let helpful: Bool
        let turn: Int?
    }

    /// Rasa's REST channel: `{"sender": …, "message": …}`. Like Rasa's channel it has no token: the
    /// widget's sender id is the only key, and one conversation is kept per sender.
    struct RasaMessage: Decodable {
        let sender: String
        let message: String
    }
}
