import Foundation
import RathausCatalog
import RathausUnderstanding

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
    /// The engine of the town's catalogue, in German.
    let rootEngine: ChatEngine
    /// The engine that answers in the conversation's language.
    var engine: ChatEngine { rootEngine.engine(for: language) }
    var catalog: Catalog { engine.catalog }
    private var matcher: IntentMatcher { engine.matcher }
    var composer: AnswerComposer { engine.composer }
    let sink: (any ApplicationSink)?
    let today: @Sendable () -> CalendarDate
    let now: @Sendable () -> TownTime
    private let retentionDays: Int
    /// What the turn being answered did so far (see ``TurnFacts``); reset at every turn.
    var facts = TurnFacts()

    /// The service the previous answer was about.
    public var currentService: String? { snapshot.currentService }
    /// The two services offered in "Meinten Sie A oder B?", until the citizen chooses.
    public var pendingChoice: [String]? { snapshot.pendingChoice }
    /// The application in progress.
    public var dialog: FormDialog? { snapshot.dialog }
    /// The language the conversation is answered in (German until one is chosen or detected).
    public var language: Language { snapshot.language ?? .german }

    /// Continues the conversation `snapshot` (a new one: `Snapshot(id:)`) with `engine`. Confirmed
    /// applications go to `sink`; `today` fixes the date for relative dates in forms and `now` the
    /// moment for opening hours (tests); drafts are said to be deleted after `retentionDays`.
    public init(
        engine: ChatEngine, snapshot: Snapshot, sink: (any ApplicationSink)? = nil, retentionDays: Int = 30,
        today: @escaping @Sendable () -> CalendarDate = { CalendarDate.today() },
        now: @escaping @Sendable () -> TownTime = { TownTime.current() }
    ) {
        self.snapshot = snapshot
        self.rootEngine = engine
        self.sink = sink
        self.today = today
        self.now = now
        self.retentionDays = retentionDays
    }

    /// Answers one turn: inside an application the dialog takes it; otherwise a question about
    /// costs, documents, duration, deadlines, place or the online service gets that part first,
    /// and a follow-up without a service of its own refers to the previous one.
    /// A department's request for documents since the last turn is told first. The third message
    /// in a row that is not understood gets the offer of a human instead (see ``offerHumanHelp(because:)``).
    public mutating func respond(to utterance: Utterance) -> Turn {
        let formBefore = snapshot.dialog?.formID
        facts = TurnFacts()
        if let switched = switchLanguage(for: utterance) { return switched }
        detectLanguage(of: utterance)
        let notices = documentRequestNotices()
        let missesBefore = snapshot.missedTurns
        let answer = reply(to: utterance)
        // A miss counts itself (``notUnderstood(offersForms:)``); any other turn ends the row.
        if snapshot.missedTurns == missesBefore { snapshot.missedTurns = nil }
        let turn = notices.isEmpty ? answer : answer.withReplies(notices + answer.replies)
        return turn.withFacts(finishedFacts(of: turn, formBefore: formBefore)).in(language)
    }

    /// The document field the conversation's application asks for now, nil when it asks for none.
    public var awaitedDocument: FormField? {
        guard let dialog = snapshot.dialog, let form = catalog.forms[dialog.formID] else { return nil }
        return dialog.awaitedDocument(in: form)
    }

    /// Takes `document`, a file the citizen sent and the caller stored, as the answer to the
    /// document field asked now (see ``awaitedDocument``); nil when none is asked.
    public mutating func attach(_ document: AttachedDocument) -> Turn? {
        guard var dialog = snapshot.dialog, let form = catalog.forms[dialog.formID],
            let outcome = dialog.attach(document, form: form, context: context(for: form, utterance: nil))
        else { return nil }
        snapshot.dialog = dialog
        facts = TurnFacts(kind: .form)
        let answered = turn(outcome.replies, intent: nil)
        return answered.withFacts(finishedFacts(of: answered, formBefore: form.id)).in(language)
    }

    /// A turn that only says `message`, with the conversation's state as it stands (a refused file).
    public func turn(saying message: String) -> Turn {
        turn([message], intent: nil)
    }

    /// The answer to one turn, without notices.
    private mutating func reply(to utterance: Utterance) -> Turn {
        guard !utterance.isEmpty else { return turn([catalog.text(.emptyMessage)], intent: nil) }
        if let dialog = snapshot.dialog, let form = catalog.forms[dialog.formID] {
            return continueForm(utterance, dialog: dialog, form: form)
        }
        if let helpful = Self.feedback(in: utterance) {
            return feedbackTurn(helpful: helpful)
        }
        if let offer = snapshot.notificationOffer {
            snapshot.notificationOffer = nil
            if let reply = answerNotificationOffer(utterance, offer: offer) { return turn([reply], intent: nil) }
        }
        if let query = snapshot.statusQuery, let reply = continueStatusQuery(utterance, query: query) {
            return turn([reply], intent: Self.statusIntent)
        }
        if let offered = snapshot.offeredForm, let form = catalog.forms[offered] {
            snapshot.offeredForm = nil
            let prefilled = snapshot.offeredValues
            snapshot.offeredValues = [:]
            // Only a short reply is a yes or no to the offer; a longer one is a new question.
            let isShortReply = utterance.words.count <= 4
            switch isShortReply ? FieldValidator.yesNo(utterance.text) : nil {
            case true?:
                facts.kind = .form
                return startForm(form, prefilled: prefilled)
            case false?:
                return turn([catalog.text(.offerDeclined)], intent: nil)
            case nil:
                break
            }
        }
        return answer(utterance)
    }

    /// The answer outside a form (also to a question asked in the middle of one, which offers no
    /// other form: `offersForms` is false then).
    private mutating func answer(_ utterance: Utterance, offersForms: Bool = true) -> Turn {
        if let choices = snapshot.pendingChoice {
            snapshot.pendingChoice = nil
            if let chosen = resolve(utterance, among: choices) {
                facts.resolvesClarification = true
                snapshot.currentService = chosen
                // "was kostet der neue" chooses and asks for a part at once.
                return serviceAnswer(chosen, aspect: Aspect.read(utterance, in: language).aspect, request: utterance, offersForms: offersForms)
            }
        }
        let (aspect, isFollowUp) = Aspect.read(utterance, in: language)
        if let named = engine.departments.department(in: utterance), let department = catalog.departments[named.id],
            asksAboutDepartment(utterance, aspect: aspect, nameWords: named.words)
        {
            facts.kind = .answered
            facts.department = department.id
            return turn([departmentAnswer(department, aspect: aspect, utterance: utterance)], intent: nil)
        }
        if let aspect, isFollowUp {
            guard let service = snapshot.currentService else {
                return turn([catalog.text(.whichService)], intent: nil)
            }
            return serviceAnswer(service, aspect: aspect, request: utterance, offersForms: offersForms)
        }
        let match = matcher.match(utterance)
        guard let intent = match.intent else {
            // The aspect's words may have hidden the service ("welches Gesetz schreibt die Ummeldung vor").
            if aspect != nil, let service = serviceWithoutAspectWords(utterance), catalog.knowledge[service] != nil {
                snapshot.currentService = service
                return serviceAnswer(service, aspect: aspect, request: utterance, offersForms: offersForms)
            }
            facts.kind = .unanswered
            return notUnderstood(offersForms: offersForms)
        }
        if intent == Self.statusIntent, sink != nil {
            if let reply = continueStatusQuery(utterance, query: .init(reference: nil)) { return turn([reply], intent: intent) }
            snapshot.statusQuery = .init(reference: nil)
        }
        if intent == Self.humanIntent, offersForms, catalog.forms[intent] != nil {
            return offerHumanHelp(because: .asked)
        }
        if intent == Self.privacyIntent, Self.asksForDeletion(utterance) {
            let deleted = catalog.text(.conversationDeleted)
            // Everything goes but the language, so that the answer and what follows stay in it.
            let language = snapshot.language
            snapshot = Snapshot(id: snapshot.id, offeredValues: [:])
            snapshot.language = language
            return Turn(conversation: id, replies: [deleted], intent: intent, erasesConversation: true)
        }
        if let runnerUp = match.closeRunnerUp(),
            let first = catalog.knowledge[intent], let second = catalog.knowledge[runnerUp.intent]
        {
            // "hundesteuer telefonnummer": the words of the aspect say which part, the others which
            // service; matched alone, they may well decide between the two.
            if aspect != nil, let decided = serviceWithoutAspectWords(utterance), [first.id, second.id].contains(decided) {
                if catalog.knowledge[decided] != nil { snapshot.currentService = decided }
                return serviceAnswer(decided, aspect: aspect, request: utterance, offersForms: offersForms)
            }
            snapshot.pendingChoice = [first.id, second.id]
            facts.kind = .clarification
            let question = catalog.text(.clarification, ["first": first.name, "second": second.name])
            return turn(["\(question)\n1. \(first.name)\n2. \(second.name)"], intent: nil)
        }
        if catalog.knowledge[intent] != nil { snapshot.currentService = intent }
        if offersForms, let form = catalog.forms[intent], aspect == nil, Self.wantsToApply(utterance), !catalog.town.withdrawn.contains(intent) {
            return startForm(form, prefilled: prefill(form, from: utterance))
        }
        // "Was kostet ein Reisepass?" – "Und ein Personalausweis?": the same part of the next service.
        let continued = aspect == nil && utterance.words.first == "und" ? snapshot.currentAspect : nil
        return serviceAnswer(intent, aspect: aspect ?? continued, request: utterance, offersForms: offersForms)
    }

    /// The answer about `intent` (the part `aspect` asks for, else the overview), the offer of
    /// its form when it has one, and the parts to ask for next.
    private mutating func serviceAnswer(_ intent: String, aspect: Aspect?, request: Utterance, offersForms: Bool) -> Turn {
        if catalog.town.withdrawn.contains(intent), let entry = catalog.knowledge[intent] {
            // A shared service this town does not offer (`nicht_angeboten:`): said so, not answered.
            let department = catalog.fallbackDepartment?.name ?? catalog.town.name
            return turn(
                [catalog.text(.serviceNotOffered, ["service": entry.name, "town": catalog.town.name, "department": department])], intent: intent)
        }
        snapshot.currentAspect = aspect
        let offered = offersForms ? offer(intent, request: request) : []
        let suggestions = composer.suggestions(for: intent, after: aspect, formOffered: !offered.isEmpty)
        return turn([answerText(intent, aspect: aspect, request: request)] + offered, intent: intent, suggestions: suggestions)
    }

    /// The service the words of `utterance` other than its aspect words name beyond doubt, if any.
    private func serviceWithoutAspectWords(_ utterance: Utterance) -> String? {
        let rest = utterance.words.filter { Aspect.read(Utterance($0), in: language).aspect == nil }
        guard !rest.isEmpty, rest.count < utterance.words.count else { return nil }
        let match = matcher.match(Utterance(rest.joined(separator: " ")))
        return match.closeRunnerUp() == nil ? match.intent : nil
    }

    /// The answer about `intent`; a question about opening hours that names a day ("kann ich da
    /// samstags hin") is answered for that day.
    private func answerText(_ intent: String, aspect: Aspect?, request: Utterance) -> String {
        if aspect == .hours, let entry = catalog.knowledge[intent], let department = catalog.departments[entry.departmentID],
            let day = dayAnswer(department, utterance: request)
        {
            return entry.name + "\n" + day
        }
        return composer.answer(for: intent, aspect: aspect)
    }

    /// True when a message that names a department asks about the department itself: for its
    /// address, hours, phone or e-mail, or naming nothing but the department ("Bürgeramt?").
    private func asksAboutDepartment(_ utterance: Utterance, aspect: Aspect?, nameWords: Range<Int>) -> Bool {
        if let aspect { return Aspect.departmentAspects.contains(aspect) }
        return utterance.words.indices.allSatisfy { index in
            nameWords.contains(index) || TextAnalyzer.stopWords.contains(utterance.words[index])
        }
    }

    /// A department's fact: its hours (for the day the message names, if any), address, phone or
    /// e-mail; its whole contact when the message names no aspect.
    private func departmentAnswer(_ department: Department, aspect: Aspect?, utterance: Utterance) -> String {
        if aspect == .hours || aspect == nil, let day = dayAnswer(department, utterance: utterance) { return day }
        return composer.departmentFact(aspect ?? .everything, of: department)
    }

    /// Whether `department` is open on the day `utterance` names; nil when it names none or the
    /// department's hours are only text.
    private func dayAnswer(_ department: Department, utterance: Utterance) -> String? {
        guard DayReference.mayNameDay(utterance),
            let answer = OpeningHoursAnswer(department: department, holidays: engine.holidays, texts: catalog.dialogTexts)
        else { return nil }
        let moment = now()
        return DayReference(utterance, now: moment).map { answer.text(for: $0, now: moment) }
    }

    /// The aspect of a question asked inside a form about the form's own service ("und was kostet
    /// das?", "welche Unterlagen brauche ich dafür?"), nil for anything else.
    private func questionAboutOwnService(_ utterance: Utterance, form: FormDefinition) -> Aspect? {
        guard catalog.knowledge[form.id] != nil else { return nil }
        let (aspect, isFollowUp) = Aspect.read(utterance, in: language)
        guard let aspect, aspect != .everything else { return nil }
        // "kostet das was" asks without a question mark (a one- or two-word reply such as "E-Mail" is
        // an answer to the field); a question naming a service must be about this one.
        if isFollowUp, Self.looksLikeQuestion(utterance) || utterance.words.count >= 3 { return aspect }
        return Self.looksLikeQuestion(utterance) && matcher.match(utterance).intent == form.id ? aspect : nil
    }

    /// The offer of the online application after an answer about a service that has one.
    private mutating func offer(_ intent: String, request: Utterance) -> [String] {
        guard let form = catalog.forms[intent] else { return [] }
        snapshot.offeredForm = form.id
        snapshot.offeredValues = prefill(form, from: request)
        return [catalog.text(.formOffer, ["title": form.title])]
    }

    private mutating func startForm(_ form: FormDefinition, prefilled: [String: FieldValue]) -> Turn {
        snapshot.offeredForm = nil
        var dialog = FormDialog(form: form, prefilled: prefilled)
        let replies = dialog.begin(form: form, context: context(for: form, utterance: nil))
        snapshot.dialog = dialog
        return turn(replies, intent: form.id)
    }

    private mutating func continueForm(_ utterance: Utterance, dialog: FormDialog, form: FormDefinition) -> Turn {
        if let aspect = questionAboutOwnService(utterance, form: form), let question = currentQuestion {
            // Answered, and the form goes on at the same question.
            return turn([composer.answer(for: form.id, aspect: aspect), catalog.text(.continueWithForm, ["question": question])], intent: form.id)
        }
        var dialog = dialog
        let outcome = dialog.handle(utterance, form: form, context: context(for: form, utterance: utterance))
        snapshot.dialog = dialog
        if outcome.action != .answerElsewhere {
            facts.kind = .form
            facts.rejectedField = outcome.rejectedField
        }
        switch outcome.action {
        case .discard?:
            snapshot.dialog = nil
            return turn(outcome.replies, intent: nil)
        case .answerElsewhere?:
            let answered = answer(utterance, offersForms: false)
            snapshot.offeredForm = nil
            snapshot.dialog = dialog
            return turn(answered.replies + [dialog.offerToContinue(form: form, texts: catalog.dialogTexts)], intent: answered.intent)
        case .submit?:
            return submit(dialog, form: form)
        case nil:
            return turn(outcome.replies, intent: nil)
        }
    }

    private mutating func submit(_ dialog: FormDialog, form: FormDefinition) -> Turn {
        // The department gets the German service name; the values are the same in every language.
        let entry = rootEngine.catalog.knowledge[form.id]
        let data = dialog.submittedValues(in: form).map {
            SubmittedApplication.Entry(field: $0.field.id, type: $0.field.kind.typeName, value: $0.value)
        }
        var application = SubmittedApplication(
            id: SubmissionID.make(conversation: id, form: form.id, earlierSubmissions: snapshot.submittedReferences?.count ?? 0, data: data),
            conversationID: id, formID: form.id, schemaVersion: form.schemaVersion,
            serviceName: entry?.name ?? rootEngine.catalog.forms[form.id]?.title ?? form.title, serviceKey: entry?.serviceKey ?? "local:\(form.id)",
            departmentID: form.department, data: data, includesTranscript: Self.agreesToTranscript(dialog, form: form))
        application.language = language
        let department = catalog.departments[form.department]?.name ?? form.department
        do {
            guard let sink else { throw SinkMissing() }
            let reference = try sink.submit(application)
            snapshot.dialog = nil
            snapshot.submittedReferences = (snapshot.submittedReferences ?? []) + [reference]
            let text = catalog.text(.submitted, ["reference": reference, "department": department, "next_steps": form.nextSteps])
            // With an e-mail address in the form, the citizen may ask to be told of each step.
            let address = application.data.first { $0.type == "email" }.flatMap { entry -> String? in
                if case .text(let text) = entry.value { return text } else { return nil }
            }
            guard let address else {
                return Turn(conversation: id, replies: [text], intent: nil, state: .submitted, form: form.id, reference: reference)
            }
            snapshot.notificationOffer = .init(reference: reference, address: address)
            let offer = catalog.text(.notificationOffer, ["address": address])
            return Turn(
                conversation: id, replies: [text, offer], intent: nil, state: .submitted, form: form.id,
                expecting: Expecting(field: Self.notificationField, type: "yes_no", choices: nil), reference: reference)
        } catch {
            var waiting = dialog
            waiting.returnToSummary()
            snapshot.dialog = waiting
            return turn([catalog.text(.notStored)], intent: nil)
        }
    }

    private struct SinkMissing: Error {}

    /// A turn with the state, form and expected answer of the conversation as it now stands.
    func turn(_ replies: [String], intent: String?, suggestions: [Suggestion] = []) -> Turn {
        guard let dialog = snapshot.dialog, let form = catalog.forms[dialog.formID] else {
            return Turn(conversation: id, replies: replies, intent: intent, suggestions: suggestions)
        }
        let expecting: Expecting
        switch dialog.phase {
        case .privacy: expecting = Expecting(field: "einwilligung", type: "yes_no", choices: nil)
        case .confirmingCancel: expecting = Expecting(field: "abbrechen", type: "yes_no", choices: nil)
        case .paused: expecting = Expecting(field: "weitermachen", type: "yes_no", choices: nil)
        case .summary: expecting = Expecting(field: "absenden", type: "yes_no", choices: nil)
        default:
            let field = dialog.currentField(in: form)
            expecting = Expecting(
                field: field?.id ?? "absenden", type: field?.kind.typeName ?? "yes_no",
                choices: field?.kind.options?.map(\.label))
        }
        return Turn(
            conversation: id, replies: replies, intent: intent, state: dialog.phase == .summary ? .confirm : .form,
            form: form.id, expecting: expecting)
    }

    private func context(for form: FormDefinition, utterance: Utterance?) -> FormDialog.Context {
        let department = catalog.departments[form.department] ?? catalog.fallbackDepartment
        var isQuestionElsewhere = false
        if let utterance, Self.looksLikeQuestion(utterance) {
            let match = matcher.match(utterance)
            isQuestionElsewhere =
                match.intent.map { $0 != form.id && catalog.knowledge[$0] != nil } ?? false
                && match.closeRunnerUp() == nil
        }
        return FormDialog.Context(
            today: today(), departmentName: department?.name ?? form.department,
            departmentContact: department.map { "\(catalog.text(.phone)) \($0.phone), \(catalog.text(.email)) \($0.email)" } ?? "",
            retentionDays: retentionDays, isQuestionElsewhere: isQuestionElsewhere, texts: catalog.dialogTexts)
    }

    /// Values the request already holds: a date, a postal code, an e-mail address, each for the
    /// first field of its type, when it passes that field's checks.
    private func prefill(_ form: FormDefinition, from request: Utterance) -> [String: FieldValue] {
        var values: [String: FieldValue] = [:]
        let text = request.text
        for type in Self.prefilledTypes {
            guard let index = form.fields.indices.first(where: { form.fields[$0].condition == nil && form.fields[$0].kind.typeName == type })
            else { continue }
            let candidates: [String]
            switch type {
            case "date":
                let mayHoldDate = request.containsNumber || request.words.contains(where: Self.dateWords.contains)
                candidates = mayHoldDate ? [text] : []
            case "plz":
                guard request.containsNumber else { continue }
                candidates = text.split(separator: " ").map(String.init).filter { $0.count == 5 && $0.allSatisfy(\.isNumber) }
            default:
                guard text.contains("@") else { continue }
                candidates = text.split(separator: " ").map(String.init).filter { $0.contains("@") }
            }
            for candidate in candidates {
                if case .success(let value) = FieldValidator.validate(candidate, for: form.fields[index], today: today(), texts: catalog.dialogTexts)
                {
                    values[form.fields[index].id] = value
                    break
                }
            }
        }
        return values
    }

    /// The field types a request can prefill, in the order they are looked for.
    private static let prefilledTypes = ["date", "plz", "email"]

    /// Folded words that name a day („morgen“, „Freitag“).
    private static let dateWords: Set<String> = [
        "heute", "morgen", "ubermorgen", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag",
    ]

    /// A message that reads as a question rather than as an answer to a field: it has a question
    /// mark or starts with a question word.
    static func looksLikeQuestion(_ utterance: Utterance) -> Bool {
        guard let first = utterance.words.first else { return false }
        return utterance.hasQuestionMark || questionWords.contains(first)
    }

    /// Folded words that open a question.
    private static let questionWords: Set<String> = [
        "wie", "was", "wo", "wann", "welche", "welcher", "welches", "wer", "warum", "wieso", "kann", "gibt",
    ]

    /// True when the citizen asks to apply rather than asks about it: "ich will meinen Hund
    /// anmelden", "Antrag stellen", "Sperrmüll am 12.5. abholen".
    static func wantsToApply(_ utterance: Utterance) -> Bool {
        let words = utterance.words
        guard !utterance.hasQuestionMark, let first = words.first, !notApplyingFirstWords.contains(first),
            !words.contains(where: informationWords.contains)
        else {
            return false
        }
        return words.contains(where: desireWords.contains) || words.contains("antrag") && words.contains("stellen")
            || utterance.containsNumber
    }

    /// Folded first words of a message that asks about a service rather than applies for it.
    private static let notApplyingFirstWords: Set<String> = [
        "wie", "was", "wo", "wann", "welche", "welcher", "welches", "wer", "warum", "kann", "muss", "brauche", "gibt",
        "how", "what", "where", "when", "which", "who", "why", "can", "do", "dos", "is", "are", "should",
    ]

    /// Folded words that ask for information rather than for the application ("welche Infos gibt es").
    private static let informationWords: Set<String> = [
        "info", "infos", "information", "informationen", "wissen", "erfahren", "erklaren", "erklarung", "welche", "welches",
        "know", "explain", "which",
    ]

    /// Folded words that say the citizen wants to apply.
    private static let desireWords: Set<String> = [
        "will", "mochte", "mochten", "wollen", "wurde", "wurden", "beantrage", "melde", "want", "wanna", "like", "apply",
    ]

    /// Which of the offered services the citizen chose: by number ("1", "die erste"), by name, or
    /// by a paraphrase that scores one of them higher; nil when the answer is about something else.
    private func resolve(_ utterance: Utterance, among choices: [String]) -> String? {
        let ordinals: [[String]] = [["1", "eins", "erste", "ersten", "erstes"], ["2", "zwei", "zweite", "zweiten", "zweites"]]
        for (index, names) in ordinals.enumerated() where index < choices.count && utterance.words.contains(where: names.contains) {
            return choices[index]
        }
        let ranked = matcher.rank(utterance).filter { choices.contains($0.intent) }
        guard let best = ranked.first, best.confidence >= matcher.threshold * 0.5 else { return nil }
        return best.intent
    }

    /// The intent that explains data protection.
    static let privacyIntent = "datenschutz"

    /// "lösch meine Daten", "Gespräch löschen", "delete my data", "forget this conversation".
    static func asksForDeletion(_ utterance: Utterance) -> Bool {
        utterance.words.contains {
            $0.hasPrefix("losch") || $0.hasPrefix("entfern") || $0 == "vergessen" || $0.hasPrefix("delet") || $0.hasPrefix("eras")
                || $0 == "forget" || $0 == "remove"
        }
    }

    /// The question the conversation waits for, to repeat it when it is resumed.
    public var currentQuestion: String? {
        guard let dialog = snapshot.dialog, let form = catalog.forms[dialog.formID] else { return nil }
        let texts = catalog.dialogTexts
        switch dialog.phase {
        case .summary: return dialog.summary(form: form, texts: texts)
        case .privacy: return texts(.privacyQuestion, ["title": form.title])
        case .paused: return dialog.offerToContinue(form: form, texts: texts)
        default: return dialog.currentField(in: form).map { dialog.prompt($0, texts: texts) }
        }
    }

    /// True when the intent ends the conversation (a goodbye).
    public static func isFarewell(_ intent: String?) -> Bool {
        intent == "verabschiedung"
    }
}
