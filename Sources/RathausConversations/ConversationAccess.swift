/// How a channel proves that it may use a conversation.
public enum ConversationAccess: Sendable, Hashable {
    /// A web client: the token given when the conversation was created (nil when none was sent).
    /// A wrong or missing token is treated as a conversation that does not exist.
    case token(String?)
    /// A channel that holds the conversation itself and needs no token: the terminal, the Rasa
    /// channel (one conversation per sender) and the conversation tests. Its first turn creates the
    /// conversation.
    case trusted
}
