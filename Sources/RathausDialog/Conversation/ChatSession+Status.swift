import Foundation
import RathausCatalog
import RathausUnderstanding

/// "Wie ist der Stand meines Antrags?": the reference number, the proof that the application is
/// the citizen's, and the answer: the application's timeline (``ProcedureTimeline``).
extension ChatSession {
    /// The intent of questions about an application's state.
    static let statusIntent = "antragsstatus"

    /// The next step of a status question, or nil when the message holds nothing for it (then it
    /// is answered as any other message and the question ends).
    mutating func continueStatusQuery(_ utterance: Utterance, query: Snapshot.StatusQuery) -> String? {
        guard let sink else { return nil }
        let text = utterance.text
        var query = query
        let named = Self.reference(in: text)
        if let named { query.reference = named }
        guard let reference = query.reference else {
            snapshot.statusQuery = nil
            return nil
        }
        guard let status = try? sink.status(reference: reference) else {
            snapshot.statusQuery = nil
            return "Einen Antrag mit der Vorgangsnummer \(reference) finde ich nicht. Bitte prüfen Sie die Nummer."
        }
        let own = snapshot.submittedReferences?.contains(status.reference) == true
        let proof =
            utterance.words.filter { $0.count == 5 && $0.allSatisfy(\.isNumber) }
            + text.split(separator: " ").map { $0.lowercased().trimmingCharacters(in: .punctuationCharacters) }.filter { $0.contains("@") }
        guard own || proof.contains(where: status.identifiers.contains) else {
            if named == nil, proof.isEmpty {
                // Something else was asked instead of the proof: the status question ends.
                snapshot.statusQuery = nil
                return nil
            }
            snapshot.statusQuery = query
            if !proof.isEmpty {
                return
                    "Die Angabe passt nicht zu diesem Antrag. Nennen Sie bitte die Postleitzahl oder die E-Mail-Adresse, die Sie im Antrag angegeben haben."
            }
            return "Zum Schutz Ihrer Daten: Nennen Sie bitte die Postleitzahl oder die E-Mail-Adresse, die Sie im Antrag angegeben haben."
        }
        snapshot.statusQuery = nil
        return ProcedureTimeline(status: status, catalog: catalog, today: today()).text
    }

    /// A reference number such as "MS-2026-000042" in `text`.
    static func reference(in text: String) -> String? {
        let pattern = /[A-Za-z]{2,4}-\d{4}-\d{6}/
        return text.firstMatch(of: pattern).map { String($0.output).uppercased() }
    }
}
