import Foundation
import GRDB
import RathausCatalog

/// Transcripts, one row per turn in the table `turn`: what the citizen wrote (NULL for a turn
/// without a citizen line, moved from schema v1-v3) and the replies as a JSON array of strings.
extension ConversationStore {
    /// The transcript of a conversation: speaker ("citizen" or "assistant") and text, in order.
    public func transcript(id: String) throws -> [(speaker: String, text: String)] {
        let rows = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT citizen, replies FROM turn WHERE conversation_id = ? ORDER BY id", arguments: [id])
        }
        var lines: [(speaker: String, text: String)] = []
        for row in rows {
            if let citizen: String = row["citizen"] { lines.append(("citizen", citizen)) }
            let replies = try JSONDecoder().decode([String].self, from: Data((row["replies"] as String).utf8))
            lines += replies.map { ("assistant", $0) }
        }
        return lines
    }
}
