import RathausCatalog
import RathausDialog
import RathausUnderstanding

/// Shorthands for the tests: a session built straight from a catalogue, and turns given as text.
extension ChatSession {
    /// A new conversation over `catalog` with `matcher`.
    init(
        catalog: Catalog, matcher: IntentMatcher, id: String = "test", sink: (any ApplicationSink)? = nil,
        today: @escaping @Sendable () -> CalendarDate = { CalendarDate.today() }
    ) {
        self.init(engine: ChatEngine(catalog: catalog, matcher: matcher), snapshot: Snapshot(id: id), sink: sink, today: today)
    }

    /// Answers `text` as the citizen wrote it.
    mutating func respond(to text: String) -> Turn {
        respond(to: Utterance(text))
    }
}

extension FormDialog {
    /// Handles `text` as the citizen wrote it.
    mutating func handle(_ text: String, form: FormDefinition, context: Context) -> Outcome {
        handle(Utterance(text), form: form, context: context)
    }
}
