import Foundation

/// Which steps may follow which in an application's procedure. A step that makes no sense after the
/// ones before it is refused with a German sentence that says why.
///
/// - Nothing follows `completed` or `withdrawn`.
/// - `received` comes once, first; every other step except `withdrawn` needs it.
/// - After a decision (`approved`, `rejected`) only `completed` or `withdrawn` follow.
/// - `documents_requested` names at least one document.
/// - At most ``maximumSteps`` steps per application.
public enum ProcedureRules {
    /// Longest note for the citizen, in characters.
    public static let maximumNoteLength = 2_000

    /// Most documents one request may name.
    public static let maximumDocuments = 20

    /// Most steps one application may have: far more than any procedure takes, and a bound on the
    /// work of checking the next one.
    public static let maximumSteps = 200

    /// Why `next` cannot follow the steps of the kinds `earlier` (oldest first), or nil when it may.
    public static func refusal(of next: ProcedureEvent, after earlier: [ProcedureEvent.Kind]) -> String? {
        if let final = earlier.last(where: \.isFinal) {
            return "Der Vorgang ist bereits \(final == .completed ? "abgeschlossen" : "zurückgezogen"); danach ist kein Schritt mehr möglich."
        }
        if earlier.count >= maximumSteps {
            return "Für diesen Vorgang sind bereits \(maximumSteps) Schritte gemeldet; mehr nimmt Rathaus nicht an."
        }
        let received = earlier.contains(.received)
        switch next.kind {
        case .received where received:
            return "Der Eingang ist bereits gemeldet."
        case .received, .withdrawn:
            break
        default:
            guard received else { return "Melden Sie zuerst den Eingang (received), dann „\(next.kind.rawValue)“." }
        }
        if let decision = earlier.last(where: \.isDecision), next.kind != .completed, next.kind != .withdrawn {
            return "Über den Antrag ist bereits entschieden (\(decision.rawValue)); danach folgen nur noch completed oder withdrawn."
        }
        if next.kind == .documentsRequested, next.documents.isEmpty {
            return "Nennen Sie bei documents_requested mindestens ein Dokument."
        }
        return nil
    }

    /// What is wrong with the event's own fields (note too long, documents malformed), or nil.
    public static func problem(with event: ProcedureEvent) -> String? {
        if let note = event.note, note.count > maximumNoteLength {
            return "Die Notiz ist zu lang: höchstens \(maximumNoteLength) Zeichen."
        }
        if event.documents.count > maximumDocuments {
            return "Höchstens \(maximumDocuments) Dokumente je Anforderung."
        }
        if !event.documents.isEmpty, event.kind != .documentsRequested {
            return "Dokumente gehören nur zu documents_requested."
        }
        for document in event.documents {
            let idIsPlain = !document.id.isEmpty && document.id.count <= 64 && document.id.allSatisfy { Self.idCharacters.contains($0) }
            guard idIsPlain else { return "Die Kennung „\(document.id)“ darf nur a-z, 0-9, - und _ enthalten (höchstens 64 Zeichen)." }
            guard !document.label.trimmingCharacters(in: .whitespaces).isEmpty, document.label.count <= 200 else {
                return "Jedes Dokument braucht eine Bezeichnung (höchstens 200 Zeichen)."
            }
        }
        if Set(event.documents.map(\.id)).count != event.documents.count {
            return "Jede Dokumentkennung darf nur einmal vorkommen."
        }
        return nil
    }

    private static let idCharacters = Set("abcdefghijklmnopqrstuvwxyz0123456789-_")
}
