import Foundation
import Hummingbird
import RathausConversations

/// The citizen's rating of an answer: `POST /api/v1/conversations/{id}/feedback` with the
/// conversation's token and `{"helpful": BOOL, "turn": N (optional, default the latest answer)}`;
/// the answer carries `replies` when it brings the offer of a human.
extension ChatAPI {
    /// Registers the route on `api` (the group `api/v1/conversations`).
    func registerFeedback(on api: RouterGroup<RathausRequestContext>) {
        api.post(":id/feedback") { request, context -> Response in
            let id = try context.parameters.require("id")
            let access = Self.access(request)
            let body: FeedbackRequest
            do {
                body = try JSONDecoder().decode(FeedbackRequest.self, from: try await Self.body(of: request))
            } catch {
                try await Self.notFoundIfMissing { try await conversations.checkAccess(to: id, access: access) }
                throw error is APIError ? error : APIError.badRequest
            }
            let rated = try await Self.notFoundIfMissing {
                try await conversations.feedback(helpful: body.helpful, turn: body.turn, in: id, access: access)
            }
            guard let rated else { throw APIError.noAnswerToRate }
            var answer: [String: JSONValue] = ["turn": .int(rated.turn), "helpful": .bool(body.helpful)]
            // The second „Nein“ in a row: the offer of a human, answered like any question („Ja“).
            if let offer = rated.offer { answer["replies"] = .array(offer.replies.map(JSONValue.string)) }
            return .json(.object(answer))
        }
    }
}
