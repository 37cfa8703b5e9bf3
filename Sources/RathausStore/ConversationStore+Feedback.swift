import Foundation
import GRDB
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
            let row: Row?
            if let number {
                row = try Row.fetchOne(db, sql: "SELECT * FROM (\(numbered)) WHERE number = ?", arguments: [id, number])
            } else {
                row = try Row.fetchOne(
                    db, sql: "SELECT * FROM (\(numbered)) WHERE \(Self.rateable) ORDER BY id DESC LIMIT 1", arguments: [id])
            }
            guard let row, let kind = (row["kind"] as String?).flatMap(TurnFacts.Kind.init(rawValue:)),
                TurnFacts(kind: kind, formStep: row["form_step"]).isRateable,
                let text = try String.fetchOne(db, sql: "SELECT snapshot FROM conversation WHERE id = ?", arguments: [id])
            else { return nil }
            var snapshot = try JSONDecoder().decode(ChatSession.Snapshot.self, from: Data(text.utf8))
            let previous: Bool? = row["feedback"]
            if previous != helpful {
                try db.execute(sql: "UPDATE turn SET feedback = ? WHERE id = ?", arguments: [helpful, row["id"] as Int64])
                snapshot.unhelpfulAnswersInARow = helpful ? nil : (snapshot.unhelpfulAnswersInARow ?? 0) + 1
                try db.execute(
                    sql: "UPDATE conversation SET snapshot = ? WHERE id = ?",
                    arguments: [try Self.stateText(snapshot, encoder: JSONEncoder()), id])
            }
            return StoredFeedback(turn: row["number"], snapshot: snapshot)
        }
    }

    /// Part of storing a feedback turn typed in the chat: `helpful` goes with the conversation's
    /// latest answer (nothing happens when it has none).
    static func setFeedback(_ helpful: Bool, onLatestAnswerOf id: String, _ db: Database) throws {
        try db.execute(
            sql: """
                UPDATE turn SET feedback = ? WHERE id = (
                    SELECT id FROM turn WHERE conversation_id = ? AND \(rateable) ORDER BY id DESC LIMIT 1)
                """, arguments: [helpful, id])
    }

    /// The feedback stored with each of conversation `id`'s turns, in order (nil: none given), as
    /// tests and staff check it.
    public func feedback(of id: String) throws -> [Bool?] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT feedback FROM turn WHERE conversation_id = ? ORDER BY id", arguments: [id]).map { $0["feedback"] }
        }
    }
}
