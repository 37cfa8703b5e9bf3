import Foundation
import RathausCatalog
import RathausDialog

/// Conversations, their transcripts, and confirmed applications with their outbox rows, in one
/// SQLite file (GRDB over the system SQLite, WAL journal, readers beside the one writer) or in a
/// PostgreSQL database that several servers share (see `docs/storage.md`).
///
/// A confirmed application and its outbox row are written in one transaction with
/// `synchronous=FULL`, so an application never exists without the row that gets it delivered and
/// survives a power loss once confirmed. Conversation turns are written with `synchronous=NORMAL`:
/// in WAL mode that survives any crash of the process, and only a power loss can take back the
/// last turns of a conversation (never an application). Transcripts and unfinished drafts are
/// deleted by ``purge(olderThan:now:)`` after the retention period.
public final class ConversationStore: ApplicationSink, Sendable {
    /// Why the store could not do something; never contains citizen text.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        /// What went wrong.
        public let description: String
    }

    /// The database: SQLite or PostgreSQL.
    let database: any SQLDatabase
    /// The letters before the year in reference numbers ("MS" in "MS-2026-000042").
    public let referencePrefix: String
    /// How long a turn waits on PostgreSQL for another server's turn of the same conversation
    /// (``holdConversation(_:)``) before it gives up with ``ConversationBusy``.
    public let holdWait: Duration

    /// Opens (and creates or migrates) the database at `path`, a SQLite file, or the PostgreSQL
    /// database a `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE` URL names (its migrations run
    /// once even when several servers start at the same moment); `referencePrefix` starts the
    /// reference numbers of applications (see ``submit(_:)``). `holdWait` bounds the wait for a
    /// conversation another server holds: a turn takes milliseconds, so a far longer hold means that
    /// server hangs (one that died lets go at once). The default is generous because each waiting
    /// turn blocks a Dispatch thread, and on an overloaded two-core machine the holders' own next
    /// steps then waited for threads: in debug test runs beside the whole suite, waits passed 30 s.
    public init(path: String, referencePrefix: String = "MS", holdWait: Duration = .seconds(300)) throws {
        self.referencePrefix = referencePrefix
        self.holdWait = holdWait
        if let postgres = try PostgreSQLDatabase.configuration(url: path) {
            database = PostgreSQLDatabase(configuration: postgres)
            try Self.migratePostgreSQL(database)
        } else {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let file = try SQLiteDatabase(path: path, configuration: Self.configuration)
            database = file
            try Self.migrator.migrate(file.pool)
        }
    }

    /// True when other processes may write this store's database meanwhile (PostgreSQL, shared
    /// by several servers): what a process remembers of a conversation may be out of date.
    public var isShared: Bool { database.dialect == .postgres }

    /// True when `location` names a PostgreSQL database rather than a SQLite file.
    public static func isPostgreSQL(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }

    /// `location` as messages and logs may show it: a PostgreSQL URL without its password.
    public static func shownLocation(_ location: String) -> String {
        guard isPostgreSQL(location), var url = URLComponents(string: location), url.password != nil else { return location }
        url.password = "***"
        return url.string ?? "postgres://…"
    }

    /// A value as the JSON text of a column: a conversation's snapshot, a turn's replies (an array
    /// of strings). `JSONDecoder` reads it back.
    static func jsonText(_ value: some Encodable, encoder: JSONEncoder = JSONEncoder()) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// An application's data as the JSON text of its column: an object with typed values (text as
    /// strings, numbers as numbers, yes/no as booleans, dates "2027-04-03", times "14:30", choices by
    /// option id, documents as `{document_id, label, media_type, size, sha256}`), keys sorted.
    static func dataText(_ application: SubmittedApplication) -> String {
        var object: [String: Any] = [:]
        for entry in application.data {
            switch entry.value {
            case .number(let number): object[entry.field] = number
            case .bool(let flag): object[entry.field] = flag
            case .document(let document):
                object[entry.field] =
                    [
                        "document_id": document.id, "label": document.label, "media_type": document.mediaType,
                        "size": document.byteCount, "sha256": document.sha256,
                    ] as [String: Any]
            default: object[entry.field] = entry.value.canonical
            }
        }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// A conversation's state as the JSON text of its column. Between questions (no form, no
    /// offered values, no status question), which is most turns, the few fields are written
    /// directly; any other state (a form, offered values, a status question, an e-mail offer) goes
    /// through `encoder`. `JSONDecoder` reads both back.
    static func stateText(_ snapshot: ChatSession.Snapshot, encoder: JSONEncoder) throws -> String {
        guard snapshot.dialog == nil, snapshot.offeredValues.isEmpty, snapshot.statusQuery == nil, snapshot.notificationOffer == nil else {
            return try jsonText(snapshot, encoder: encoder)
        }
        var out = "{\"id\":" + JSONString.quoted(snapshot.id) + ",\"offeredValues\":{}"
        if let service = snapshot.currentService { out += ",\"currentService\":" + JSONString.quoted(service) }
        if let choice = snapshot.pendingChoice { out += ",\"pendingChoice\":" + JSONString.array(choice) }
        if let form = snapshot.offeredForm { out += ",\"offeredForm\":" + JSONString.quoted(form) }
        if let references = snapshot.submittedReferences { out += ",\"submittedReferences\":" + JSONString.array(references) }
        if let aspect = snapshot.currentAspect { out += ",\"currentAspect\":" + JSONString.quoted(aspect.rawValue) }
        if let announced = snapshot.announcedRequests { out += ",\"announcedRequests\":" + JSONString.array(announced) }
        if let misses = snapshot.missedTurns { out += ",\"missedTurns\":\(misses)" }
        if let unhelpful = snapshot.unhelpfulAnswersInARow { out += ",\"unhelpfulAnswersInARow\":\(unhelpful)" }
        if let language = snapshot.language { out += ",\"language\":" + JSONString.quoted(language.rawValue) }
        if let chosen = snapshot.languageChosen { out += ",\"languageChosen\":\(chosen)" }
        return out + "}"
    }

    /// Runs `work` in an IMMEDIATE transaction: it takes the write lock at once, so two processes
    /// claiming rows never read the same rows before either writes (on PostgreSQL, the queries lock
    /// the rows they claim themselves). With `durable`, the commit is synced to disk
    /// (`synchronous=FULL`) before it returns.
    func writeTransaction<Value>(durable: Bool = false, _ work: (any SQLConnection) throws -> Value) throws -> Value {
        try database.write(durable ? .durable : .immediate, work)
    }

    // MARK: - Conversations

    /// One answered turn to store: the conversation's new state, what the citizen wrote and the replies.
    public struct RecordedTurn: Sendable {
        /// The conversation's state after the turn.
        public let snapshot: ChatSession.Snapshot
        /// What the citizen wrote.
        public let citizen: String
        /// What the assistant answered, in order.
        public let replies: [String]
        /// Whether the turn may create the conversation; when false and the conversation is gone
        /// (deleted or purged meanwhile), nothing is stored and ``ConversationGone`` is thrown.
        public let mayCreate: Bool
        /// What the turn did, stored with it for the staff report; feedback in it is stored with
        /// the conversation's latest answer before it.
        public let facts: TurnFacts

        /// A turn to store.
        public init(
            snapshot: ChatSession.Snapshot, citizen: String, replies: [String], mayCreate: Bool = true, facts: TurnFacts = TurnFacts()
        ) {
            self.snapshot = snapshot
            self.citizen = citizen
            self.replies = replies
            self.mayCreate = mayCreate
            self.facts = facts
        }
    }

    /// Thrown by ``record(_:now:)`` for a turn of a conversation that was deleted meanwhile; the
    /// other turns of the batch are stored.
    public struct ConversationGone: Error, Sendable {
        /// The conversations that were gone.
        public let ids: Set<String>
    }

    /// Stores the conversation's state and appends one turn to its transcript, in one transaction.
    public func record(
        _ snapshot: ChatSession.Snapshot, citizen: String, replies: [String], facts: TurnFacts = TurnFacts(), now: Date = Date()
    ) throws {
        try record([RecordedTurn(snapshot: snapshot, citizen: citizen, replies: replies, facts: facts)], now: now)
    }

    /// Stores several turns (of any conversations) in one transaction: each conversation's state and
    /// one transcript row per turn. Turns of conversations that are gone and may not be created are left
    /// out and reported by throwing ``ConversationGone`` after the others are committed.
    public func record(_ turns: [RecordedTurn], now: Date = Date()) throws {
        // Encoded before the write, so that the write lock is held for the SQL alone.
        let encoder = JSONEncoder()
        let columns = try turns.map { turn in
            (state: try Self.stateText(turn.snapshot, encoder: encoder), replies: JSONString.array(turn.replies))
        }
        // SQLite keeps dates as text: formatted once for every row of the batch.
        let now: SQLValue = database.dialect == .sqlite ? .text(UTCTimestamp.text(for: now)) : .date(now)
        let gone: Set<String> = try database.write { db in
            var gone: Set<String> = []
            for (turn, column) in zip(turns, columns) {
                let id = turn.snapshot.id
                if turn.mayCreate {
                    try db.execute(Self.upsertConversation, [id, column.state, now, now])
                } else if try db.execute(Self.updateConversation, [column.state, now, id]) == 0 {
                    gone.insert(id)
                    continue
                }
                let facts = turn.facts
                if let helpful = facts.feedback, facts.kind == .feedback {
                    try Self.setFeedback(helpful, onLatestAnswerOf: id, db)
                }
                try db.execute(
                    "INSERT INTO turn (conversation_id, \(Self.turnColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [id] + Self.turnValues(turn, replies: column.replies, at: now))
            }
            return gone
        }
        if !gone.isEmpty { throw ConversationGone(ids: gone) }
    }

    /// Stores a conversation's state, creating its row when there is none: id, state, now, now.
    static let upsertConversation = """
        INSERT INTO conversation (id, snapshot, created_at, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT(id) DO UPDATE SET snapshot = excluded.snapshot, updated_at = excluded.updated_at
        """
    /// Stores the state of an existing conversation: state, now, id.
    static let updateConversation = "UPDATE conversation SET snapshot = ?, updated_at = ? WHERE id = ?"

    /// The transcript columns of a turn after `conversation_id`, in the order of ``turnValues(_:replies:at:)``.
    static let turnColumns =
        "citizen, replies, created_at, kind, intent, department, after_clarification, form_id, form_event, form_step, rejected_field"

    /// A turn's values for ``turnColumns``: its replies already as JSON text, `now` as the database keeps moments.
    static func turnValues(_ turn: RecordedTurn, replies: String, at now: any SQLArgument) -> [any SQLArgument] {
        let facts = turn.facts
        return [
            turn.citizen, replies, now, facts.kind.rawValue, facts.intent, facts.department, facts.resolvesClarification, facts.form,
            facts.formEvent?.rawValue, facts.formStep, facts.rejectedField,
        ]
    }

    /// The stored state of a conversation, or nil when there is none with this id; the state `hold`
    /// read when given.
    public func snapshot(id: String, holding hold: ConversationHold? = nil) throws -> ChatSession.Snapshot? {
        let text: String? =
            if let hold { hold.state } else {
                try database.read { db in try db.row("SELECT snapshot FROM conversation WHERE id = ?", [id])?["snapshot"] }
            }
        guard let text else { return nil }
        return try JSONDecoder().decode(ChatSession.Snapshot.self, from: Data(text.utf8))
    }

    /// Deletes a conversation, its transcript and its draft (the citizen's right to erasure), and
    /// the documents it sent for its applications, with their deliveries not yet made. Submitted
    /// applications and their steps stay: they belong to the department's procedure now.
    @discardableResult
    public func deleteConversation(id: String) throws -> Bool {
        try database.write { db in
            let documents = "SELECT d.id FROM document d JOIN application a ON a.id = d.application_id WHERE a.conversation_id = ?"
            try db.execute(
                "DELETE FROM outbox WHERE kind = ? AND status != 'delivered' AND message_id IN (\(documents))",
                [OutboxItem.Kind.documentsSubmitted.rawValue, id])
            try db.execute("DELETE FROM document WHERE id IN (\(documents))", [id])
            // No more e-mails to the citizen's address: the consent, the e-mails not yet sent.
            let emails = "SELECT e.id FROM email e JOIN application a ON a.id = e.application_id WHERE a.conversation_id = ?"
            try db.execute(
                "DELETE FROM outbox WHERE kind = ? AND status != 'delivered' AND message_id IN (\(emails))",
                [OutboxItem.Kind.emailNotification.rawValue, id])
            try db.execute("DELETE FROM email WHERE id IN (\(emails))", [id])
            try db.execute("UPDATE application SET notify_email = NULL WHERE conversation_id = ?", [id])
            return try db.execute("DELETE FROM conversation WHERE id = ?", [id]) > 0
        }
    }

    /// What a purge deleted.
    public struct PurgeResult: Sendable, Hashable {
        /// Conversations (with transcripts and drafts) removed.
        public let conversations: Int
        /// Documents whose content was removed (their name, size and checksum stay).
        public var documents = 0
    }

    /// Deletes conversations (with their transcripts and unfinished drafts) untouched for `days`
    /// days, and the content of documents sent more than `days` days ago once they are delivered
    /// and their application's procedure has ended (completed or withdrawn).
    public func purge(olderThan days: Int, now: Date = Date()) throws -> PurgeResult {
        let cutoff = now.addingTimeInterval(-Double(days) * 86_400)
        return try database.write { db in
            var result = PurgeResult(conversations: try db.execute("DELETE FROM conversation WHERE updated_at < ?", [cutoff]))
            result.documents = try db.execute(
                """
                    UPDATE document SET content = NULL
                    WHERE content IS NOT NULL AND uploaded_at < ?
                      AND EXISTS (SELECT 1 FROM outbox o WHERE o.message_id = document.id AND o.status = 'delivered')
                      AND EXISTS (SELECT 1 FROM procedure_event e WHERE e.application_id = document.application_id
                                  AND e.kind IN ('completed', 'withdrawn'))
                """, [cutoff])
            // Sent e-mails hold the citizen's address: gone after the retention period.
            try db.execute(
                """
                DELETE FROM email WHERE created_at < ?
                  AND EXISTS (SELECT 1 FROM outbox o WHERE o.message_id = email.id AND o.status = 'delivered')
                """, [cutoff])
            return result
        }
    }

    // MARK: - Applications

    /// Stores a confirmed application and its outbox row in one transaction, with the files sent for
    /// its document fields and their outbox rows, and returns the new reference number,
    /// `PREFIX-YEAR-NNNNNN`, counting per year. When the citizen agreed
    /// (``SubmittedApplication/includesTranscript``), a copy of the conversation's transcript so far
    /// is stored with it, so that every delivery attempt sends the same one, also after the
    /// conversation was deleted or purged. The same application again (same id, conversation, form
    /// and values: a confirmation whose turn a crash kept from being stored) gets the reference it
    /// got the first time and is kept once; another application under a used id is refused.
    public func submit(_ application: SubmittedApplication) throws -> String {
        let year = Calendar(identifier: .gregorian).component(.year, from: application.submittedAt)
        let data = Self.dataText(application)
        return try writeTransaction(durable: true) { db in
            let prefix = "\(referencePrefix)-\(year)-"
            try Self.lockReferences(prefix, db)
            if let earlier = try db.row("SELECT reference, conversation_id, form_id, data FROM application WHERE id = ?", [application.id]) {
                // The same confirmation again (its turn was not stored before a crash): its reference.
                let (conversation, form, earlierData): (String, String, String) = (
                    try earlier["conversation_id"], try earlier["form_id"], try earlier["data"]
                )
                guard conversation == application.conversationID, form == application.formID, earlierData == data else {
                    throw Failure(description: "another application has the id \(application.id) already")
                }
                return try earlier["reference"]
            }
            let last: String? = try db.row("SELECT MAX(reference) AS last FROM application WHERE reference LIKE ?", [prefix + "%"])?["last"]
            let number = (last.flatMap { Int($0.dropFirst(prefix.count)) } ?? 0) + 1
            let reference = prefix + String(format: "%06d", number)
            let transcript = application.includesTranscript ? try Self.transcriptJSON(id: application.conversationID, in: db) : nil
            try db.execute(
                """
                INSERT INTO application (id, reference, conversation_id, form_id, schema_version, service_name, service_key,
                                         department_id, submitted_at, data, transcript, language)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    application.id, reference, application.conversationID, application.formID, application.schemaVersion,
                    application.serviceName, application.serviceKey, application.departmentID, application.submittedAt, data,
                    transcript, application.language.rawValue,
                ])
            try Self.queue(.applicationSubmitted, messageID: application.id, of: application, in: db)
            try Self.moveDraftDocuments(of: application, in: db)
            return reference
        }
    }

    /// Part of a submission: makes the submissions of reference numbers starting with `prefix`
    /// wait for each other, so that each finds the one before it committed and the numbers of a
    /// year have no gap and no number twice. SQLite: the IMMEDIATE transaction already holds the
    /// file's one write lock. PostgreSQL: a transaction-level advisory lock on the prefix, held
    /// until the submission commits or rolls back; READ COMMITTED then lets the `MAX(reference)`
    /// after it see every submission that held the lock before.
    static func lockReferences(_ prefix: String, _ db: any SQLConnection) throws {
        guard db.dialect == .postgres else { return }
        try db.execute("SELECT pg_advisory_xact_lock(\(PostgreSQLSchema.referenceLockSpace), hashtext(?))", [prefix])
    }

    /// A stored application as the outbox sees it.
    public struct StoredApplication: Sendable, Hashable {
        /// The reference number.
        public let reference: String
        /// The form id.
        public let formID: String
        /// The data as stored (JSON).
        public let data: String
        /// The outbox status ("pending" until delivered), nil when the row is missing.
        public let outboxStatus: String?
    }

    /// Every application with its outbox status, oldest first.
    public func applications() throws -> [StoredApplication] {
        try database.read { db in
            try db.rows(
                """
                SELECT a.reference, a.form_id, a.data, o.status FROM application a
                LEFT JOIN outbox o ON o.application_id = a.id AND o.kind = 'application.submitted'
                ORDER BY a.submitted_at, a.reference
                """, []
            ).map { row in
                StoredApplication(
                    reference: try row["reference"], formID: try row["form_id"], data: try row["data"], outboxStatus: try row["status"])
            }
        }
    }
}
