/// A file sent for a form field the conversation does not ask for now (another field, or no form).
public struct DocumentNotAwaited: Error, Sendable, Hashable {
    /// The German sentence for the citizen.
    public let message = "Gerade frage ich nicht nach dieser Datei. Bitte beantworten Sie zuerst die letzte Frage."

    /// Creates the error.
    public init() {}
}
