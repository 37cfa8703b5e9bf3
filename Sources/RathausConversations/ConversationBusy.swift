/// Thrown when another server has been in the middle of a turn of the same conversation for longer
/// than the store's hold wait (on a shared PostgreSQL database): it hangs. The turn was not
/// answered and nothing was stored; sending it again later is safe.
public struct ConversationBusy: Error, Sendable, Hashable {
    /// Creates the error.
    public init() {}
}
