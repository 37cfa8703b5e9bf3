import Foundation
import GRDB
import RathausCore

/// Transcripts, one row per turn: what the citizen wrote and the replies as a JSON array of
/// strings. Turns came to the database as one row per line before (schema v1-v3); one row per turn
/// takes a turn's write from three or so inserts, each into the table and its index, to one.
extension ConversationStore {
    /// The fourth schema version: the table `turn` takes the place of `transcript`, whose lines are
    /// moved into it, each citizen line with the assistant lines after it.
    static func registerTurnMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4-turns") { db in
            // A plain integer key: new rows still get ids above every row left, which is all the
            // order needs, without the bookkeeping table that AUTOINCREMENT writes on every insert.
            try db.execute(sql: """
                CREATE TABLE turn (
                    id INTEGER PRIMARY KEY,
                    conversation_id TEXT NOT NULL REFERENCES conversation(id) ON DELETE CASCADE,
                    citizen TEXT,
                    replies TEXT NOT NULL,
                    created_at DATETIME NOT NULL)
                """)
            try db.create(index: "turn_on_conversation_id", on: "turn", columns: ["conversation_id"])
            let insert = try db.makeStatement(sql: "INSERT INTO turn (conversation_id, citizen, replies, created_at) VALUES (?, ?, ?, ?)")
            var pending: (conversation: String, citizen: String?, replies: [String], createdAt: DatabaseValue)?
            func flush() throws {
                guard let turn = pending else { return }
                try insert.execute(arguments: [turn.conversation, turn.citizen, Self.repliesJSON(turn.replies), turn.createdAt])
                pending = nil
            }
            let lines = try Row.fetchAll(db, sql: "SELECT conversation_id, speaker, text, created_at FROM transcript ORDER BY conversation_id, id")
            for line in lines {
                let conversation: String = line[0], speaker: String = line[1], text: String = line[2]
                if speaker == "citizen" || pending?.conversation != conversation {
                    try flush()
                    pending = (conversation, speaker == "citizen" ? text : nil, [], line[3])
                }
                if speaker != "citizen" { pending?.replies.append(text) }
            }
            try flush()
            try db.drop(table: "transcript")
        }
    }

    /// The replies of a turn as stored: a JSON array of strings.
    static func repliesJSON(_ replies: [String]) -> String {
        String(decoding: JSONOutput.array(replies), as: UTF8.self)
    }

    /// The transcript of a conversation: speaker ("citizen" or "assistant") and text, in order.
    public func transcript(id: String) throws -> [(speaker: String, text: String)] {
        let rows = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT citizen, replies FROM turn WHERE conversation_id = ? ORDER BY id", arguments: [id])
        }
        var lines: [(speaker: String, text: String)] = []
        for row in rows {
            if let citizen: String = row[0] { lines.append(("citizen", citizen)) }
            let replies = try JSONDecoder().decode([String].self, from: Data((row[1] as String).utf8))
            lines += replies.map { ("assistant", $0) }
        }
        return lines
    }
}
