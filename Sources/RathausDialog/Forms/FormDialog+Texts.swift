import RathausCatalog

/// What the form dialog says: questions, the privacy notice and the summary.
extension FormDialog {

    /// How a file is sent, in the widget and in the terminal.
    static let uploadHint = "Im Chatfenster wählen Sie die Datei mit „Datei auswählen“, im Terminal schreiben Sie „datei: “ und den Pfad."

    /// The field's question; optional fields say how to skip them.
    func prompt(_ field: FormField) -> String {
        var text = field.prompt
        if case .choice(let options) = field.kind {
            text += "\n" + options.enumerated().map { "\($0.offset + 1). \($0.element.label)" }.joined(separator: "\n")
        }
        if case .document(let accepted) = field.kind { text += " \(Self.uploadHint) \(DocumentFile.allowed(accepted))" }
        if !field.isRequired { text += " (Freiwillig: Schreiben Sie „überspringen“, wenn Sie das nicht angeben möchten.)" }
        return text
    }

    func privacyNotice(form: FormDefinition, context: Context) -> String {
        "Bevor ich nach persönlichen Angaben frage, zum Datenschutz: \(form.purpose) Empfänger ist \(context.departmentName). "
            + "Ich frage nur, was der Antrag braucht. Einen Entwurf, den Sie nicht absenden, lösche ich nach \(context.retentionDays) Tagen. "
            + "Sind Sie damit einverstanden? (Ja/Nein)"
    }

    /// All values, IBANs masked but for the last four digits, and the question to send.
    func summary(form: FormDefinition) -> String {
        let lines = submittedValues(in: form).map { "• \($0.field.label): \($0.value.display(for: $0.field.kind))" }
        return "Bitte prüfen Sie Ihre Angaben zum Antrag „\(form.title)“:\n" + lines.joined(separator: "\n")
            + "\nIst alles richtig? Antworten Sie mit „Ja“ zum Absenden oder nennen Sie, was ich ändern soll."
    }

    static func correctionExample(_ form: FormDefinition) -> String {
        let field = form.fields.first { $0.kind.typeName == "plz" } ?? form.fields[0]
        return "\(field.label) ist falsch"
    }
}
