import Foundation

/// The questions staff review (`rathaus review`): those Rathaus did not answer and those whose
/// answer a citizen called not helpful, as typed; never a text typed inside a form.
extension ConversationStore {
    /// A question to review.
    public struct ReviewedQuestion: Sendable, Hashable {
        /// What the citizen typed (scrubbed by the caller before anyone sees it).
        public let text: String
        /// `unanswered` or `not_helpful`.
        public let reason: String
        /// The conversation it was asked in.
        public let conversation: String
    }

    /// The questions of turns from `start` up to `end` that went unanswered or whose answer was
    /// rated not helpful, oldest first.
    public func reviewQuestions(from start: Date, to end: Date) throws -> [ReviewedQuestion] {
        try database.read { db in
            try db.rows(
                """
                SELECT citizen, conversation_id, kind FROM turn
                WHERE created_at >= ? AND created_at < ? AND citizen IS NOT NULL
                  AND (kind = 'unanswered' OR (feedback = 0 AND kind IN ('answered', 'clarification')))
                ORDER BY id
                """, [start, end]
            ).map { row in
                let kind: String? = try row["kind"]
                return ReviewedQuestion(
                    text: try row["citizen"], reason: kind == "unanswered" ? "unanswered" : "not_helpful", conversation: try row["conversation_id"])
            }
        }
    }
}
