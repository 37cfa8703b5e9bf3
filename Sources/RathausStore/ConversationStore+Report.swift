import Foundation
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
            try db.forEachRow(
                """
                SELECT conversation_id, created_at, kind, intent, department, after_clarification, form_id, form_event, form_step,
                       rejected_field, feedback, CASE WHEN kind = 'unanswered' THEN citizen END AS unanswered
                FROM turn WHERE created_at >= ? AND created_at < ? AND kind IS NOT NULL
                ORDER BY conversation_id, id
                """, [start, end]
            ) { row in
                let formEvent: String? = try row["form_event"]
                let facts = TurnFacts(
                    kind: TurnFacts.Kind(rawValue: try row["kind"]) ?? .other, intent: try row["intent"], department: try row["department"],
                    resolvesClarification: try row["after_clarification"], form: try row["form_id"],
                    formEvent: formEvent.flatMap(TurnFacts.FormEvent.init(rawValue:)), formStep: try row["form_step"],
                    rejectedField: try row["rejected_field"])
                try body(
                    ReportedTurn(
                        conversation: try row["conversation_id"], createdAt: try row["created_at"], facts: facts, feedback: try row["feedback"],
                        unansweredText: try row["unanswered"]))
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
                SELECT a.department_id, \(Self.secondsBetween("a.submitted_at", "o.delivered_at", database.dialect)) AS seconds
                FROM outbox o JOIN application a ON a.id = o.application_id
                WHERE o.kind = 'application.submitted' AND o.delivered_at >= ? AND o.delivered_at < ?
                """, start: start, end: end)
    }

    /// For every application completed (its department reported `completed`) from `start` up to
    /// `end`: the time from its delivery to the department to its completion.
    public func procedureDurations(from start: Date, to end: Date) throws -> [DepartmentDuration] {
        try durations(
            sql: """
                SELECT a.department_id, \(Self.secondsBetween("o.delivered_at", "e.received_at", database.dialect)) AS seconds
                FROM procedure_event e JOIN application a ON a.id = e.application_id
                JOIN outbox o ON o.application_id = a.id AND o.kind = 'application.submitted'
                WHERE e.kind = 'completed' AND o.delivered_at IS NOT NULL AND e.received_at >= ? AND e.received_at < ?
                """, start: start, end: end)
    }

    private func durations(sql: String, start: Date, end: Date) throws -> [DepartmentDuration] {
        try database.read { db in
            try db.rows(sql, [start, end]).map {
                DepartmentDuration(department: try $0["department_id"], seconds: max(0, try $0["seconds"] as Double))
            }
        }
    }

    /// The seconds from the moment in column `earlier` to the one in `later`, as a real number:
    /// SQLite keeps moments as text that `julianday` reads (in days), PostgreSQL subtracts its
    /// timestamps (an interval) and reads the interval's seconds.
    static func secondsBetween(_ earlier: String, _ later: String, _ dialect: SQLDialect) -> String {
        switch dialect {
        case .sqlite: "(julianday(\(later)) - julianday(\(earlier))) * 86400"
        case .postgres: "EXTRACT(EPOCH FROM (\(later) - \(earlier)))::float8"
        }
    }
}
