import Foundation
import RathausCatalog

/// Transcripts, one row per turn in the table `turn`: what the citizen wrote (NULL for a turn
/// without a citizen line, moved from schema v1-v3) and the replies as a JSON array of strings.
extension ConversationStore {
    /// The transcript of a conversation: speaker ("citizen" or "assistant") and text, in order.
    public func transcript(id: String) throws -> [(speaker: String, text: String)] {
        try database.read { db in try Self.transcript(id: id, in: db) }
    }

    /// The transcript of conversation `id` as a JSON array of `{"speaker", "text"}` objects (keys
    /// sorted), as an application carries it when the citizen agreed.
    static func transcriptJSON(id: String, in db: any SQLConnection) throws -> String {
        let lines = try transcript(id: id, in: db).map { ["speaker": $0.speaker, "text": $0.text] }
        return String(decoding: try JSONSerialization.data(withJSONObject: lines, options: [.sortedKeys]), as: UTF8.self)
    }

    /// The transcript of conversation `id`, read inside a transaction.
    static func transcript(id: String, in db: any SQLConnection) throws -> [(speaker: String, text: String)] {
        let rows = try db.rows("SELECT citizen, replies FROM turn WHERE conversation_id = ? ORDER BY id", [id])
        var lines: [(speaker: String, text: String)] = []
        for row in rows {
            if let citizen: String = try row["citizen"] { lines.append(("citizen", citizen)) }
            let replies: String = try row["replies"]
            let decoded = try JSONDecoder().decode([String].self, from: Data(replies.utf8))
            lines += decoded.map { ("assistant", $0) }
        }
        return lines
    }
}
