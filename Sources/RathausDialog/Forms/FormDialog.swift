import RathausCatalog
import RathausUnderstanding

/// The dialog of one online application: a value-type state machine without I/O.
///
/// Each citizen turn goes to ``handle(_:form:context:)``, which returns the replies and, at the
/// end, the action to take (submit or discard). Progress is derived from the values: the field
/// asked is the first active field (its condition holds) without a value, unless the citizen is
/// correcting one. Before the first personal field comes a privacy notice the citizen accepts;
/// "zurück", "hilfe", "abbrechen" and corrections by field name work at any point.
public struct FormDialog: Sendable, Hashable, Codable {
    /// Where the dialog stands.
    public enum Phase: String, Sendable, Hashable, Codable {
        /// Asking fields one by one.
        case asking
        /// Waiting for consent to the privacy notice.
        case privacy
        /// Waiting for "ja" to "Wirklich abbrechen?".
        case confirmingCancel
        /// Interrupted by a question; waiting for "weiter".
        case paused
        /// Showing the summary, waiting for the confirmation.
        case summary
        /// Sent; the dialog is over.
        case submitted
        /// Cancelled or declined; every value is gone.
        case discarded
    }

    /// What the caller has to do after a turn.
    public enum Action: Sendable, Hashable {
        /// Store the application; the dialog is over.
        case submit
        /// Forget the draft; the dialog is over.
        case discard
        /// The turn was a question about something else: answer it, then call ``offerToContinue(form:texts:)``.
        case answerElsewhere
    }

    /// What one turn produced.
    public struct Outcome: Sendable, Hashable {
        /// Reply texts, in order.
        public var replies: [String]
        /// What the caller must do, if anything.
        public var action: Action?
        /// The field whose answer was refused in this turn (for the staff report), if any.
        public var rejectedField: String? = nil
    }

    /// Facts from outside the dialog that a turn needs.
    public struct Context: Sendable, Hashable {
        /// Today, for relative dates.
        public var today: CalendarDate
        /// The receiving department's name.
        public var departmentName: String
        /// How to reach it ("Telefon …, E-Mail …").
        public var departmentContact: String
        /// Days after which unfinished drafts are deleted.
        public var retentionDays: Int
        /// True when the message is confidently about another service or topic.
        public var isQuestionElsewhere: Bool
        /// What the dialog says, in the conversation's language.
        public var texts: DialogTexts

        /// Creates a context.
        public init(
            today: CalendarDate, departmentName: String, departmentContact: String, retentionDays: Int = 30,
            isQuestionElsewhere: Bool = false, texts: DialogTexts = .german
        ) {
            self.texts = texts
            self.today = today
            self.departmentName = departmentName
            self.departmentContact = departmentContact
            self.retentionDays = retentionDays
            self.isQuestionElsewhere = isQuestionElsewhere
        }
    }

    /// Failed answers to one field after which help and the department's contact are offered.
    public static let failuresBeforeHelp = 3

    /// The form being filled in.
    public let formID: String
    /// The answers so far, by field id.
    public private(set) var values: [String: FieldValue] = [:]
    /// Where the dialog stands.
    public private(set) var phase: Phase = .asking
    /// Optional fields the citizen skipped.
    private var skipped: Set<String> = []
    /// True once the citizen accepted the privacy notice.
    public private(set) var hasConsented = false
    /// A field asked again although it has a value (after "zurück" or "die PLZ ist falsch").
    private var correcting: String?
    /// Field ids in the order they were answered, for "zurück".
    private var history: [String] = []
    /// Failed answers per field.
    private var failures: [String: Int] = [:]
    /// The phase to return to when the citizen does not cancel after all.
    private var phaseBeforeCancel: Phase?

    /// Starts a dialog for `form` with values already present in the request that started it.
    public init(form: FormDefinition, prefilled: [String: FieldValue] = [:]) {
        formID = form.id
        for (id, value) in prefilled where form.field(id) != nil {
            values[id] = value
            history.append(id)
        }
    }

    // MARK: - State seen from outside

    /// The field the next answer is for, if a field is being asked.
    public func currentField(in form: FormDefinition) -> FormField? {
        if let correcting, let field = form.field(correcting) { return field }
        return form.fields.first { isActive($0) && values[$0.id] == nil && !skipped.contains($0.id) }
    }

    /// True when `field` is asked: it has no condition, or its condition holds.
    public func isActive(_ field: FormField) -> Bool {
        guard let condition = field.condition else { return true }
        guard let value = values[condition.field] else { return false }
        return condition.values.contains(value.canonical)
    }

    /// The values of the active fields, in form order: what is submitted.
    public func submittedValues(in form: FormDefinition) -> [(field: FormField, value: FieldValue)] {
        form.fields.compactMap { field in
            guard isActive(field), let value = values[field.id] else { return nil }
            return (field, value)
        }
    }

    // MARK: - Turns

    /// The first replies: what is started, and the first question (or the privacy notice).
    public mutating func begin(form: FormDefinition, context: Context) -> [String] {
        let intro = context.texts(.formIntro, ["title": form.title, "example": Self.correctionExample(form, texts: context.texts)])
        return [intro] + next(form: form, context: context)
    }

    /// Handles one citizen turn.
    public mutating func handle(_ utterance: Utterance, form: FormDefinition, context: Context) -> Outcome {
        let text = utterance.text
        let words = utterance.words
        let texts = context.texts
        switch phase {
        case .submitted, .discarded:
            return Outcome(replies: [texts(.formClosed)], action: nil)
        case .confirmingCancel:
            if FieldValidator.yesNo(text) == true { return discard(texts(.formCancelled)) }
            phase = phaseBeforeCancel ?? .asking
            phaseBeforeCancel = nil
            return Outcome(replies: [texts(.formGoesOn)] + repeatQuestion(form: form, context: context), action: nil)
        default:
            break
        }
        if Self.isCancel(words) {
            phaseBeforeCancel = phase
            phase = .confirmingCancel
            return Outcome(replies: [texts(.confirmCancel)], action: nil)
        }
        switch phase {
        case .paused:
            if Self.isContinue(words) || FieldValidator.yesNo(text) == true {
                phase = .asking
                return Outcome(replies: next(form: form, context: context), action: nil)
            }
            if FieldValidator.yesNo(text) == false {
                return Outcome(replies: [texts(.formWaits)], action: nil)
            }
            if context.isQuestionElsewhere { return Outcome(replies: [], action: .answerElsewhere) }
            return Outcome(replies: [offerToContinue(form: form, texts: texts)], action: nil)
        case .privacy:
            if Self.isHelp(words) { return Outcome(replies: [privacyNotice(form: form, context: context)], action: nil) }
            switch FieldValidator.yesNo(text) {
            case true?:
                hasConsented = true
                phase = .asking
                return Outcome(replies: [texts(.thanks)] + next(form: form, context: context), action: nil)
            case false?:
                return discard(texts(.consentRefused, ["department": context.departmentName, "contact": context.departmentContact]))
            case nil:
                return Outcome(
                    replies: [texts(.consentYesNo)],
                    action: nil)
            }
        case .summary:
            if let correction = handleCorrection(text, words: words, form: form, context: context, fromSummary: true) { return correction }
            if FieldValidator.yesNo(text) == true {
                phase = .submitted
                return Outcome(replies: [], action: .submit)
            }
            if FieldValidator.yesNo(text) == false {
                return Outcome(replies: [texts(.whatToChange, ["example": Self.correctionExample(form, texts: texts)])], action: nil)
            }
            return Outcome(replies: [texts(.summaryYesOrChange)], action: nil)
        default:
            break
        }
        // Asking a field.
        guard let field = currentField(in: form) else { return Outcome(replies: next(form: form, context: context), action: nil) }
        if Self.isBack(words) { return back(form: form, context: context) }
        if Self.isHelp(words) { return Outcome(replies: [field.help, prompt(field, texts: texts)], action: nil) }
        let declines = field.kind != .yesNo && FieldValidator.yesNo(text) == false && words.count <= 3
        if field.isRequired, words.count <= 2, words.contains(where: ["uberspringen", "ueberspringen", "skip"].contains) {
            return Outcome(replies: [texts(.cannotSkip), prompt(field, texts: texts)], action: nil)
        }
        if !field.isRequired, Self.isSkip(words) || declines {
            skipped.insert(field.id)
            correcting = nil
            return Outcome(replies: next(form: form, context: context), action: nil)
        }
        let result = FieldValidator.validate(text, for: field, today: context.today, texts: texts)
        // A message that is a valid answer is taken as one, unless it plainly is a correction
        // ("meine PLZ ist 12346", "PLZ ist falsch"): free text may well mention another field.
        let isValidAnswer = if case .success = result { true } else { false }
        if !isValidAnswer || Self.isPlainCorrection(words) || Self.isLabelledValue(text, in: form),
            let correction = handleCorrection(text, words: words, form: form, context: context, fromSummary: false)
        {
            return correction
        }
        if context.isQuestionElsewhere, Self.looksLikeQuestion(text, result: result, field: field) {
            phase = .paused
            return Outcome(replies: [], action: .answerElsewhere)
        }
        switch result {
        case .success(let value):
            set(field, to: value, in: form)
            return Outcome(replies: next(form: form, context: context), action: nil)
        case .failure(let rejection):
            failures[field.id, default: 0] += 1
            if failures[field.id]! >= Self.failuresBeforeHelp {
                failures[field.id] = 0
                return Outcome(
                    replies: [
                        rejection.message,
                        texts(.notWorking, ["help": field.help, "department": context.departmentName, "contact": context.departmentContact]),
                        prompt(field, texts: texts),
                    ], action: nil, rejectedField: field.id)
            }
            return Outcome(replies: [rejection.message, prompt(field, texts: texts)], action: nil, rejectedField: field.id)
        }
    }

    /// The document field the dialog asks for now, nil when it asks for something else.
    public func awaitedDocument(in form: FormDefinition) -> FormField? {
        guard phase == .asking, let field = currentField(in: form), case .document = field.kind else { return nil }
        return field
    }

    /// Takes `document` (stored and checked by the caller) as the answer to the document field asked
    /// now, and goes on. Nil when no document field is asked; the caller refuses the file then.
    public mutating func attach(_ document: AttachedDocument, form: FormDefinition, context: Context) -> Outcome? {
        guard let field = awaitedDocument(in: form) else { return nil }
        set(field, to: .document(document), in: form)
        return Outcome(
            replies: [context.texts(.documentReceived, ["label": field.label, "summary": document.summary])] + next(form: form, context: context),
            action: nil)
    }

    /// Back to the summary, after a submission that could not be stored.
    public mutating func returnToSummary() {
        phase = .summary
    }

    /// After the caller answered a question from the middle of the form: the offer to go on.
    public func offerToContinue(form: FormDefinition, texts: DialogTexts = .german) -> String {
        texts(.continueForm, ["title": form.title])
    }

    // MARK: - Steps

    /// The next question, the privacy notice, or the summary.
    private mutating func next(form: FormDefinition, context: Context) -> [String] {
        guard let field = currentField(in: form) else {
            phase = .summary
            return [summary(form: form, texts: context.texts)]
        }
        if field.isPersonal, !hasConsented {
            phase = .privacy
            return [privacyNotice(form: form, context: context)]
        }
        phase = .asking
        return [prompt(field, texts: context.texts)]
    }

    /// The current question again, whatever the phase.
    private mutating func repeatQuestion(form: FormDefinition, context: Context) -> [String] {
        switch phase {
        case .summary: [summary(form: form, texts: context.texts)]
        case .privacy: [privacyNotice(form: form, context: context)]
        default: next(form: form, context: context)
        }
    }

    private mutating func set(_ field: FormField, to value: FieldValue, in form: FormDefinition) {
        values[field.id] = value
        skipped.remove(field.id)
        failures[field.id] = 0
        history.removeAll { $0 == field.id }
        history.append(field.id)
        if correcting == field.id { correcting = nil }
        dropInactiveValues(in: form)
    }

    /// Forgets the answers to fields whose condition no longer holds, so that only what the form
    /// needs is kept and a field that becomes active again is asked again.
    private mutating func dropInactiveValues(in form: FormDefinition) {
        var changed = true
        while changed {
            changed = false
            for field in form.fields where values[field.id] != nil && !isActive(field) {
                values[field.id] = nil
                history.removeAll { $0 == field.id }
                changed = true
            }
        }
    }

    private mutating func back(form: FormDefinition, context: Context) -> Outcome {
        let current = currentField(in: form)?.id
        let earlier = history.filter { $0 != current && $0 != correcting }
        guard let previous = earlier.last, let field = form.field(previous) else {
            return Outcome(replies: [context.texts(.firstQuestion)] + repeatQuestion(form: form, context: context), action: nil)
        }
        history.removeAll { $0 == previous }
        correcting = previous
        let texts = context.texts
        let shown = values[previous].map { " " + texts(.previousValue, ["value": $0.display(for: field.kind, texts: texts)]) } ?? ""
        return Outcome(replies: [texts(.backTo, ["label": field.label]) + shown, prompt(field, texts: texts)], action: nil)
    }

    private mutating func discard(_ message: String) -> Outcome {
        values = [:]
        skipped = []
        history = []
        correcting = nil
        phase = .discarded
        return Outcome(replies: [message], action: .discard)
    }

    /// "die PLZ ist falsch" asks the field again; "meine Straße ist Hauptstraße 5" sets it. Nil when
    /// the text names no field of the form.
    private mutating func handleCorrection(
        _ text: String, words: [String], form: FormDefinition, context: Context,
        fromSummary: Bool
    ) -> Outcome? {
        let lowered = " " + words.joined(separator: " ") + " "
        // Only answered fields can be corrected, so that an answer that mentions another field's name
        // ("die Straße vor meinem Haus ist kaputt") stays an answer.
        let current = currentField(in: form)?.id
        let fields = form.fields.filter { isActive($0) && values[$0.id] != nil && (fromSummary || $0.id != current) }
        guard let (field, nameEnd) = Self.namedField(in: lowered, among: fields) else { return nil }
        let wantsChange = [" falsch ", " andern ", " aendern ", " korrigieren ", " stimmt nicht ", " anders ", " wrong ", " change ", " correct "]
            .contains {
                lowered.contains($0)
            }
        if let value = Self.valueAfterName(text, nameEnd: nameEnd, words: words), !wantsChange {
            let old = values[field.id]
            let texts = context.texts
            switch FieldValidator.validate(value, for: field, today: context.today, texts: texts) {
            case .success(let newValue):
                set(field, to: newValue, in: form)
                let done = texts(.changed, ["label": field.label, "value": newValue.display(for: field.kind, texts: texts)])
                // From the summary, next() returns to it after any question the change made necessary.
                return Outcome(replies: [done] + next(form: form, context: context), action: nil)
            case .failure(let rejection):
                let kept = old.map { " " + texts(.keptValue, ["value": $0.display(for: field.kind, texts: texts)]) } ?? ""
                return Outcome(
                    replies: [rejection.message + kept] + repeatQuestion(form: form, context: context), action: nil, rejectedField: field.id)
            }
        }
        guard wantsChange else { return nil }
        correcting = field.id
        phase = .asking
        return Outcome(replies: [context.texts(.againPlease), prompt(field, texts: context.texts)], action: nil)
    }

    /// The field whose label, id or alias appears in `lowered` (folded words with spaces around),
    /// preferring the longest name; with the end of the name in the folded words.
    private static func namedField(in lowered: String, among fields: [FormField]) -> (FormField, Int)? {
        var best: (field: FormField, length: Int, end: Int)?
        for field in fields {
            let names = [field.label, field.id.replacingOccurrences(of: "_", with: " ")] + field.aliases
            for name in names {
                let key = TextNormalizer.tokens(name).joined(separator: " ")
                guard !key.isEmpty, let range = lowered.range(of: " \(key) ") else { continue }
                let end = lowered[..<range.upperBound].split(separator: " ").count
                if best == nil || key.count > best!.length { best = (field, key.count, end) }
            }
        }
        return best.map { ($0.field, $0.end) }
    }

    /// In "meine Straße ist Hauptstraße 5", the text after "ist" (or after ":"), from the original
    /// text so that capitals and digits stay.
    private static func valueAfterName(_ text: String, nameEnd: Int, words: [String]) -> String? {
        guard nameEnd < words.count,
            ["ist", "lautet", "sind", "war", "heisst", "soll", "is", "should"].contains(words[nameEnd]) || text.contains(":")
        else {
            return nil
        }
        let separators = [" ist ", " lautet ", " sind ", " heißt ", " heisst ", " soll ", " is ", " should be ", ": "]
        let lowered = text.lowercased()
        let cut = separators.compactMap { lowered.range(of: $0) }.min { $0.lowerBound < $1.lowerBound }
        guard let cut else { return nil }
        let offset = lowered.distance(from: lowered.startIndex, to: cut.upperBound)
        var value = String(text.dropFirst(offset))
        for suffix in [" sein", " werden"] where value.lowercased().hasSuffix(suffix) { value = String(value.dropLast(suffix.count)) }
        let trimmed = value.trimmed
        return trimmed.isEmpty ? nil : trimmed
    }

    /// A message that is a question about something else rather than an answer: the answer did not
    /// fit, or it is free text that ends with a question mark.
    private static func looksLikeQuestion(_ text: String, result: Result<FieldValue, FieldValidator.Rejection>, field: FormField) -> Bool {
        if case .failure = result { return true }
        if case .text = field.kind { return text.hasSuffix("?") }
        return false
    }
}
