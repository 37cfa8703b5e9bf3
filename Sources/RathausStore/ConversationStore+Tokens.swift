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

    /// The token hash of a conversation, or nil when there is none.
    public func tokenHash(conversation id: String) throws -> String? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT token_hash FROM conversation_token WHERE conversation_id = ?", arguments: [id])
        }
    }

    /// True when the database can be written (for `/ready`).
    public func isWritable() -> Bool {
        (try? database.write { db in try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS ready_check (x); DROP TABLE ready_check") }) != nil
    }
}
