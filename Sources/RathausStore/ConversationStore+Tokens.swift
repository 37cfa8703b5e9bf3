import Foundation
import RathausDialog

/// Access tokens of web conversations: only a hash of each is stored, so the database alone does
/// not let anyone into a conversation.
extension ConversationStore {
    /// Stores a new conversation's state and its token hash.
    public func create(_ snapshot: ChatSession.Snapshot, tokenHash: String, now: Date = Date()) throws {
        let state = try Self.jsonText(snapshot)
        try database.write { db in
            try db.execute(
                "INSERT INTO conversation (id, snapshot, created_at, updated_at) VALUES (?, ?, ?, ?)",
                [snapshot.id, state, now, now])
            try db.execute("INSERT INTO conversation_token (conversation_id, token_hash) VALUES (?, ?)", [snapshot.id, tokenHash])
        }
    }

    /// The stored state of a web conversation, if it exists and `tokenHash` is its token's hash
    /// (compared in constant time); one read for both, or none when `hold` read them already.
    public func snapshot(id: String, tokenHash: String, holding hold: ConversationHold? = nil) throws -> ChatSession.Snapshot? {
        let stored: (tokenHash: String?, state: String?)
        if let hold {
            stored = (hold.tokenHash, hold.state)
        } else {
            let row = try database.read { db in
                try db.row(
                    """
                    SELECT t.token_hash, c.snapshot FROM conversation_token t JOIN conversation c ON c.id = t.conversation_id
                    WHERE t.conversation_id = ?
                    """, [id])
            }
            stored = (try row?["token_hash"], try row?["snapshot"])
        }
        guard let known = stored.tokenHash, let state = stored.state, Self.constantTimeEqual(known, tokenHash) else { return nil }
        return try JSONDecoder().decode(ChatSession.Snapshot.self, from: Data(state.utf8))
    }

    /// Compares two strings without stopping at the first difference.
    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// True when the database can be written now (for `/ready`): the write lock can be taken
    /// within the busy timeout.
    public func isWritable() -> Bool {
        (try? writeTransaction { _ in }) != nil
    }
}
