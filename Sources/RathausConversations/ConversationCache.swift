import RathausDialog
import Synchronization

/// The state of recently active conversations (with the token hash of web conversations), kept in
/// memory so that a message needs no database read. Written through: the database stays the truth,
/// the cache is filled on create and after every stored turn, and emptied on deletion. A
/// conversation that another process purged is noticed when its turn is stored (the store refuses
/// to bring it back).
final class ConversationCache: Sendable {
    /// One cached conversation.
    struct Entry: Sendable {
        /// The SHA-256 of the conversation's token; nil for a conversation of a trusted channel.
        let tokenHash: String?
        /// The state after the last stored turn.
        let snapshot: ChatSession.Snapshot
    }

    private let entries = Mutex<[String: Entry]>([:])
    /// Most conversations kept; beyond it, a tenth of them is dropped.
    let capacity: Int

    /// A cache of at most `capacity` conversations.
    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The cached entry of conversation `id`.
    func entry(_ id: String) -> Entry? {
        entries.withLock { $0[id] }
    }

    /// Caches (or replaces) conversation `id`.
    func put(_ id: String, _ entry: Entry) {
        entries.withLock { entries in
            if entries.count >= capacity && entries[id] == nil {
                for key in entries.keys.prefix(max(1, capacity / 10)) { entries.removeValue(forKey: key) }
            }
            entries[id] = entry
        }
    }

    /// Forgets conversation `id`.
    func remove(_ id: String) {
        _ = entries.withLock { $0.removeValue(forKey: id) }
    }
}
