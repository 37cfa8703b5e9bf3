import Foundation
import GRDB
import RathausCore

/// Access tokens of web conversations: only a hash of each is stored, so the database alone does
/// not let anyone into a conversation.
extension ConversationStore {
    /// The third schema version: the token hash of each web conversation.
    static func registerTokenMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v3-tokens") { db in
            try db.create(table: "conversation_token") { table in
                table.primaryKey("conversation_id", .text).references("conversation", onDelete: .cascade)
                table.column("token_hash", .text).notNull()
            }
        }
    }

    /// Stores a new conversation's state and its token hash.
    public func create(_ snapshot: ChatSession.Snapshot, tokenHash: String, now: Date = Date()) throws {
        let state = try String(decoding: JSONEncoder().encode(snapshot), as: UTF8.self)
        try database.write { db in
            try db.execute(sql: "INSERT INTO conversation (id, snapshot, created_at, updated_at) VALUES (?, ?, ?, ?)",
                           arguments: [snapshot.id, state, now, now])
            try db.execute(sql: "INSERT INTO conversation_token (conversation_id, token_hash) VALUES (?, ?)", arguments: [snapshot.id, tokenHash])
        }
    }

    /// The stored state of a web conversation, if it exists and `tokenHash` is its token's hash
    /// (compared in constant time); one read for both.
    public func snapshot(id: String, tokenHash: String) throws -> ChatSession.Snapshot? {
        // One SELECT is atomic on its own: no read transaction needed around it.
        let row = try database.unsafeRead { db in
            try Row.fetchOne(db.cachedStatement(sql: """
                SELECT t.token_hash, c.snapshot FROM conversation_token t JOIN conversation c ON c.id = t.conversation_id
                WHERE t.conversation_id = ?
                """), arguments: [id])
        }
        guard let row, let stored: String = row[0], let state: String = row[1], Self.constantTimeEqual(stored, tokenHash) else { return nil }
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
