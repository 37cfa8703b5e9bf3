import RathausCatalog
import RathausUnderstanding

/// A human when the assistant is not enough: the offer of a callback request (Rückrufbitte) to the
/// Bürgerservice, with its phone number for an immediate call while it is open.
extension ChatSession {
    /// Why a human is offered.
    public enum HumanHelpReason: String, Sendable, Hashable {
        /// The citizen asked for one ("mit einem Menschen sprechen", "Rückruf").
        case asked
        /// Several messages in a row were not understood.
        case misunderstood
        /// The citizen said the answers did not help.
        case notHelpful
    }

    /// The intent of "mit einem Menschen sprechen"; its form (`Intents/formulare/mensch-sprechen.yaml`)
    /// is the callback request.
    public static let humanIntent = "mensch-sprechen"

    /// Messages not understood in a row after which a human is offered.
    public static let missesBeforeHumanHelp = 3

    /// Offers the citizen a human: the Bürgerservice's phone number when it is open now, and the
    /// callback request, which a "ja" to the next message starts. Without the callback form in the
    /// catalogue it gives the Bürgerservice's contact instead.
    ///
    /// Every trigger calls this one function: asking for a human, the third message in a row that
    /// is not understood, and a citizen's "nicht hilfreich" (`notHelpful`).
    public mutating func offerHumanHelp(because reason: HumanHelpReason) -> Turn {
        snapshot.missedTurns = nil
        snapshot.pendingChoice = nil
        let lead: String
        switch reason {
        case .asked: lead = catalog.text(.humanAsked)
        case .misunderstood: lead = catalog.text(.humanMisunderstood)
        case .notHelpful: lead = catalog.text(.humanNotHelpful)
        }
        guard let form = catalog.forms[Self.humanIntent],
            let department = catalog.departments[form.department] ?? catalog.fallbackDepartment
        else {
            let contact = catalog.fallbackDepartment.map { composer.contact($0, lead: catalog.text(.contact)) }
            return turn([[lead, contact].compactMap { $0 }.joined(separator: "\n\n")], intent: Self.humanIntent)
        }
        snapshot.offeredForm = form.id
        snapshot.offeredValues = [:]
        return turn(
            [lead + " " + reachability(of: department), catalog.text(.callbackOffer)],
            intent: Self.humanIntent)
    }

    /// While `department` is open: "Telefonisch erreichen Sie … jetzt, heute bis 16:00 Uhr: 0 12 34 …",
    /// for a call at once; else when it opens next. Only the phone number when its hours are text.
    func reachability(of department: Department) -> String {
        guard let hours = department.hours else { return "\(catalog.text(.phone)): \(department.phone)." }
        let moment = now()
        if let open = hours.intervals(on: moment.date, holidays: engine.holidays).first(where: { $0.contains(moment.time) }) {
            return catalog.text(.phoneNow, ["department": department.name, "time": open.closes.german, "phone": department.phone])
        }
        guard let next = hours.nextOpening(after: moment.date, at: moment.time, holidays: engine.holidays) else {
            return catalog.text(.phoneUnreachable, ["department": department.name])
        }
        let day = OpeningHoursAnswer.dayName(next.date, texts: catalog.dialogTexts)
        return catalog.text(.phoneAgain, ["department": department.name, "day": day, "time": next.interval.opens.german])
    }

    /// The answer to a message that was not understood; the third in a row offers a human instead.
    /// Inside a form (`offersForms` false) nothing is counted: the form has its own help.
    mutating func notUnderstood(offersForms: Bool) -> Turn {
        guard offersForms else { return turn([composer.outOfScopeAnswer()], intent: nil) }
        let misses = (snapshot.missedTurns ?? 0) + 1
        guard misses >= Self.missesBeforeHumanHelp else {
            snapshot.missedTurns = misses
            return turn([composer.outOfScopeAnswer()], intent: nil)
        }
        return offerHumanHelp(because: .misunderstood)
    }

    /// Whether `dialog`'s answers agree to sending the conversation's transcript with `form`.
    static func agreesToTranscript(_ dialog: FormDialog, form: FormDefinition) -> Bool {
        guard let field = form.transcriptConsentField else { return false }
        return dialog.submittedValues(in: form).contains { $0.field.id == field && $0.value == .bool(true) }
    }
}
