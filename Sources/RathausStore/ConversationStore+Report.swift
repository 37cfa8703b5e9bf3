import Foundation
import GRDB
import RathausDialog

/// What the staff report (`rathaus report`) reads: the facts of each turn of a period, the
/// citizen's text only of unanswered questions, and how long deliveries and procedures took.
extension ConversationStore {
    /// One turn as the report reads it.
    public struct ReportedTurn: Sendable {
        /// The conversation's id.
        public let conversation: String
        /// When the turn was stored, in UTC as the store writes it (`2026-11-30 09:15:02.123`).
        public let createdAt: String
        /// What the turn did.
        public let facts: TurnFacts
        /// The citizen's feedback on the turn's answer, if any.
        public let feedback: Bool?
        /// What the citizen wrote, only for an unanswered question (else nil).
        public let unansweredText: String?
    }

    /// Calls `body` with every turn stored from `start` up to (not including) `end`, conversation
    /// by conversation, each conversation's turns in order. Turns stored before their facts were
    /// kept (schema v7) are left out.
    public func forEachReportedTurn(from start: Date, to end: Date, _ body: (ReportedTurn) throws -> Void) throws {
        try database.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT conversation_id, created_at, kind, intent, department, after_clarification, form_id, form_event, form_step,
                           rejected_field, feedback, CASE WHEN kind = 'unanswered' THEN citizen END
                    FROM turn WHERE created_at >= ? AND created_at < ? AND kind IS NOT NULL
                    ORDER BY conversation_id, id
                    """, arguments: [UTCTimestamp.text(for: start), UTCTimestamp.text(for: end)])
            while let row = try rows.next() {
                let facts = TurnFacts(
                    kind: TurnFacts.Kind(rawValue: row[2]) ?? .other, intent: row[3], department: row[4], resolvesClarification: row[5],
                    form: row[6], formEvent: (row[7] as String?).flatMap(TurnFacts.FormEvent.init(rawValue:)), formStep: row[8],
                    rejectedField: row[9])
                try body(ReportedTurn(conversation: row[0], createdAt: row[1], facts: facts, feedback: row[10], unansweredText: row[11]))
            }
        }
    }

    /// A time an application took, by the department that received it.
    public struct DepartmentDuration: Sendable, Hashable {
        /// The receiving department's id.
        public let department: String
        /// The time taken, in seconds.
        public let seconds: Double
    }

    /// For every application delivered from `start` up to `end`: the time from its submission to
    /// its delivery to the department.
    public func deliveryDurations(from start: Date, to end: Date) throws -> [DepartmentDuration] {
        try durations(
            sql: """
                SELECT a.department_id, (julianday(o.delivered_at) - julianday(a.submitted_at)) * 86400
                FROM outbox o JOIN application a ON a.id = o.application_id
                WHERE o.kind = 'application.submitted' AND o.delivered_at >= ? AND o.delivered_at < ?
                """, start: start, end: end)
    }

    /// For every application completed (its department reported `completed`) from `start` up to
    /// `end`: the time from its delivery to the department to its completion.
    public func procedureDurations(from start: Date, to end: Date) throws -> [DepartmentDuration] {
        try durations(
            sql: """
                SELECT a.department_id, (julianday(e.received_at) - julianday(o.delivered_at)) * 86400
                FROM procedure_event e JOIN application a ON a.id = e.application_id
                JOIN outbox o ON o.application_id = a.id AND o.kind = 'application.submitted'
                WHERE e.kind = 'completed' AND o.delivered_at IS NOT NULL AND e.received_at >= ? AND e.received_at < ?
                """, start: start, end: end)
    }

    private func durations(sql: String, start: Date, end: Date) throws -> [DepartmentDuration] {
        try database.read { db in
            try Row.fetchAll(db, sql: sql, arguments: [UTCTimestamp.text(for: start), UTCTimestamp.text(for: end)]).map {
                DepartmentDuration(department: $0[0], seconds: max(0, $0[1] as Double))
            }
        }
    }
}
