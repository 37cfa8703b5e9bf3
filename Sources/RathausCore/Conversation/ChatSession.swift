import Foundation

/// One conversation with a citizen: each turn is matched and answered from the catalogue, and an
/// online application is filled in as a dialog (see ``FormDialog``).
///
/// Remembers the service of the previous answer, so that a follow-up such as "und was kostet
/// das?" refers to it, and the application in progress. Everything it remembers is in ``snapshot``,
/// so that a stored conversation can continue after a restart.
public struct ChatSession: Sendable {
    /// What the assistant replies to one turn.
    public struct Turn: Sendable, Hashable, Codable {
        /// The conversation this turn belongs to.
        public let conversation: String
        /// Reply texts, in order.
        public let replies: [String]
        /// The recognised intent, or nil when the turn was out of scope, empty or part of a form.
        public let intent: String?
        /// `idle`, `form`, `confirm` or `submitted`.
        public let state: State
        /// The form in progress.
        public let form: String?
        /// What the next answer is for, while a form is open.
        public let expecting: Expecting?
        /// The reference number, on the turn the application was submitted.
        public let reference: String?
        /// True when the citizen asked to delete this conversation; the caller deletes what it stored.
        public let erasesConversation: Bool

        /// Creates a turn.
        public init(conversation: String, replies: [String], intent: String?, state: State = .idle, form: String? = nil,
                    expecting: Expecting? = nil, reference: String? = nil, erasesConversation: Bool = false) {
            self.conversation = conversation
            self.replies = replies
            self.intent = intent
            self.state = state
            self.form = form
            self.expecting = expecting
            self.reference = reference
            self.erasesConversation = erasesConversation
        }

        enum CodingKeys: String, CodingKey {
            case conversation, replies, intent, state, form, expecting, reference
        }

        /// Reads a turn written by ``encode(to:)``.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(conversation: try container.decode(String.self, forKey: .conversation),
                      replies: try container.decode([String].self, forKey: .replies),
                      intent: try container.decodeIfPresent(String.self, forKey: .intent),
                      state: try container.decode(State.self, forKey: .state),
                      form: try container.decodeIfPresent(String.self, forKey: .form),
                      expecting: try container.decodeIfPresent(Expecting.self, forKey: .expecting),
                      reference: try container.decodeIfPresent(String.self, forKey: .reference))
        }

        /// Encodes `conversation`, `replies`, `intent` (null when none) and `state` always, the others when present.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(conversation, forKey: .conversation)
            try container.encode(replies, forKey: .replies)
            try container.encode(intent, forKey: .intent)
            try container.encode(state, forKey: .state)
            try container.encodeIfPresent(form, forKey: .form)
            try container.encodeIfPresent(expecting, forKey: .expecting)
            try container.encodeIfPresent(reference, forKey: .reference)
        }
    }

    /// Where the conversation stands, as `rathaus chat --json` reports it.
    public enum State: String, Sendable, Hashable, Codable {
        case idle, form, confirm, submitted
    }

    /// The answer the engine waits for.
    public struct Expecting: Sendable, Hashable, Codable {
        /// The field id (or `einwilligung`, `absenden`, `abbrechen`, `weitermachen` for the dialog's own questions).
        public let field: String
        /// The field type.
        public let type: String
        /// The option labels of a choice field, else nil.
        public let choices: [String]?

        /// Encodes all three keys; `choices` as null when there are none.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(field, forKey: .field)
            try container.encode(type, forKey: .type)
            try container.encode(choices, forKey: .choices)
        }
    }

    /// What a conversation remembers between turns; stored to continue after a restart.
    public struct Snapshot: Sendable, Hashable, Codable {
        /// The conversation id.
        public var id: String
        /// The service of the previous answer.
        public var currentService: String?
        /// The two services of a pending "Meinten Sie A oder B?".
        public var pendingChoice: [String]?
        /// The form offered for the previous answer.
        public var offeredForm: String?
        /// Values from the request that led to the offer.
        public var offeredValues: [String: FieldValue]
        /// The application in progress.
        public var dialog: FormDialog?
        /// Reference numbers of the applications submitted in this conversation.
        public var submittedReferences: [String]?
        /// A status question in progress: nil reference while waiting for it, else waiting for
        /// the postal code or e-mail address that proves the application is the citizen's.
        public var statusQuery: StatusQuery?

        /// A question about an application's state.
        public struct StatusQuery: Sendable, Hashable, Codable {
            /// The reference number, once given.
            public var reference: String?
        }

        /// A snapshot of a conversation that has just started.
        public init(id: String, currentService: String? = nil, pendingChoice: [String]? = nil, offeredForm: String? = nil,
                    offeredValues: [String: FieldValue] = [:], dialog: FormDialog? = nil) {
            self.id = id
            self.currentService = currentService
            self.pendingChoice = pendingChoice
            self.offeredForm = offeredForm
            self.offeredValues = offeredValues
            self.dialog = dialog
        }
    }

    /// A random id for this conversation.
    public var id: String { snapshot.id }
    /// Everything the conversation remembers.
    public private(set) var snapshot: Snapshot
    private let matcher: IntentMatcher
    private let composer: AnswerComposer
    private let catalog: Catalog
    private let sink: (any ApplicationSink)?
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
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
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
            switch FieldValidator.yesNo(trimmed) {
            case true? where TextNormalizer.tokens(trimmed).count <= 4:
                return startForm(form, prefilled: prefilled)
            case false? where TextNormalizer.tokens(trimmed).count <= 4:
                return turn(["In Ordnung. Fragen Sie gern weiter."], intent: nil)
            default:
                break
            }
        }
        return answer(trimmed)
    }

    /// The answer outside a form (also to a question asked in the middle of one, which offers no
    /// other form: `offersForms` is false then).
    private mutating func answer(_ trimmed: String, offersForms: Bool = true) -> Turn {
        if let choices = snapshot.pendingChoice {
            snapshot.pendingChoice = nil
            if let chosen = resolve(trimmed, among: choices) {
                snapshot.currentService = chosen
                return turn([composer.answer(for: chosen)] + (offersForms ? offer(chosen, request: trimmed) : []), intent: chosen)
            }
        }
        let (aspect, isFollowUp) = Aspect.read(trimmed)
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
        if offersForms, let form = catalog.forms[intent], aspect == nil, Self.wantsToApply(trimmed) {
            return startForm(form, prefilled: prefill(form, from: trimmed))
        }
        return turn([composer.answer(for: intent, aspect: aspect)] + (offersForms ? offer(intent, request: trimmed) : []), intent: intent)
    }

    /// The offer of the online application after an answer about a service that has one.
    private mutating func offer(_ intent: String, request: String) -> [String] {
        guard let form = catalog.forms[intent] else { return [] }
        snapshot.offeredForm = form.id
        snapshot.offeredValues = prefill(form, from: request)
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
    /// first field of its type, when it passes that field's checks.
    private func prefill(_ form: FormDefinition, from text: String) -> [String: FieldValue] {
        var values: [String: FieldValue] = [:]
        let words = text.split(separator: " ").map(String.init)
        for type in ["date", "plz", "email"] {
            guard let field = form.fields.first(where: { $0.kind.typeName == type && $0.condition == nil }) else { continue }
            let candidates: [String]
            switch type {
            case "date": candidates = text.contains(where: \.isNumber) || Self.hasDateWord(text) ? [text] : []
            case "plz": candidates = words.filter { $0.count == 5 && $0.allSatisfy(\.isNumber) }
            default: candidates = words.filter { $0.contains("@") }
            }
            for candidate in candidates {
                if case .success(let value) = FieldValidator.validate(candidate, for: field, today: today()) {
                    values[field.id] = value
                    break
                }
            }
        }
        return values
    }

    private static func hasDateWord(_ text: String) -> Bool {
        let words = Set(TextNormalizer.tokens(text))
        return !words.isDisjoint(with: ["heute", "morgen", "ubermorgen", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag"])
    }

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
    static func wantsToApply(_ text: String) -> Bool {
        let words = TextNormalizer.tokens(text)
        guard !text.contains("?"), let first = words.first,
              !["wie", "was", "wo", "wann", "welche", "welcher", "welches", "wer", "warum", "kann", "muss", "brauche", "gibt"].contains(first) else {
            return false
        }
        let desire = ["will", "mochte", "mochten", "wollen", "wurde", "wurden", "beantrage", "melde"]
        return words.contains(where: desire.contains) || words.contains("antrag") && words.contains("stellen")
            || text.contains(where: \.isNumber)
    }

    /// Which of the offered services the citizen chose: by number ("1", "die erste"), by name, or
    /// by a paraphrase that scores one of them higher; nil when the answer is about something else.
    private func resolve(_ text: String, among choices: [String]) -> String? {
        let words = TextNormalizer.tokens(text)
        let ordinals: [[String]] = [["1", "eins", "erste", "ersten", "erstes"], ["2", "zwei", "zweite", "zweiten", "zweites"]]
        for (index, names) in ordinals.enumerated() where index < choices.count && words.contains(where: names.contains) {
            return choices[index]
        }
        let ranked = matcher.rank(text).filter { choices.contains($0.intent) }
        guard let best = ranked.first, best.confidence >= matcher.threshold * 0.5 else { return nil }
        return best.intent
    }

    /// The intent of questions about an application's state.
    static let statusIntent = "antragsstatus"

    /// The next step of a status question, or nil when the message holds nothing for it (then it
    /// is answered as any other message and the question ends).
    private mutating func continueStatusQuery(_ text: String, query: Snapshot.StatusQuery) -> String? {
        guard let sink else { return nil }
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
        let proof = TextNormalizer.tokens(text).filter { $0.count == 5 && $0.allSatisfy(\.isNumber) }
            + text.split(separator: " ").map { $0.lowercased().trimmingCharacters(in: .punctuationCharacters) }.filter { $0.contains("@") }
        guard own || proof.contains(where: status.identifiers.contains) else {
            if named == nil, proof.isEmpty {
                // Something else was asked instead of the proof: the status question ends.
                snapshot.statusQuery = nil
                return nil
            }
            snapshot.statusQuery = query
            if !proof.isEmpty {
                return "Die Angabe passt nicht zu diesem Antrag. Nennen Sie bitte die Postleitzahl oder die E-Mail-Adresse, die Sie im Antrag angegeben haben."
            }
            return "Zum Schutz Ihrer Daten: Nennen Sie bitte die Postleitzahl oder die E-Mail-Adresse, die Sie im Antrag angegeben haben."
        }
        snapshot.statusQuery = nil
        let department = catalog.departments[status.departmentID]?.name ?? status.departmentID
        switch status.state {
        case .received:
            return "Ihr Antrag \(status.reference) ist bei uns eingegangen und wird an \(department) übermittelt."
        case .delivered:
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "de_DE")
            formatter.timeZone = TimeZone(identifier: "Europe/Berlin")
            formatter.dateFormat = "d.M.yyyy 'um' HH:mm 'Uhr'"
            let when = status.deliveredAt.map { " am \(formatter.string(from: $0))" } ?? ""
            return "Ihr Antrag \(status.reference) wurde\(when) an \(department) übermittelt. Die Stelle bearbeitet ihn und meldet sich bei Ihnen."
        case .retrying:
            return "Ihr Antrag \(status.reference) ist eingegangen; die Übermittlung an \(department) wird gerade wiederholt. Es geht nichts verloren."
        case .problem:
            return "Bei der Übermittlung Ihres Antrags \(status.reference) gibt es ein Problem. Die Stadtverwaltung ist informiert und kümmert sich darum; es geht nichts verloren."
        }
    }

    /// A reference number such as "MS-2026-000042" in `text`.
    static func reference(in text: String) -> String? {
        let pattern = /[A-Za-z]{2,4}-\d{4}-\d{6}/
        return text.firstMatch(of: pattern).map { String($0.output).uppercased() }
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
