import Testing

@testable import RathausCatalog
@testable import RathausDialog

@Suite("The form dialog state machine")
struct FormDialogTests {
    static let form = FormDefinition(
        id: "hundesteuer-anmelden", title: "Hund anmelden", department: "finanzverwaltung", schemaVersion: 1,
        purpose: "Wir brauchen die Angaben für die Steuer.", nextSteps: "Sie bekommen einen Bescheid.",
        fields: [
            FormField(id: "rasse", kind: .text(minLength: 2, maxLength: 50), label: "Rasse", prompt: "Welche Rasse?", help: "Für den Steuersatz."),
            FormField(id: "listenhund", kind: .yesNo, label: "Listenhund", prompt: "Ist es ein Listenhund?", help: "Höherer Satz."),
            FormField(
                id: "erlaubnis", kind: .text(minLength: 3, maxLength: 30), label: "Erlaubnis", prompt: "Nummer der Erlaubnis?",
                help: "Pflicht für Listenhunde.", condition: FieldCondition(field: "listenhund", values: ["true"])),
            FormField(id: "name", kind: .name, label: "Name", prompt: "Ihr Name?", help: "Für den Bescheid."),
            FormField(
                id: "plz", kind: .plz(allowed: ["12345", "12346"]), label: "PLZ", aliases: ["postleitzahl"], prompt: "Ihre PLZ?", help: "Wohnort."),
            FormField(id: "iban", kind: .iban(countries: []), label: "IBAN", prompt: "Ihre IBAN?", help: "Für die Abbuchung.", isRequired: false),
        ],
        source: SourceLocation(file: "test", line: 1))
    static let context = FormDialog.Context(
        today: CalendarDate(year: 2026, month: 11, day: 30)!, departmentName: "Steueramt",
        departmentContact: "Telefon 0123 4567")

    /// A dialog that has run through `answers`, with the replies of the last one.
    static func run(_ answers: [String], context: FormDialog.Context = context) -> (FormDialog, FormDialog.Outcome) {
        var dialog = FormDialog(form: form)
        var outcome = FormDialog.Outcome(replies: dialog.begin(form: form, context: context), action: nil)
        for answer in answers { outcome = dialog.handle(answer, form: form, context: context) }
        return (dialog, outcome)
    }

    @Test("non-personal fields come first; the privacy notice comes before the first personal one")
    func privacyBeforePersonalData() {
        let (dialog, outcome) = Self.run(["Dackel", "nein"])
        #expect(dialog.phase == .privacy)
        #expect(outcome.replies.joined().contains("Datenschutz"))
        #expect(outcome.replies.joined().contains("Steueramt"))
        let (accepted, next) = Self.run(["Dackel", "nein", "ja"])
        #expect(accepted.hasConsented)
        #expect(next.replies.last == "Ihr Name?")
    }

    @Test("declining the privacy notice discards everything")
    func declinePrivacy() {
        let (dialog, outcome) = Self.run(["Dackel", "nein", "nein"])
        #expect(outcome.action == .discard)
        #expect(dialog.phase == .discarded)
        #expect(dialog.values.isEmpty)
    }

    @Test("a conditional field is asked only when its condition holds")
    func conditions() {
        let (without, _) = Self.run(["Dackel", "nein"])
        #expect(without.currentField(in: Self.form)?.id == "name")
        let (with, outcome) = Self.run(["Pitbull", "ja"])
        #expect(with.currentField(in: Self.form)?.id == "erlaubnis")
        #expect(outcome.replies.last == "Nummer der Erlaubnis?")
    }

    @Test("a wrong value names what is wrong and asks again; the third failure offers help and the contact")
    func failures() {
        let (_, first) = Self.run(["Dackel", "nein", "ja", "Anna", "999"])
        #expect(first.replies.first?.contains("5 Ziffern") == true)
        #expect(first.replies.last == "Ihre PLZ?")
        let (_, third) = Self.run(["Dackel", "nein", "ja", "Anna", "999", "54321", "abc"])
        #expect(third.replies.joined(separator: " ").contains("Das scheint nicht zu klappen"))
        #expect(third.replies.joined(separator: " ").contains("Telefon 0123 4567"))
    }

    @Test("zurück asks the previous field again and shows its value")
    func back() {
        let (dialog, outcome) = Self.run(["Dackel", "nein", "ja", "Anna Müller", "zurück"])
        #expect(dialog.currentField(in: Self.form)?.id == "name")
        #expect(outcome.replies.first?.contains("Anna Müller") == true)
        let (after, _) = Self.run(["Dackel", "nein", "ja", "Anna Müller", "zurück", "Anna Schmidt"])
        #expect(after.values["name"] == .text("Anna Schmidt"))
        #expect(after.currentField(in: Self.form)?.id == "plz")
    }

    @Test("corrections by name: 'ist falsch' asks again, 'ist X' sets it, a wrong X keeps the old value")
    func corrections() {
        let answered = ["Dackel", "nein", "ja", "Anna Müller", "12345"]
        let (reask, reaskOutcome) = Self.run(answered + ["die PLZ ist falsch"])
        #expect(reask.currentField(in: Self.form)?.id == "plz")
        #expect(reaskOutcome.replies.last == "Ihre PLZ?")
        let (set, _) = Self.run(answered + ["meine Postleitzahl ist 12346"])
        #expect(set.values["plz"] == .text("12346"))
        #expect(set.currentField(in: Self.form)?.id == "iban")
        let (kept, keptOutcome) = Self.run(answered + ["meine PLZ ist 99999"])
        #expect(kept.values["plz"] == .text("12345"))
        #expect(keptOutcome.replies.first?.contains("bisherige Angabe behalten") == true)
    }

    @Test("an optional field can be skipped; the summary masks the IBAN and confirming submits")
    func summaryAndSubmit() {
        let (skipped, summary) = Self.run(["Dackel", "nein", "ja", "Anna Müller", "12345", "überspringen"])
        #expect(skipped.phase == .summary)
        #expect(!summary.replies.joined().contains("IBAN"))
        let (withIBAN, shown) = Self.run(["Dackel", "nein", "ja", "Anna Müller", "12345", "DE89 3704 0044 0532 0130 00"])
        #expect(withIBAN.phase == .summary)
        let text = shown.replies.joined()
        #expect(text.contains("DE•• •••• •••• •••• ••30 00"))
        #expect(!text.contains("3704"))
        #expect(text.contains("Listenhund: Nein"))
        let (submitted, outcome) = Self.run(["Dackel", "nein", "ja", "Anna Müller", "12345", "überspringen", "ja"])
        #expect(outcome.action == .submit)
        #expect(submitted.phase == .submitted)
        #expect(submitted.submittedValues(in: Self.form).map(\.field.id) == ["rasse", "listenhund", "name", "plz"])
    }

    @Test("a correction from the summary returns to the summary")
    func correctionFromSummary() {
        let (dialog, outcome) = Self.run(["Dackel", "nein", "ja", "Anna Müller", "12345", "überspringen", "Rasse ist falsch", "Pudel"])
        #expect(dialog.phase == .summary)
        #expect(outcome.replies.joined().contains("Rasse: Pudel"))
    }

    @Test("abbrechen asks first; nein goes on, ja discards every value")
    func cancel() {
        let (asking, question) = Self.run(["Dackel", "abbrechen"])
        #expect(asking.phase == .confirmingCancel)
        #expect(question.replies.first?.contains("wirklich abbrechen") == true)
        let (goingOn, _) = Self.run(["Dackel", "abbrechen", "nein"])
        #expect(goingOn.phase == .asking)
        #expect(goingOn.values["rasse"] == .text("Dackel"))
        let (gone, outcome) = Self.run(["Dackel", "abbrechen", "ja"])
        #expect(outcome.action == .discard)
        #expect(gone.values.isEmpty)
    }

    @Test("hilfe explains the current field")
    func help() {
        let (_, outcome) = Self.run(["Dackel", "wozu?"])
        #expect(outcome.replies == ["Höherer Satz.", "Ist es ein Listenhund?"])
    }

    @Test("a question about something else pauses the form; ja continues where it was")
    func interruption() {
        var context = Self.context
        context.isQuestionElsewhere = true
        var (dialog, _) = Self.run(["Dackel"])
        let outcome = dialog.handle("was kostet ein reisepass?", form: Self.form, context: context)
        #expect(outcome.action == .answerElsewhere)
        #expect(dialog.phase == .paused)
        let resumed = dialog.handle("ja", form: Self.form, context: Self.context)
        #expect(resumed.replies.last == "Ist es ein Listenhund?")
        #expect(dialog.values["rasse"] == .text("Dackel"))
    }

    @Test("values present in the request are taken")
    func prefilled() {
        var dialog = FormDialog(form: Self.form, prefilled: ["plz": .text("12345")])
        _ = dialog.begin(form: Self.form, context: Self.context)
        for answer in ["Dackel", "nein", "ja", "Anna Müller"] { _ = dialog.handle(answer, form: Self.form, context: Self.context) }
        #expect(dialog.currentField(in: Self.form)?.id == "iban")
    }

    static let photoForm = FormDefinition(
        id: "baumfaellung-beantragen", title: "Baum fällen", department: "bauverwaltung", schemaVersion: 1, purpose: "Für den Antrag.",
        nextSteps: "Wir melden uns.",
        fields: [
            FormField(
                id: "foto", kind: .document(accepted: [.jpeg, .png]), label: "Foto des Baums", prompt: "Ihr Foto?", help: "Zeigt den Baum.",
                isRequired: false),
            FormField(id: "art", kind: .text(minLength: 3, maxLength: 20), label: "Baumart", prompt: "Welche Art?", help: "Für die Satzung."),
        ],
        source: SourceLocation(file: "test", line: 1))

    @Test("a document field takes only a file: text gets the upload hint, a file goes on, the summary shows type and size")
    func documentField() throws {
        let form = Self.photoForm
        var dialog = FormDialog(form: form)
        let question = try #require(dialog.begin(form: form, context: Self.context).last)
        #expect(question.hasPrefix("Ihr Foto? Im Chatfenster wählen Sie die Datei mit „Datei auswählen“"))
        #expect(question.contains("Erlaubt sind JPEG und PNG bis 10 MB."))
        #expect(dialog.awaitedDocument(in: form)?.id == "foto")
        let typed = dialog.handle("ein schönes Foto", form: form, context: Self.context)
        #expect(typed.replies.first?.hasPrefix("Hier brauche ich eine Datei.") == true)
        #expect(dialog.values["foto"] == nil)
        let photo = AttachedDocument(id: "d1", label: "Foto des Baums", mediaType: "image/png", byteCount: 2_500, sha256: "ab")
        let attached = dialog.attach(photo, form: form, context: Self.context)
        #expect(attached?.replies == ["Danke, „Foto des Baums“ ist da (PNG-Datei, 3 KB).", "Welche Art?"])
        #expect(dialog.attach(photo, form: form, context: Self.context) == nil, "no document field is asked now")
        let summary = dialog.handle("Eiche", form: form, context: Self.context)
        #expect(summary.replies.last?.contains("• Foto des Baums: PNG-Datei, 3 KB") == true)
        #expect(dialog.submittedValues(in: form).first?.value == .document(photo))
    }

    @Test("an optional document field can be skipped")
    func skipDocument() {
        var dialog = FormDialog(form: Self.photoForm)
        _ = dialog.begin(form: Self.photoForm, context: Self.context)
        let skipped = dialog.handle("überspringen", form: Self.photoForm, context: Self.context)
        #expect(skipped.replies == ["Welche Art?"])
        #expect(dialog.awaitedDocument(in: Self.photoForm) == nil)
    }
}
