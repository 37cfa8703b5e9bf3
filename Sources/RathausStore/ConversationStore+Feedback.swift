import Foundation
import RathausDialog

/// Citizens' feedback on answers („Hilfreich? Ja / Nein“), stored in the column `feedback` of the
/// turn whose answer it is about (1 helpful, 0 not helpful). It goes with the turn: erasing or
/// purging the conversation removes it.
extension ConversationStore {
    /// The turns a citizen may rate, as ``TurnFacts/isRateable`` says: answered and unanswered
    /// questions after which no application is open.
    static let rateable = "kind IN ('answered', 'unanswered') AND form_step IS NULL"

    /// Feedback stored through ``recordFeedback(conversation:turn:helpful:)``.
    public struct StoredFeedback: Sendable, Hashable {
        /// The number of the rated turn: 1 for the conversation's first message of the citizen.
        public let turn: Int
        /// The conversation's state after the feedback (its count of „nicht hilfreich“ in a row).
        public let snapshot: ChatSession.Snapshot
    }

    /// Stores `helpful` with turn number `turn` of conversation `id` (1 = the citizen's first
    /// message), or with its latest answer when `turn` is nil, and counts it in the conversation's
    /// ``ChatSession/Snapshot/unhelpfulAnswersInARow`` (the same feedback on the same turn again
    /// changes nothing). Nil when the conversation has no such turn or the turn answered no
    /// question (a form step, a greeting's feedback …).
    public func recordFeedback(conversation id: String, turn number: Int?, helpful: Bool) throws -> StoredFeedback? {
        try database.write { db -> StoredFeedback? in
            // The citizen's messages in order; the number of a turn is its place among them.
            let numbered = """
                SELECT id, kind, form_step, feedback, ROW_NUMBER() OVER (ORDER BY id) AS number FROM turn
                WHERE conversation_id = ? AND citizen IS NOT NULL
                """
            // The conversation's row first, locked on PostgreSQL until the commit: a turn stored
            // meanwhile by another server cannot slip between reading its state and writing it.
            guard
                let text: String = try db.row("SELECT snapshot FROM conversation WHERE id = ?\(Self.lockingRow(db.dialect))", [id])?[
                    "snapshot"]
            else { return nil }
            let row: SQLRow?
            if let number {
                row = try db.row("SELECT * FROM (\(numbered)) AS numbered WHERE number = ?", [id, number])
            } else {
                row = try db.row("SELECT * FROM (\(numbered)) AS numbered WHERE \(Self.rateable) ORDER BY id DESC LIMIT 1", [id])
            }
            guard let row, let kind = (try row["kind"] as String?).flatMap(TurnFacts.Kind.init(rawValue:)),
                TurnFacts(kind: kind, formStep: try row["form_step"]).isRateable
            else { return nil }
            var snapshot = try JSONDecoder().decode(ChatSession.Snapshot.self, from: Data(text.utf8))
            let previous: Bool? = try row["feedback"]
            if previous != helpful {
                try db.execute("UPDATE turn SET feedback = ? WHERE id = ?", [helpful, try row["id"] as Int64])
                snapshot.unhelpfulAnswersInARow = helpful ? nil : (snapshot.unhelpfulAnswersInARow ?? 0) + 1
                try db.execute(
                    "UPDATE conversation SET snapshot = ? WHERE id = ?",
                    [try Self.stateText(snapshot, encoder: JSONEncoder()), id])
            }
            return StoredFeedback(turn: try row["number"], snapshot: snapshot)
        }
    }

    /// The end of a query that reads one row to change it in the same transaction: nothing on
    /// SQLite (one writer at a time), `FOR UPDATE` on PostgreSQL, which locks the row until the
    /// commit, so that two servers never both change what they read of it.
    static func lockingRow(_ dialect: SQLDialect) -> String {
        dialect == .postgres ? " FOR UPDATE" : ""
    }

    /// Part of storing a feedback turn typed in the chat: `helpful` goes with the conversation's
    /// latest answer (nothing happens when it has none).
    static func setFeedback(_ helpful: Bool, onLatestAnswerOf id: String, _ db: any SQLConnection) throws {
        try db.execute(
            """
            UPDATE turn SET feedback = ? WHERE id = (
                SELECT id FROM turn WHERE conversation_id = ? AND \(rateable) ORDER BY id DESC LIMIT 1)
            """, [helpful, id])
    }

    /// The feedback stored with each of conversation `id`'s turns, in order (nil: none given), as
    /// tests and staff check it.
    public func feedback(of id: String) throws -> [Bool?] {
        try database.read { db in
            try db.rows("SELECT feedback FROM turn WHERE conversation_id = ? ORDER BY id", [id]).map { try $0["feedback"] }
        }
    }
}
