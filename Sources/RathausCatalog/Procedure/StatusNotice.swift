/// The short German e-mail a citizen who agreed to be notified gets for each step of the
/// procedure: what changed and the reference, never the form's data.
public struct StatusNotice: Sendable, Hashable {
    /// The subject line.
    public let subject: String
    /// The plain text.
    public let body: String

    /// The notice of `event` for the application `reference` of the service `serviceName`, signed
    /// by `sender` ("Stadt Musterstadt").
    public init(event: ProcedureEvent, reference: String, serviceName: String, sender: String) {
        subject = "Ihr Antrag \(reference): \(event.kind.german)"
        var lines = [
            "Guten Tag,", "",
            "zu Ihrem Antrag \(reference) (\(serviceName)) gibt es einen neuen Stand: \(event.kind.german).",
        ]
        if let note = event.note { lines.append("Hinweis der Stelle: \(note)") }
        if !event.documents.isEmpty {
            lines.append("Bitte senden Sie im Chat: " + event.documents.map(\.label).joined(separator: ", ") + ".")
        }
        if let expected = event.expectedBy { lines.append("Nächster Schritt voraussichtlich bis \(expected.german).") }
        lines += [
            "", "Den ganzen Verlauf sehen Sie im Chat mit „Wo steht mein Antrag?“ und Ihrer Vorgangsnummer.", "",
            "Mit freundlichen Grüßen", sender, "", "Diese E-Mail wurde automatisch versandt; bitte antworten Sie nicht darauf.",
        ]
        body = lines.joined(separator: "\n")
    }
}
