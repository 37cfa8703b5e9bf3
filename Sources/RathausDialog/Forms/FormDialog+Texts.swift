import RathausCatalog

/// What the form dialog says: questions, the privacy notice and the summary.
extension FormDialog {

    /// The field's question; optional fields say how to skip them.
    func prompt(_ field: FormField, texts: DialogTexts = .german) -> String {
        var text = field.prompt
        if case .choice(let options) = field.kind {
            text += "\n" + options.enumerated().map { "\($0.offset + 1). \($0.element.label)" }.joined(separator: "\n")
        }
        if case .document(let accepted) = field.kind { text += " \(texts(.uploadHint)) \(DocumentFile.allowed(accepted))" }
        if !field.isRequired { text += " " + texts(.optionalHint) }
        return text
    }

    func privacyNotice(form: FormDefinition, context: Context) -> String {
        context.texts(.privacyNotice, ["purpose": form.purpose, "department": context.departmentName, "days": "\(context.retentionDays)"])
    }

    /// All values, IBANs masked but for the last four digits, and the question to send.
    func summary(form: FormDefinition, texts: DialogTexts = .german) -> String {
        let lines = submittedValues(in: form).map { "• \($0.field.label): \($0.value.display(for: $0.field.kind, texts: texts))" }
        return texts(.summaryIntro, ["title": form.title]) + "\n" + lines.joined(separator: "\n") + "\n" + texts(.summaryQuestion)
    }

    static func correctionExample(_ form: FormDefinition, texts: DialogTexts = .german) -> String {
        let field = form.fields.first { $0.kind.typeName == "plz" } ?? form.fields[0]
        return texts(.correctionExample, ["label": field.label])
    }
}
