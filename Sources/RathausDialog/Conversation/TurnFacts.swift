/// What one turn did, as the staff report (`rathaus report`) counts it: what kind of turn it was,
/// the intent and department answered, and where an online application stood. Never a citizen's
/// text or a form value: only ids from the catalogue.
public struct TurnFacts: Sendable, Hashable {
    /// What kind of turn it was.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A question answered: a service, a department, a referral or a conversational intent.
        case answered
        /// A question Rathaus did not understand (it answered that it cannot help with it).
        case unanswered
        /// Rathaus asked back „Meinten Sie A oder B?“.
        case clarification
        /// A turn inside an online application.
        case form
        /// The citizen's feedback on the previous answer („hilfreich“, „nicht hilfreich“).
        case feedback
        /// Anything else: an empty message, a follow-up without a service, a declined offer …
        case other
    }

    /// What happened to an online application in the turn.
    public enum FormEvent: String, Sendable, Hashable, CaseIterable {
        /// The application was started.
        case started
        /// The application went on (a field answered, rejected, corrected …).
        case step
        /// The application was stored and got its reference number.
        case submitted
        /// The application was cancelled or the privacy notice declined; its values are gone.
        case discarded
    }

    /// What kind of turn it was.
    public var kind: Kind
    /// The intent answered (kinds `answered` and a form started by a request), else nil.
    public var intent: String?
    /// The department whose service or facts the answer gave, else nil.
    public var department: String?
    /// True when the turn answered the citizen's choice after a „Meinten Sie …“.
    public var resolvesClarification: Bool
    /// The online application the turn was about, if any.
    public var form: String?
    /// What happened to ``form`` in the turn.
    public var formEvent: FormEvent?
    /// What the application asks next while it stays open: a field id, or the dialog's own
    /// questions `einwilligung` (privacy notice), `absenden` (summary), `abbrechen`, `weitermachen`.
    public var formStep: String?
    /// The field whose answer was refused in the turn (a validation error), if any.
    public var rejectedField: String?
    /// The feedback given in a `feedback` turn: true for „hilfreich“, false for „nicht hilfreich“.
    public var feedback: Bool?

    /// Facts of a turn; by default a turn of kind `other` with nothing else known.
    public init(
        kind: Kind = .other, intent: String? = nil, department: String? = nil, resolvesClarification: Bool = false, form: String? = nil,
        formEvent: FormEvent? = nil, formStep: String? = nil, rejectedField: String? = nil, feedback: Bool? = nil
    ) {
        self.kind = kind
        self.intent = intent
        self.department = department
        self.resolvesClarification = resolvesClarification
        self.form = form
        self.formEvent = formEvent
        self.formStep = formStep
        self.rejectedField = rejectedField
        self.feedback = feedback
    }

    /// True for an answer a citizen may rate („Hilfreich? Ja / Nein“): an answered or unanswered
    /// question after which no online application is open (its questions come first).
    public var isRateable: Bool { (kind == .answered || kind == .unanswered) && formStep == nil }
}
