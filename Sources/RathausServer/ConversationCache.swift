import RathausCore
import Synchronization

/// The state and token hash of recently active web conversations, kept in memory so that a message
/// needs no database read. Written through: the database stays the truth, the cache is filled on
/// create and after every stored turn, and emptied on deletion. A conversation that another process
/// purged is noticed when its turn is stored (the store refuses to bring it back).
public final class ConversationCache: Sendable {
    /// One cached conversation.
    struct Entry: Sendable {
        let tokenHash: String
        let snapshot: ChatSession.Snapshot
    }

    private let entries = Mutex<[String: Entry]>([:])
    /// Most conversations kept; beyond it, a tenth of them is dropped.
    let capacity: Int

    /// A cache of at most `capacity` conversations.
    public init(capacity: Int = 50_000) {
        self.capacity = capacity
    }

    /// The cached entry of conversation `id`.
    func entry(_ id: String) -> Entry? {
        entries.withLock { $0[id] }
    }

    /// Caches (or replaces) conversation `id`.
    func put(_ id: String, tokenHash: String, snapshot: ChatSession.Snapshot) {
        entries.withLock { entries in
            if entries.count >= capacity && entries[id] == nil {
                for key in entries.keys.prefix(max(1, capacity / 10)) { entries.removeValue(forKey: key) }
            }
            entries[id] = Entry(tokenHash: tokenHash, snapshot: snapshot)
        }
    }

    /// Forgets conversation `id`.
    func remove(_ id: String) {
        _ = entries.withLock { $0.removeValue(forKey: id) }
    }
}
