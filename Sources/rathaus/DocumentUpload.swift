import Foundation
import RathausCatalog
import RathausConversations
import RathausDialog
import RathausStore

/// `datei: PFAD` in `rathaus chat`: sends a file as the answer to the form field that asks for one,
/// or else as the next document a department asked for in one of the conversation's applications,
/// checked as the API checks it.
struct DocumentUpload {
    let procedures: ProcedureService
    let conversations: ConversationService
    /// The conversation's id.
    let conversation: String

    /// The path of a line `datei: PFAD` (also `Datei:`), nil for any other line.
    static func path(in line: String) -> String? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased().hasPrefix("datei:") else { return nil }
        let path = trimmed.dropFirst("datei:".count).trimmingCharacters(in: .whitespaces)
        return path.isEmpty ? nil : (path as NSString).expandingTildeInPath
    }

    /// Sends the file at `path`; the turn says in German what became of it.
    func send(_ path: String) async -> ChatSession.Turn {
        do {
            if try await conversations.awaitedDocument(in: conversation, access: .trusted) != nil {
                return try await conversations.send(file: try read(path), in: conversation, access: .trusted)
            }
            return answer(try await sendRequested(path))
        } catch let refusal as DocumentFile.Refusal {
            return answer(refusal.message)
        } catch {
            return answer("Die Datei \(path) lässt sich nicht senden. Bitte versuchen Sie es noch einmal.")
        }
    }

    /// Sends the file at `path` as the first document a department asks for.
    private func sendRequested(_ path: String) async throws -> String {
        let references = try await conversations.submittedReferences(in: conversation, access: .trusted)
        var target: (reference: String, document: ProcedureEvent.RequestedDocument)?
        for reference in references {
            if let first = try await procedures.openRequests(of: reference, access: .trusted).first {
                target = (reference, first)
                break
            }
        }
        guard let target else { return "Zu Ihren Anträgen in diesem Gespräch wird gerade keine Unterlage angefordert." }
        switch try await procedures.send(document: try read(path), as: target.document.id, for: target.reference, access: .trusted) {
        case .stored:
            return "Danke! „\(target.document.label)“ zu Ihrem Antrag \(target.reference) ist gespeichert und geht an die zuständige Stelle."
        case .unknownReference:
            return "Den Antrag \(target.reference) finde ich nicht."
        case .refused(let reason):
            return reason
        }
    }

    /// The file's content; refused before reading when it is too large or unreadable.
    private func read(_ path: String) throws -> Data {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        guard let size else { throw DocumentFile.Refusal(message: "Die Datei \(path) lässt sich nicht lesen.") }
        guard size <= DocumentFile.maximumBytes else { throw DocumentFile.Refusal(message: "Die Datei ist zu groß. \(DocumentFile.allowed)") }
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// A turn with only `text`.
    private func answer(_ text: String) -> ChatSession.Turn {
        ChatSession.Turn(conversation: conversation, replies: [text], intent: nil)
    }
}
