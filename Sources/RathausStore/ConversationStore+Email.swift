import Foundation
import RathausCatalog

/// E-mails to citizens who agreed to be told of each step of their application's procedure,
/// queued in the outbox beside the webhooks (retries, dead letter, `rathaus deliveries list`).
extension ConversationStore {
    /// A queued e-mail.
    public struct StoredEmail: Sendable, Hashable {
        /// Its id (the outbox row's message id).
        public let id: String
        /// The citizen's address.
        public let recipient: String
        /// The subject line.
        public let subject: String
        /// The plain text.
        public let body: String
    }

    /// The department id under which e-mails appear in the outbox.
    public static let emailDepartment = "smtp"

    /// Records that the citizen of application `reference` wants an e-mail to `address` for each
    /// step (nil: no more e-mails); false when there is no such application.
    @discardableResult
    public func notifyByEmail(reference: String, address: String?) throws -> Bool {
        try database.write { db in
            try db.execute("UPDATE application SET notify_email = ? WHERE reference = ?", [address?.lowercased(), reference.uppercased()]) > 0
        }
    }

    /// Queues `notice` to `recipient` with its outbox row (inside the caller's transaction).
    static func queueEmail(
        _ notice: StatusNotice, to recipient: String, application applicationID: String, now: Date, in db: any SQLConnection
    ) throws {
        let id = UUID().uuidString.lowercased()
        try db.execute(
            "INSERT INTO email (id, application_id, recipient, subject, body, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            [id, applicationID, recipient, notice.subject, notice.body, now])
        try db.execute(
            """
            INSERT INTO outbox (application_id, kind, message_id, department_id, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?)
            """, [applicationID, OutboxItem.Kind.emailNotification.rawValue, id, emailDepartment, now, now])
    }

    /// One queued e-mail, for its delivery.
    static func email(id: String, in db: any SQLConnection) throws -> StoredEmail? {
        try db.row("SELECT * FROM email WHERE id = ?", [id]).map { row in
            StoredEmail(id: try row["id"], recipient: try row["recipient"], subject: try row["subject"], body: try row["body"])
        }
    }
}
