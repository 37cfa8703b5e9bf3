import RathausCatalog

/// What a turn did, for the staff report: the facts gathered while answering, completed with the
/// intent, the department and where an online application stands.
extension ChatSession {
    /// The facts of `turn`, answered with a form `formBefore` open before it (nil when none).
    func finishedFacts(of turn: Turn, formBefore: String?) -> TurnFacts {
        var facts = self.facts
        let formAfter = snapshot.dialog?.formID
        if let form = formBefore ?? formAfter {
            facts.form = form
            if formBefore == nil {
                facts.formEvent = .started
            } else if turn.reference != nil {
                facts.formEvent = .submitted
            } else if formAfter == nil {
                facts.formEvent = .discarded
            } else {
                facts.formEvent = .step
            }
            if formAfter != nil { facts.formStep = turn.expecting?.field }
        }
        if facts.kind == .other, turn.intent != nil { facts.kind = .answered }
        if facts.kind == .answered, let intent = turn.intent {
            facts.intent = intent
            if facts.department == nil { facts.department = catalog.knowledge[intent]?.departmentID }
        }
        return facts
    }
}
