import Foundation
import RathausCatalog

/// The way back: the steps a department reports for a delivered application, stored with the
/// time each arrived, checked against the steps before it (``ProcedureRules``).
extension ConversationStore {
    /// What became of a reported step.
    public enum EventOutcome: Sendable, Hashable {
        /// Stored now.
        case accepted(ProcedureEvent)
        /// The same webhook id was stored before: the event as stored then, nothing new stored.
        case duplicate(ProcedureEvent)
        /// No application has this reference.
        case unknownReference
        /// The step cannot follow the steps before it, or its fields are wrong; the German reason.
        case refused(String)
    }

    /// The department an application with this reference was sent to, nil when there is none.
    public func department(ofReference reference: String) throws -> String? {
        try database.read { db in
            try db.row("SELECT department_id FROM application WHERE reference = ?", [reference.uppercased()])?["department_id"]
        }
    }

    /// The token hash of the conversation that submitted the application `reference`; nil when
    /// there is no such application or its conversation is gone (erased, or never a web one).
    public func submitterTokenHash(ofReference reference: String) throws -> String? {
        try database.read { db in
            try db.row(
                """
                SELECT t.token_hash FROM application a JOIN conversation_token t ON t.conversation_id = a.conversation_id
                WHERE a.reference = ?
                """, [reference.uppercased()])?["token_hash"]
        }
    }

    /// Stores `event` for the application `reference` when it may follow the steps stored before
    /// it; a `webhookID` already stored for this application returns that event instead. The check
    /// and the insert are one transaction, so two events at once cannot both pass the same check.
    /// When the citizen agreed to be notified, the e-mail `notice` writes for the application's form
    /// id is queued in the same transaction (it is called only then).
    public func addEvent(
        _ event: ProcedureEvent, reference: String, webhookID: String?, notice: ((_ formID: String) -> StatusNotice)? = nil
    ) throws -> EventOutcome {
        if let problem = ProcedureRules.problem(with: event) { return .refused(problem) }
        return try writeTransaction(durable: true) { db in
            guard let applicationID = try Self.applicationID(reference, db, locking: true) else { return .unknownReference }
            if let webhookID,
                let row = try db.row("SELECT * FROM procedure_event WHERE application_id = ? AND webhook_id = ?", [applicationID, webhookID])
            {
                return .duplicate(try Self.event(row))
            }
            let earlier = try db.rows("SELECT kind FROM procedure_event WHERE application_id = ? ORDER BY id", [applicationID])
                .compactMap { ProcedureEvent.Kind(rawValue: try $0["kind"]) }
            if let refusal = ProcedureRules.refusal(of: event, after: earlier) { return .refused(refusal) }
            try db.execute(
                """
                INSERT INTO procedure_event (application_id, webhook_id, kind, note, documents, expected_by, received_at, source)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    applicationID, webhookID, event.kind.rawValue, event.note, try Self.jsonText(event.documents),
                    event.expectedBy?.description, event.receivedAt, event.source,
                ])
            if let notice,
                let row = try db.row("SELECT notify_email, form_id FROM application WHERE id = ?", [applicationID]),
                let recipient = try row["notify_email"] as String?
            {
                try Self.queueEmail(notice(try row["form_id"]), to: recipient, application: applicationID, now: event.receivedAt, in: db)
            }
            return .accepted(event)
        }
    }

    /// The steps reported for the application `reference`, oldest first; nil when there is no such application.
    public func events(reference: String) throws -> [ProcedureEvent]? {
        try database.read { db in
            guard let applicationID = try Self.applicationID(reference, db) else { return nil }
            return try Self.events(ofApplication: applicationID, db)
        }
    }

    /// The id of the application with this reference (any case), nil when there is none. With
    /// `locking`, its row stays locked until the commit on PostgreSQL (``lockingRow(_:)``): what
    /// is checked about the application and then written for it (a step of its procedure, a
    /// document) is checked by one server at a time.
    static func applicationID(_ reference: String, _ db: any SQLConnection, locking: Bool = false) throws -> String? {
        let lock = locking ? lockingRow(db.dialect) : ""
        return try db.row("SELECT id FROM application WHERE reference = ?\(lock)", [reference.uppercased()])?["id"]
    }

    /// The steps of one application, oldest first.
    static func events(ofApplication applicationID: String, _ db: any SQLConnection) throws -> [ProcedureEvent] {
        try db.rows("SELECT * FROM procedure_event WHERE application_id = ? ORDER BY id", [applicationID]).map(event)
    }

    /// An event read back from its row.
    private static func event(_ row: SQLRow) throws -> ProcedureEvent {
        let kindText: String = try row["kind"]
        guard let kind = ProcedureEvent.Kind(rawValue: kindText) else { throw Failure(description: "unknown event kind \(kindText)") }
        let documentsText: String = try row["documents"]
        let documents = try JSONDecoder().decode([ProcedureEvent.RequestedDocument].self, from: Data(documentsText.utf8))
        let expectedBy: String? = try row["expected_by"]
        return ProcedureEvent(
            kind: kind, note: try row["note"], documents: documents, expectedBy: expectedBy.flatMap(CalendarDate.init(iso:)),
            receivedAt: try row["received_at"], source: try row["source"])
    }
}
