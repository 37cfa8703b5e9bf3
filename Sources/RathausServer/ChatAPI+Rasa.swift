import Crypto
import Foundation
import Hummingbird

/// Rasa's REST channel, so that an existing Rasa chat widget keeps working.
extension ChatAPI {
    /// `POST /webhooks/rest/webhook` with `{"sender", "message"}`: one conversation per sender (like
    /// Rasa's, without a token), answered as `[{"recipient_id", "text"}, …]`.
    func registerRasaChannel(on router: Router<RathausRequestContext>) {
        router.post("webhooks/rest/webhook") { request, _ -> Response in
            guard let message = try? JSONDecoder().decode(RasaMessage.self, from: try await Self.body(of: request)), !message.sender.isEmpty
            else { throw APIError.badRequest }
            try refuseDuringMaintenance()
            let id = "rasa-" + SHA256.hash(data: Data("rasa:\(message.sender)".utf8)).hexString.prefix(32)
            let turn = try await reply(to: Self.checked(message.message), in: id, access: .trusted)
            return Response.json(.array(turn.replies.map { ["recipient_id": .string(message.sender), "text": .string($0)] }))
        }
    }
}
