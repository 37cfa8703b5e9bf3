import Foundation
import Hummingbird
import RathausCatalog
import RathausConversations

/// The file a form's document field asks for: `POST /api/v1/conversations/{id}/documents/{field}`
/// with the conversation's token and the file as the body, answered with the next turn.
extension ChatAPI {
    /// Registers the route on `api` (the group `api/v1/conversations`).
    func registerFormDocuments(on api: RouterGroup<RathausRequestContext>) {
        api.post(":id/documents/:field") { request, context -> Response in
            let id = try context.parameters.require("id")
            let fieldID = try context.parameters.require("field")
            let access = Self.access(request)
            // A stranger gets 404 before a byte of the file is read.
            try await Self.notFoundIfMissing { try await conversations.checkAccess(to: id, access: access) }
            var request = request
            guard let buffer = try? await request.collectBody(upTo: DocumentFile.maximumBytes) else {
                throw APIError(status: .contentTooLarge, code: "too_large", message: "Die Datei ist zu groß. \(DocumentFile.allowed)")
            }
            do {
                let reply = try await Self.notFoundIfMissing {
                    try await conversations.attach(document: Data(buffer: buffer), to: fieldID, in: id, access: access)
                }
                metrics.record(turn: reply.turn, formWasOpen: reply.formWasOpen)
                return .json(reply.turn.jsonValue)
            } catch let refusal as DocumentFile.Refusal {
                throw APIError(status: .unsupportedMediaType, code: "bad_document", message: refusal.message)
            } catch let notAwaited as DocumentNotAwaited {
                throw APIError(status: .conflict, code: "not_awaited", message: notAwaited.message)
            }
        }
    }
}
