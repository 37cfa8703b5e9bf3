/// Thrown when a conversation does not exist, was deleted meanwhile, or the token does not fit it;
/// the three are one case on purpose, so that nothing tells a stranger that a conversation exists.
public struct ConversationNotFound: Error, Sendable, Hashable {
    /// Creates the error.
    public init() {}
}
