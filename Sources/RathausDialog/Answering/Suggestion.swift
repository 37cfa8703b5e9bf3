/// A next question the citizen can choose with one click: a button in the web chat, a line in the
/// terminal, `{"label", "text"}` in the API. Choosing it sends `text` as the citizen's message.
public struct Suggestion: Sendable, Hashable, Codable {
    /// What the button says ("Unterlagen").
    public let label: String
    /// The message it sends ("Welche Unterlagen brauche ich?").
    public let text: String

    /// Creates a suggestion.
    public init(label: String, text: String) {
        self.label = label
        self.text = text
    }
}
