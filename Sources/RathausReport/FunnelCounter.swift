import RathausDialog

/// Counts the funnels of online applications from turns that come conversation by conversation,
/// each in order: an application runs from the turn that started it to its submission, its
/// cancellation, or the last turn of its conversation (then it was left at the step last asked).
/// Applications started before the period are not counted; refused answers are counted for every
/// turn of the period.
struct FunnelCounter {
    /// What is counted for one form.
    struct Counts {
        var started = 0
        var confirmed = 0
        var submitted = 0
        /// Applications that asked each step.
        var reached: [String: Int] = [:]
        /// Applications left at each step.
        var left: [String: Int] = [:]
        /// Refused answers per field.
        var validationErrors: [String: Int] = [:]
        /// Steps in the order first seen (for forms no longer in the catalogue).
        var order: [String] = []
    }

    /// One application in progress.
    private struct Attempt {
        let form: String
        var reached: Set<String> = []
        var lastStep: String?
    }

    /// The dialog's own questions that are no step of the funnel (they come back to a step).
    static let transientSteps: Set<String> = ["abbrechen", "weitermachen"]
    /// The step of the summary that waits for the confirmation.
    static let summaryStep = "absenden"

    private(set) var forms: [String: Counts] = [:]
    private var conversation: String?
    private var attempt: Attempt?

    /// Counts one turn.
    mutating func add(_ facts: TurnFacts, conversation id: String) {
        if id != conversation {
            close(submitted: false)
            conversation = id
        }
        guard let form = facts.form else { return }
        if let field = facts.rejectedField { forms[form, default: Counts()].validationErrors[field, default: 0] += 1 }
        if facts.formEvent == .started {
            close(submitted: false)
            attempt = Attempt(form: form)
            forms[form, default: Counts()].started += 1
        }
        guard attempt?.form == form else { return }
        if let step = facts.formStep, !Self.transientSteps.contains(step) {
            attempt?.lastStep = step
            if attempt?.reached.insert(step).inserted == true {
                var counts = forms[form, default: Counts()]
                counts.reached[step, default: 0] += 1
                if !counts.order.contains(step) { counts.order.append(step) }
                if step == Self.summaryStep { counts.confirmed += 1 }
                forms[form] = counts
            }
        }
        switch facts.formEvent {
        case .submitted?: close(submitted: true)
        case .discarded?: close(submitted: false)
        default: break
        }
    }

    /// Ends the conversation in progress (call once after the last turn).
    mutating func finish() {
        close(submitted: false)
        conversation = nil
    }

    /// Ends the application in progress.
    private mutating func close(submitted: Bool) {
        guard let attempt else { return }
        self.attempt = nil
        if submitted {
            forms[attempt.form, default: Counts()].submitted += 1
        } else if let step = attempt.lastStep {
            forms[attempt.form, default: Counts()].left[step, default: 0] += 1
        } else {
            forms[attempt.form, default: Counts()].left["", default: 0] += 1
        }
    }
}
