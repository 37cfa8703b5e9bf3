import Foundation
import RathausCatalog
import RathausConversations
import RathausStore

/// `datei: PFAD` in `rathaus chat`: sends a file as the next document a department asked for in
/// one of the conversation's applications, checked as the API checks it.
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

    /// Sends the file at `path` and says in German what became of it.
    func send(_ path: String) async -> String {
        do {
            let references = try await conversations.submittedReferences(in: conversation, access: .trusted)
            var target: (reference: String, document: ProcedureEvent.RequestedDocument)?
            for reference in references {
                if let first = try await procedures.openRequests(of: reference, access: .trusted).first {
                    target = (reference, first)
                    break
                }
            }
            guard let target else { return "Zu Ihren Anträgen in diesem Gespräch wird gerade keine Unterlage angefordert." }
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
            guard let size else { return "Die Datei \(path) lässt sich nicht lesen." }
            guard size <= DocumentFile.maximumBytes else { return "Die Datei ist zu groß. \(DocumentFile.allowed)" }
            let content = try Data(contentsOf: URL(fileURLWithPath: path))
            switch try await procedures.send(document: content, as: target.document.id, for: target.reference, access: .trusted) {
            case .stored:
                return "Danke! „\(target.document.label)“ zu Ihrem Antrag \(target.reference) ist gespeichert und geht an die zuständige Stelle."
            case .unknownReference:
                return "Den Antrag \(target.reference) finde ich nicht."
            case .refused(let reason):
                return reason
            }
        } catch let refusal as DocumentFile.Refusal {
            return refusal.message
        } catch {
            return "Die Datei \(path) lässt sich nicht senden. Bitte versuchen Sie es noch einmal."
        }
    }
}
