import Foundation
import RathausCatalog

/// The delivery side of the store: claiming due outbox rows under a lease, recording each
/// attempt, and the staff operations on deliveries and department endpoints.
extension ConversationStore {
    /// One outbox row claimed for delivery, with what its payload is built from.
    public struct OutboxItem: Sendable, Hashable {
        /// What a row delivers.
        public enum Kind: String, Sendable, Hashable {
            /// A confirmed application.
            case applicationSubmitted = "application.submitted"
            /// A document the department asked for, sent by the citizen.
            case documentsSubmitted = "application.documents_submitted"
            /// An e-mail to the citizen about a step of the procedure.
            case emailNotification = "notification.email"
        }

        /// The outbox row.
        public let rowID: Int64
        /// What it delivers: the document or the e-mail it carries, else the application.
        public var kind: Kind {
            if document != nil { return .documentsSubmitted }
            return email != nil ? .emailNotification : .applicationSubmitted
        }
        /// The webhook id, stable across attempts: the application's id for the application, the
        /// document's id for a document.
        public var messageID: String { document?.id ?? email?.id ?? applicationID }
        /// The document, for ``Kind/documentsSubmitted``.
        public var document: StoredDocument?
        /// The e-mail, for ``Kind/emailNotification``.
        public var email: StoredEmail?
        /// The application id.
        public let applicationID: String
        /// The reference number.
        public let reference: String
        /// The receiving department.
        public let departmentID: String
        /// The form id.
        public let formID: String
        /// The form's schema version.
        public let schemaVersion: Int
        /// The service's name and key.
        public let serviceName: String, serviceKey: String
        /// When the citizen confirmed it.
        public let submittedAt: Date
        /// The data as stored (a JSON object).
        public let data: String
        /// The conversation's transcript as stored with the application (a JSON array of
        /// `{"speaker", "text"}`), only when the citizen agreed to send it.
        public var transcript: String?
        /// The language the citizen applied in (`de`, `en`, `de-x-ls`).
        public var language = "de"
        /// Attempts made before this one.
        public let attempts: Int

        /// Creates an item (the store makes them when it claims rows).
        public init(
            rowID: Int64, applicationID: String, reference: String, departmentID: String, formID: String, schemaVersion: Int,
            serviceName: String, serviceKey: String, submittedAt: Date, data: String, attempts: Int
        ) {
            self.rowID = rowID
            self.applicationID = applicationID
            self.reference = reference
            self.departmentID = departmentID
            self.formID = formID
            self.schemaVersion = schemaVersion
            self.serviceName = serviceName
            self.serviceKey = serviceKey
            self.submittedAt = submittedAt
            self.data = data
            self.attempts = attempts
        }
    }

    /// What became of one attempt.
    public enum AttemptOutcome: Sendable, Hashable {
        /// 2xx: done.
        case delivered(status: Int)
        /// Try again at `next` (network error, timeout, 5xx, 429 …).
        case retry(status: Int?, error: String?, next: Date)
        /// The last attempt failed: given up, to be looked at by staff.
        case deadLetter(status: Int?, error: String?)
        /// 410 Gone: the department's endpoint is disabled; the row waits for `enable`.
        case endpointGone(status: Int)
    }

    /// A delivery as staff see it.
    public struct Delivery: Sendable, Hashable, Codable {
        /// The reference number.
        public let reference: String
        /// What is delivered: `application.submitted` or `application.documents_submitted`.
        public let kind: String
        /// The department.
        public let department: String
        /// pending, retrying, delivered, dead, disabled.
        public let status: String
        /// Attempts so far.
        public let attempts: Int
        /// When the next attempt is due.
        public let nextAttemptAt: Date
        /// When it was delivered.
        public let deliveredAt: Date?
        /// The last error or status.
        public let lastError: String?
    }

    /// One recorded attempt.
    public struct Attempt: Sendable, Hashable, Codable {
        /// When it started.
        public let startedAt: Date
        /// How long it took, in milliseconds.
        public let durationMilliseconds: Int
        /// The HTTP status, if a response came.
        public let status: Int?
        /// The error, if none came.
        public let error: String?
    }

    /// Claims up to `limit` due rows for `owner` until `now + lease`: rows pending or retrying,
    /// due, not leased by someone else, of a department that is not disabled. Two workers never
    /// get the same row while its lease runs.
    public func claimDue(limit: Int, lease: TimeInterval, owner: String, now: Date = Date()) throws -> [OutboxItem] {
        try writeTransaction { db in
            let rows = try db.rows(
                """
                SELECT o.id, o.kind, o.message_id, o.application_id, a.reference, o.department_id, a.form_id, a.schema_version,
                       a.service_name, a.service_key, a.submitted_at, a.data, a.transcript, a.language, o.attempts
                FROM outbox o JOIN application a ON a.id = o.application_id
                WHERE o.status IN ('pending', 'retrying') AND o.next_attempt_at <= ?
                  AND (o.lease_until IS NULL OR o.lease_until < ?)
                  AND NOT EXISTS (SELECT 1 FROM department_endpoint d WHERE d.department_id = o.department_id AND d.disabled_at IS NOT NULL)
                ORDER BY o.next_attempt_at, o.id LIMIT ?\(Self.skipLockedRows(of: "o", db.dialect))
                """, [now, now, limit])
            let until = now.addingTimeInterval(lease)
            return try rows.map { row in
                var item = OutboxItem(
                    rowID: try row["id"], applicationID: try row["application_id"], reference: try row["reference"],
                    departmentID: try row["department_id"], formID: try row["form_id"], schemaVersion: try row["schema_version"],
                    serviceName: try row["service_name"], serviceKey: try row["service_key"], submittedAt: try row["submitted_at"],
                    data: try row["data"], attempts: try row["attempts"])
                item.transcript = try row["transcript"]
                item.language = try row["language"]
                switch OutboxItem.Kind(rawValue: try row["kind"]) {
                case .documentsSubmitted?:
                    item.document = try Self.document(id: try row["message_id"], in: db)
                case .emailNotification?:
                    item.email = try Self.email(id: try row["message_id"], in: db)
                default:
                    break
                }
                try db.execute("UPDATE outbox SET lease_until = ?, lease_owner = ? WHERE id = ?", [until, owner, item.rowID])
                return item
            }
        }
    }

    /// The end of the claim's query that locks the rows it returns of table `alias`: nothing on
    /// SQLite (the IMMEDIATE transaction holds the file's write lock), `FOR UPDATE … SKIP LOCKED`
    /// on PostgreSQL: the rows another server is claiming at this moment are passed over rather
    /// than waited for, and a row whose lease another server committed meanwhile is checked again
    /// against the lease condition, so two servers never claim the same row.
    static func skipLockedRows(of alias: String, _ dialect: SQLDialect) -> String {
        dialect == .postgres ? " FOR UPDATE OF \(alias) SKIP LOCKED" : ""
    }

    /// Extends `owner`'s lease on `rows` to `until`, for the rows it still holds; returns how many.
    /// A worker renews its leases while it works, so that a short lease is enough and the rows of a
    /// worker that was killed are due again soon.
    @discardableResult
    public func renewLease(rows: [Int64], owner: String, until: Date) throws -> Int {
        guard !rows.isEmpty else { return 0 }
        return try writeTransaction { db in
            var renewed = 0
            for row in rows {
                renewed += try db.execute(
                    "UPDATE outbox SET lease_until = ? WHERE id = ? AND lease_owner = ? AND lease_until IS NOT NULL", [until, row, owner])
            }
            return renewed
        }
    }

    /// One finished attempt, to be recorded.
    public struct FinishedAttempt: Sendable {
        /// The claimed row.
        public let item: OutboxItem
        /// What became of it.
        public let outcome: AttemptOutcome
        /// When it started.
        public let startedAt: Date
        /// How long it took.
        public let duration: TimeInterval

        /// Creates a record.
        public init(item: OutboxItem, outcome: AttemptOutcome, startedAt: Date, duration: TimeInterval) {
            self.item = item
            self.outcome = outcome
            self.startedAt = startedAt
            self.duration = duration
        }
    }

    /// Records an attempt on a claimed row and moves the row on; the lease is released.
    public func record(_ outcome: AttemptOutcome, for item: OutboxItem, startedAt: Date, duration: TimeInterval) throws {
        try record([FinishedAttempt(item: item, outcome: outcome, startedAt: startedAt, duration: duration)])
    }

    /// Records several attempts in one transaction (one disk sync for a whole pass of the worker).
    public func record(_ attempts: [FinishedAttempt]) throws {
        guard !attempts.isEmpty else { return }
        try writeTransaction { db in
            for attempt in attempts {
                try Self.record(attempt.outcome, for: attempt.item, startedAt: attempt.startedAt, duration: attempt.duration, in: db)
            }
        }
    }

    private static func record(
        _ outcome: AttemptOutcome, for item: OutboxItem, startedAt: Date, duration: TimeInterval, in db: any SQLConnection
    ) throws {
        let (status, error): (Int?, String?) =
            switch outcome {
            case .delivered(let status): (status, nil)
            case .retry(let status, let error, _), .deadLetter(let status, let error): (status, error)
            case .endpointGone(let status): (status, "410 Gone")
            }
        try db.execute(
            "INSERT INTO delivery_attempt (outbox_id, started_at, duration_ms, status, error) VALUES (?, ?, ?, ?, ?)",
            [item.rowID, startedAt, Int(duration * 1000), status, error])
        let summary = error ?? status.map { "HTTP \($0)" }
        switch outcome {
        case .delivered:
            try db.execute(
                """
                UPDATE outbox SET status = 'delivered', attempts = attempts + 1, delivered_at = ?, lease_until = NULL,
                lease_owner = NULL, last_error = NULL WHERE id = ?
                """, [startedAt.addingTimeInterval(duration), item.rowID])
        case .retry(_, _, let next):
            try db.execute(
                """
                UPDATE outbox SET status = 'retrying', attempts = attempts + 1, next_attempt_at = ?, lease_until = NULL,
                lease_owner = NULL, last_error = ? WHERE id = ?
                """, [next, summary, item.rowID])
        case .deadLetter:
            try db.execute(
                """
                UPDATE outbox SET status = 'dead', attempts = attempts + 1, lease_until = NULL, lease_owner = NULL, last_error = ?
                WHERE id = ?
                """, [summary, item.rowID])
        case .endpointGone:
            try db.execute(
                """
                UPDATE outbox SET status = 'pending', attempts = attempts + 1, lease_until = NULL, lease_owner = NULL, last_error = ?
                WHERE id = ?
                """, [summary, item.rowID])
            try db.execute(
                """
                INSERT INTO department_endpoint (department_id, disabled_at, reason) VALUES (?, ?, '410 Gone')
                ON CONFLICT(department_id) DO UPDATE SET disabled_at = excluded.disabled_at, reason = excluded.reason
                """, [item.departmentID, startedAt])
        }
    }

    /// The state staff see for an outbox row `o` joined with its department `d`: its status, or
    /// `disabled` while it waits for a disabled department.
    static let shownStatus = "CASE WHEN o.status IN ('pending', 'retrying') AND d.disabled_at IS NOT NULL THEN 'disabled' ELSE o.status END"

    /// Deliveries, newest first; only those with `status` when given (disabled: rows of disabled departments).
    public func deliveries(status: String? = nil) throws -> [Delivery] {
        try database.read { db in
            try db.rows(
                """
                SELECT a.reference, o.kind, o.department_id, \(Self.shownStatus) AS shown,
                       o.attempts, o.next_attempt_at, o.delivered_at, o.last_error
                FROM outbox o JOIN application a ON a.id = o.application_id
                LEFT JOIN department_endpoint d ON d.department_id = o.department_id
                ORDER BY a.submitted_at DESC, a.reference DESC, o.id DESC
                """, []
            ).map { row in
                Delivery(
                    reference: try row["reference"], kind: try row["kind"], department: try row["department_id"], status: try row["shown"],
                    attempts: try row["attempts"], nextAttemptAt: try row["next_attempt_at"], deliveredAt: try row["delivered_at"],
                    lastError: try row["last_error"])
            }
            .filter { status == nil || $0.status == status }
        }
    }

    /// The attempts of every delivery of the application with this reference (the application and
    /// its documents), oldest first; nil when there is no such application.
    public func attempts(reference: String) throws -> [Attempt]? {
        try database.read { db in
            guard try db.exists("SELECT 1 FROM application WHERE reference = ?", [reference]) else { return nil }
            return try db.rows(
                """
                SELECT t.started_at, t.duration_ms, t.status, t.error FROM delivery_attempt t
                JOIN outbox o ON o.id = t.outbox_id JOIN application a ON a.id = o.application_id
                WHERE a.reference = ? ORDER BY t.id
                """, [reference]
            )
            .map { row in
                Attempt(
                    startedAt: try row["started_at"], durationMilliseconds: try row["duration_ms"], status: try row["status"],
                    error: try row["error"])
            }
        }
    }

    /// Makes a delivery due now again (also a dead-lettered one); false when the reference is unknown.
    @discardableResult
    public func retry(reference: String, now: Date = Date()) throws -> Bool {
        try database.write { db in
            try db.execute(
                """
                UPDATE outbox SET status = 'retrying', next_attempt_at = ?, lease_until = NULL, lease_owner = NULL
                WHERE status != 'delivered' AND application_id = (SELECT id FROM application WHERE reference = ?)
                """, [now, reference]) > 0
        }
    }

    /// Enables a department's endpoint again after a 410; its waiting rows are due at once.
    @discardableResult
    public func enable(department: String, now: Date = Date()) throws -> Bool {
        try database.write { db in
            let changed =
                try db.execute(
                    "UPDATE department_endpoint SET disabled_at = NULL, reason = NULL WHERE department_id = ? AND disabled_at IS NOT NULL",
                    [department]) > 0
            try db.execute("UPDATE outbox SET next_attempt_at = ? WHERE department_id = ? AND status IN ('pending', 'retrying')", [now, department])
            return changed
        }
    }

    /// The state of the application with this reference, with the steps its department reported,
    /// for the citizen who asks (`antragsstatus`).
    public func status(reference: String) throws -> ApplicationStatus? {
        try database.read { db in
            guard
                let row = try db.row(
                    """
                    SELECT a.id, a.reference, a.department_id, a.form_id, a.submitted_at, a.data, o.status, o.delivered_at, d.disabled_at
                    FROM application a LEFT JOIN outbox o ON o.application_id = a.id AND o.kind = 'application.submitted'
                    LEFT JOIN department_endpoint d ON d.department_id = a.department_id
                    WHERE a.reference = ?
                    """, [reference.uppercased()])
            else { return nil }
            let status: String? = try row["status"]
            let disabled: Date? = try row["disabled_at"]
            let state: ApplicationStatus.State =
                switch status {
                case "delivered": .delivered
                case "dead": .problem
                case "retrying": disabled == nil ? .retrying : .problem
                default: disabled == nil ? .received : .problem
                }
            let dataText: String = try row["data"]
            let data = (try? JSONSerialization.jsonObject(with: Data(dataText.utf8)) as? [String: Any]) ?? [:]
            let identifiers = Set(
                data.values.compactMap { $0 as? String }
                    .filter { $0.contains("@") || ($0.count == 5 && $0.allSatisfy(\.isNumber)) }.map { $0.lowercased() })
            let applicationID: String = try row["id"]
            return ApplicationStatus(
                reference: try row["reference"], departmentID: try row["department_id"], state: state, deliveredAt: try row["delivered_at"],
                identifiers: identifiers, formID: try row["form_id"], submittedAt: try row["submitted_at"],
                events: try Self.events(ofApplication: applicationID, db), openRequests: try Self.openRequests(applicationID, db))
        }
    }

    /// Departments whose endpoint is disabled.
    public func disabledDepartments() throws -> [String] {
        try database.read { db in
            try db.rows("SELECT department_id FROM department_endpoint WHERE disabled_at IS NOT NULL ORDER BY department_id", []).map {
                try $0["department_id"]
            }
        }
    }
}

extension ConversationStore {
    /// How many confirmed applications are in each delivery state (`pending`, `retrying`,
    /// `delivered`, `dead`, and `disabled` for rows of disabled departments).
    public func deliveryCounts() throws -> [String: Int] {
        try database.read { db in
            let rows = try db.rows(
                """
                SELECT \(Self.shownStatus) AS shown, COUNT(*) AS count
                FROM outbox o LEFT JOIN department_endpoint d ON d.department_id = o.department_id
                GROUP BY shown
                """, [])
            return Dictionary(uniqueKeysWithValues: try rows.map { (try $0["shown"] as String, try $0["count"] as Int) })
        }
    }

    /// Gives up the leases `owner` still holds, so that another worker can send those rows at once
    /// (called when a worker shuts down).
    @discardableResult
    public func releaseLeases(owner: String) throws -> Int {
        try writeTransaction { db in
            try db.execute("UPDATE outbox SET lease_until = NULL, lease_owner = NULL WHERE lease_owner = ?", [owner])
        }
    }

    /// Queues the message `messageID` of `kind` about the submitted `application` for its department,
    /// due at once.
    static func queue(_ kind: OutboxItem.Kind, messageID: String, of application: SubmittedApplication, in db: any SQLConnection) throws {
        try db.execute(
            """
            INSERT INTO outbox (application_id, kind, message_id, department_id, next_attempt_at, created_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            [
                application.id, kind.rawValue, messageID, application.departmentID, application.submittedAt, application.submittedAt,
            ])
    }
}
