import Foundation

/// One conversation with a citizen: each turn is matched and answered from the catalogue, and an
/// online application is filled in as a dialog (see ``FormDialog``).
///
/// Remembers the service of the previous answer, so that a follow-up such as "und was kostet
/// das?" refers to it, and the application in progress. Everything it remembers is in ``snapshot``,
/// so that a stored conversation can continue after a restart.
public struct ChatSession: Sendable {
    /// A random id for this conversation.
    public var id: String { snapshot.id }
    /// Everything the conversation remembers.
    public internal(set) var snapshot: Snapshot
    private let matcher: IntentMatcher
    private let composer: AnswerComposer
    let catalog: Catalog
    let sink: (any ApplicationSink)?
    private let today: @Sendable () -> CalendarDate
    private let retentionDays: Int

    /// The service the previous answer was about.
    public var currentService: String? { snapshot.currentService }
    /// The two services offered in "Meinten Sie A oder B?", until the citizen chooses.
    public var pendingChoice: [String]? { snapshot.pendingChoice }
    /// The application in progress.
    public var dialog: FormDialog? { snapshot.dialog }

    /// Starts a conversation over `catalog`, reusing a matcher built for it. Confirmed applications
    /// go to `sink`; `today` fixes the date for relative dates (tests); drafts are said to be
    /// deleted after `retentionDays`.
    public init(catalog: Catalog, matcher: IntentMatcher, id: String = UUID().uuidString.lowercased(),
                sink: (any ApplicationSink)? = nil, retentionDays: Int = 30,
                today: @escaping @Sendable () -> CalendarDate = { CalendarDate.today() }) {
        self.snapshot = Snapshot(id: id, offeredValues: [:])
        self.catalog = catalog
        self.matcher = matcher
        self.composer = AnswerComposer(catalog: catalog)
        self.sink = sink
        self.today = today
        self.retentionDays = retentionDays
    }

    /// Continues a stored conversation.
    public init(catalog: Catalog, matcher: IntentMatcher, snapshot: Snapshot, sink: (any ApplicationSink)? = nil,
                retentionDays: Int = 30, today: @escaping @Sendable () -> CalendarDate = { CalendarDate.today() }) {
        self.init(catalog: catalog, matcher: matcher, id: snapshot.id, sink: sink, retentionDays: retentionDays, today: today)
        self.snapshot = snapshot
    }

    /// The first message of a web conversation.
    public var webWelcome: String {
        let town = catalog.fallbackDepartment?.address.city ?? "Ihrer Stadt"
        return "Guten Tag! Ich bin der digitale Assistent der Stadt \(town). Stellen Sie Ihre Frage in eigenen Worten, "
            + "zum Beispiel „Was kostet ein Reisepass?“."
    }

    /// The welcome shown when a conversation starts on a terminal, with the privacy note.
    public var welcome: String {
        let town = catalog.fallbackDepartment?.address.city ?? "Ihrer Stadt"
        return """
        Willkommen beim digitalen Assistenten der Stadt \(town).
        Stellen Sie Ihre Frage in eigenen Worten, z. B. „Was kostet ein Reisepass?“.
        Datenschutz: Fragen beantworte ich anonym. Nur wenn Sie einen Antrag stellen, speichere ich die Angaben, die er braucht.
        Beenden mit „tschüss“ oder Strg+D.
        """
    }

    /// Answers one turn: inside an application the dialog takes it; otherwise a question about
    /// costs, documents, duration, deadlines, place or the online service gets that part first,
    /// and a follow-up without a service of its own refers to the previous one.
    public mutating func respond(to text: String) -> Turn {
        let trimmed = text.trimmed
        guard !trimmed.isEmpty else { return turn(["Bitte schreiben Sie Ihre Frage."], intent: nil) }
        if let dialog = snapshot.dialog, let form = catalog.forms[dialog.formID] {
            return continueForm(trimmed, dialog: dialog, form: form)
        }
        if let query = snapshot.statusQuery, let reply = continueStatusQuery(trimmed, query: query) {
            return turn([reply], intent: Self.statusIntent)
        }
        if let offered = snapshot.offeredForm, let form = catalog.forms[offered] {
            snapshot.offeredForm = nil
            let prefilled = snapshot.offeredValues
            snapshot.offeredValues = [:]
            // Only a short reply is a yes or no to the offer; a longer one is a new question.
            let isShortReply = TextNormalizer.tokens(trimmed).count <= 4
            switch isShortReply ? FieldValidator.yesNo(trimmed) : nil {
            case true?:
                return startForm(form, prefilled: prefilled)
            case false?:
                return turn(["In Ordnung. Fragen Sie gern weiter."], intent: nil)
            case nil:
                break
            }
        }
        return answer(trimmed)
    }

    /// The answer outside a form (also to a question asked in the middle of one, which offers no
    /// other form: `offersForms` is false then).
    private mutating func answer(_ trimmed: String, offersForms: Bool = true) -> Turn {
        // The folded words, once for every check below that reads them.
        let words = TextNormalizer.tokens(trimmed)
        if let choices = snapshot.pendingChoice {
            snapshot.pendingChoice = nil
            if let chosen = resolve(trimmed, words: words, among: choices) {
                snapshot.currentService = chosen
                return turn([composer.answer(for: chosen)] + (offersForms ? offer(chosen, request: trimmed, words: words) : []), intent: chosen)
            }
        }
        let (aspect, isFollowUp) = Aspect.read(words: words)
        if let aspect, isFollowUp {
            guard let service = snapshot.currentService else {
                return turn(["Zu welcher Leistung ist Ihre Frage? Nennen Sie sie bitte, z. B. „Was kostet ein Reisepass?“."], intent: nil)
            }
            return turn([composer.answer(for: service, aspect: aspect)], intent: service)
        }
        let match = matcher.match(trimmed)
        guard let intent = match.intent else { return turn([composer.outOfScopeAnswer()], intent: nil) }
        if intent == Self.statusIntent, sink != nil {
            if let reply = continueStatusQuery(trimmed, query: .init(reference: nil)) { return turn([reply], intent: intent) }
            snapshot.statusQuery = .init(reference: nil)
        }
        if intent == Self.privacyIntent, Self.asksForDeletion(trimmed) {
            snapshot = Snapshot(id: snapshot.id, offeredValues: [:])
            return Turn(conversation: id, replies: ["Ich habe dieses Gespräch mit allen Ihren Angaben gelöscht."], intent: intent,
                        erasesConversation: true)
        }
        if let runnerUp = match.closeRunnerUp(),
           let first = catalog.knowledge[intent], let second = catalog.knowledge[runnerUp.intent] {
            snapshot.pendingChoice = [first.id, second.id]
            return turn(["Meinten Sie „\(first.name)“ oder „\(second.name)“?\n1. \(first.name)\n2. \(second.name)"], intent: nil)
        }
        if catalog.knowledge[intent] != nil { snapshot.currentService = intent }
        if offersForms, let form = catalog.forms[intent], aspect == nil, Self.wantsToApply(trimmed, words: words) {
            return startForm(form, prefilled: prefill(form, from: trimmed, words: words))
        }
        return turn([composer.answer(for: intent, aspect: aspect)] + (offersForms ? offer(intent, request: trimmed, words: words) : []), intent: intent)
    }

    /// The offer of the online application after an answer about a service that has one.
    private mutating func offer(_ intent: String, request: String, words: [String]) -> [String] {
        guard let form = catalog.forms[intent] else { return [] }
        snapshot.offeredForm = form.id
        snapshot.offeredValues = prefill(form, from: request, words: words)
        return ["Sie können den Antrag „\(form.title)“ gleich hier stellen. Möchten Sie das? (Ja/Nein)"]
    }

    private mutating func startForm(_ form: FormDefinition, prefilled: [String: FieldValue]) -> Turn {
        snapshot.offeredForm = nil
        var dialog = FormDialog(form: form, prefilled: prefilled)
        let replies = dialog.begin(form: form, context: context(for: form, text: nil))
        snapshot.dialog = dialog
        return turn(replies, intent: form.id)
    }

    private mutating func continueForm(_ text: String, dialog: FormDialog, form: FormDefinition) -> Turn {
        var dialog = dialog
        let outcome = dialog.handle(text, form: form, context: context(for: form, text: text))
        snapshot.dialog = dialog
        switch outcome.action {
        case .discard?:
            snapshot.dialog = nil
            return turn(outcome.replies, intent: nil)
        case .answerElsewhere?:
            let answered = answer(text, offersForms: false)
            snapshot.offeredForm = nil
            snapshot.dialog = dialog
            return turn(answered.replies + [dialog.offerToContinue(form: form)], intent: answered.intent)
        case .submit?:
            return submit(dialog, form: form)
        case nil:
            return turn(outcome.replies, intent: nil)
        }
    }

    private mutating func submit(_ dialog: FormDialog, form: FormDefinition) -> Turn {
        let entry = catalog.knowledge[form.id]
        let application = SubmittedApplication(
            conversationID: id, formID: form.id, schemaVersion: form.schemaVersion,
            serviceName: entry?.name ?? form.title, serviceKey: entry?.serviceKey ?? "local:\(form.id)",
            departmentID: form.department,
            data: dialog.submittedValues(in: form).map { .init(field: $0.field.id, type: $0.field.kind.typeName, value: $0.value) })
        let department = catalog.departments[form.department]?.name ?? form.department
        do {
            guard let sink else { throw SinkMissing() }
            let reference = try sink.submit(application)
            snapshot.dialog = nil
            snapshot.submittedReferences = (snapshot.submittedReferences ?? []) + [reference]
            let text = "Vielen Dank! Ihr Antrag ist eingegangen. Ihre Vorgangsnummer lautet \(reference). "
                + "Er geht an: \(department). \(form.nextSteps)"
            return Turn(conversation: id, replies: [text], intent: nil, state: .submitted, form: form.id, reference: reference)
        } catch {
            var waiting = dialog
            waiting.returnToSummary()
            snapshot.dialog = waiting
            return turn(["Ihr Antrag konnte gerade nicht gespeichert werden; es ging nichts verloren. Bitte versuchen Sie es in "
                + "einigen Minuten noch einmal mit „Ja“."], intent: nil)
        }
    }

    private struct SinkMissing: Error {}

    /// A turn with the state, form and expected answer of the conversation as it now stands.
    private func turn(_ replies: [String], intent: String?) -> Turn {
        guard let dialog = snapshot.dialog, let form = catalog.forms[dialog.formID] else {
            return Turn(conversation: id, replies: replies, intent: intent)
        }
        let expecting: Expecting
        switch dialog.phase {
        case .privacy: expecting = Expecting(field: "einwilligung", type: "yes_no", choices: nil)
        case .confirmingCancel: expecting = Expecting(field: "abbrechen", type: "yes_no", choices: nil)
        case .paused: expecting = Expecting(field: "weitermachen", type: "yes_no", choices: nil)
        case .summary: expecting = Expecting(field: "absenden", type: "yes_no", choices: nil)
        default:
            let field = dialog.currentField(in: form)
            expecting = Expecting(field: field?.id ?? "absenden", type: field?.kind.typeName ?? "yes_no",
                                  choices: field?.kind.options?.map(\.label))
        }
        return Turn(conversation: id, replies: replies, intent: intent, state: dialog.phase == .summary ? .confirm : .form,
                    form: form.id, expecting: expecting)
    }

    private func context(for form: FormDefinition, text: String?) -> FormDialog.Context {
        let department = catalog.departments[form.department] ?? catalog.fallbackDepartment
        var isQuestionElsewhere = false
        if let text, Self.looksLikeQuestion(text) {
            let match = matcher.match(text)
            isQuestionElsewhere = match.intent.map { $0 != form.id && catalog.knowledge[$0] != nil } ?? false
                && match.closeRunnerUp() == nil
        }
        return FormDialog.Context(
            today: today(), departmentName: department?.name ?? form.department,
            departmentContact: department.map { "Telefon \($0.phone), E-Mail \($0.email)" } ?? "",
            retentionDays: retentionDays, isQuestionElsewhere: isQuestionElsewhere)
    }

    /// Values the request already holds: a date, a postal code, an e-mail address, each for the
    /// first field of its type, when it passes that field's checks. `folded` are the request's
    /// words as `TextNormalizer.tokens` gives them.
    private func prefill(_ form: FormDefinition, from text: String, words folded: [String]) -> [String: FieldValue] {
        var values: [String: FieldValue] = [:]
        // Most requests hold no digit and no "@": then only a date word can prefill anything, and
        // the text is split at spaces only when a postal code or an address may be in it.
        let hasNumber = Self.containsNumber(text)
        let words = hasNumber || text.utf8.contains(UInt8(ascii: "@")) ? text.split(separator: " ").map(String.init) : []
        for type in Self.prefilledTypes {
            guard let index = form.fields.indices.first(where: { form.fields[$0].condition == nil && form.fields[$0].kind.typeName == type })
            else { continue }
            let candidates: [String]
            switch type {
            case "date":
                candidates = hasNumber || folded.contains(where: Self.dateWords.contains) ? [text] : []
            case "plz": candidates = words.filter { $0.count == 5 && $0.allSatisfy(\.isNumber) }
            default: candidates = words.filter { $0.contains("@" as Character) }
            }
            for candidate in candidates {
                if case .success(let value) = FieldValidator.validate(candidate, for: form.fields[index], today: today()) {
                    values[form.fields[index].id] = value
                    break
                }
            }
        }
        return values
    }

    /// Whether `text` holds a character that is a number (`Character.isNumber`, which looks at a
    /// character's first scalar). An ASCII digit after an ASCII scalar begins a character, so it
    /// answers at once; only a text with a numeric scalar elsewhere (outside ASCII, or a digit after
    /// a scalar that might join it, such as U+0600) is read character by character.
    static func containsNumber(_ text: String) -> Bool {
        var previousIsASCII = true
        var mayHoldNumber = false
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                if scalar.value >= 0x30 && scalar.value <= 0x39 {
                    if previousIsASCII { return true }
                    mayHoldNumber = true
                }
                previousIsASCII = true
            } else {
                if scalar.properties.numericType != nil { mayHoldNumber = true }
                previousIsASCII = false
            }
        }
        return mayHoldNumber && text.contains(where: \.isNumber)
    }

    /// The field types a request can prefill, in the order they are looked for.
    private static let prefilledTypes = ["date", "plz", "email"]

    /// Folded words that name a day („morgen“, „Freitag“).
    private static let dateWords: Set<String> = [
        "heute", "morgen", "ubermorgen", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag",
    ]

    /// A message that reads as a question rather than as an answer to a field: it has a question
    /// mark or starts with a question word.
    static func looksLikeQuestion(_ text: String) -> Bool {
        let words = TextNormalizer.tokens(text)
        guard let first = words.first else { return false }
        return text.contains("?")
            || ["wie", "was", "wo", "wann", "welche", "welcher", "welches", "wer", "warum", "wieso", "kann", "gibt"].contains(first)
    }

    /// True when the citizen asks to apply rather than asks about it: "ich will meinen Hund
    /// anmelden", "Antrag stellen", "Sperrmüll am 12.5. abholen".
    /// `words` are the folded words of `text` (`TextNormalizer.tokens`).
    static func wantsToApply(_ text: String, words: [String]) -> Bool {
        // The byte test first: most texts have no "?" at all, and reading characters costs more.
        guard !(text.utf8.contains(UInt8(ascii: "?")) && text.contains("?")), let first = words.first,
              !["wie", "was", "wo", "wann", "welche", "welcher", "welches", "wer", "warum", "kann", "muss", "brauche", "gibt"].contains(first) else {
            return false
        }
        let desire = ["will", "mochte", "mochten", "wollen", "wurde", "wurden", "beantrage", "melde"]
        return words.contains(where: desire.contains) || words.contains("antrag") && words.contains("stellen")
            || containsNumber(text)
    }

    /// Which of the offered services the citizen chose: by number ("1", "die erste"), by name, or
    /// by a paraphrase that scores one of them higher; nil when the answer is about something else.
    /// `words` are the folded words of `text`.
    private func resolve(_ text: String, words: [String], among choices: [String]) -> String? {
        let ordinals: [[String]] = [["1", "eins", "erste", "ersten", "erstes"], ["2", "zwei", "zweite", "zweiten", "zweites"]]
        for (index, names) in ordinals.enumerated() where index < choices.count && words.contains(where: names.contains) {
            return choices[index]
        }
        let ranked = matcher.rank(text).filter { choices.contains($0.intent) }
        guard let best = ranked.first, best.confidence >= matcher.threshold * 0.5 else { return nil }
        return best.intent
    }

    /// The intent that explains data protection.
    static let privacyIntent = "datenschutz"

    /// "lösch meine Daten", "Gespräch löschen".
    static func asksForDeletion(_ text: String) -> Bool {
        TextNormalizer.tokens(text).contains { $0.hasPrefix("losch") || $0.hasPrefix("entfern") || $0 == "vergessen" }
    }

    /// The question the conversation waits for, to repeat it when it is resumed.
    public var currentQuestion: String? {
        guard let dialog = snapshot.dialog, let form = catalog.forms[dialog.formID] else { return nil }
        switch dialog.phase {
        case .summary: return dialog.summary(form: form)
        case .privacy: return "Sind Sie mit der Verarbeitung Ihrer Angaben für den Antrag „\(form.title)“ einverstanden? (Ja/Nein)"
        case .paused: return dialog.offerToContinue(form: form)
        default: return dialog.currentField(in: form).map(dialog.prompt)
        }
    }

    /// True when the intent ends the conversation (a goodbye).
    public static func isFarewell(_ intent: String?) -> Bool {
        intent == "verabschiedung"
    }
}
