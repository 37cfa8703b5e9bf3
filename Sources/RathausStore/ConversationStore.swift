import Foundation
import GRDB
import RathausCore

/// Conversations, their transcripts, and confirmed applications with their outbox rows, in one
/// SQLite file (GRDB over the system SQLite, WAL journal, readers beside the one writer).
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

    let database: DatabasePool
    /// The letters before the year in reference numbers ("MS" in "MS-2026-000042").
    public let referencePrefix: String

    /// Size of a database page in a new file (SQLite's default is 4,096; a file keeps the size it was
    /// created with). Every commit writes each page it changed whole into the write-ahead log, and a
    /// turn changes the last page of the transcript, a page of its index and the conversation's page:
    /// with 2 KiB pages a turn writes half the bytes (about 4 instead of 8 KiB, in runs of four
    /// turns per commit), and the writer runs about 5 % fewer instructions.
    static let pageBytes = 2_048

    /// Pages the write-ahead log may hold before SQLite copies them into the database file (its
    /// default is 1,000). Under load the same pages (conversation rows, the transcript's last page)
    /// are written again and again; copying them less often gave 10-20 % more turns per second in
    /// `Benchmarks/load.py`, at the price of a pause for the commit that copies them, which every
    /// turn waiting behind it feels (p99 under saturation 23-29 ms with 1,000 pages of 4 KiB,
    /// 79-90 ms with 80 MB of them; a copy on a connection of its own every second did not shorten
    /// it). With 2 KiB pages, 40 MB gave a p99 of 66 ms against 121-126 ms with 80 MB, at the same
    /// turns per second. The log file grows to about 40 MB and stays that size.
    static let checkpointPages = 40 * 1_024 * 1_024 / pageBytes

    /// Page cache of each connection, in KiB (SQLite's default is 2,000). The writer touches, for
    /// every turn, its conversation's row and the last index page of its transcript; with the
    /// default, the transcript pages appended meanwhile pushed those out and they were read back
    /// from the write-ahead log.
    static let cacheKibibytes = 16_000

    /// Opens (and creates or migrates) the database at `path`.
    public init(path: String, referencePrefix: String = "MS") throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA page_size = \(Self.pageBytes)")  // takes effect only in a new file
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.checkpointPages)")
            try db.execute(sql: "PRAGMA cache_size = -\(Self.cacheKibibytes)")
        }
        configuration.busyMode = .timeout(5)
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = try DatabasePool(path: path, configuration: configuration)
        self.referencePrefix = referencePrefix
        try Self.migrator.migrate(database)
    }

    /// The schema, one migration per change.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "conversation") { table in
                table.primaryKey("id", .text)
                table.column("snapshot", .text).notNull()
                table.column("created_at", .datetime).notNull()
                table.column("updated_at", .datetime).notNull()
            }
            try db.create(table: "transcript") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("conversation_id", .text).notNull().indexed()
                    .references("conversation", onDelete: .cascade)
                table.column("speaker", .text).notNull()
                table.column("text", .text).notNull()
                table.column("created_at", .datetime).notNull()
            }
            try db.create(table: "application") { table in
                table.primaryKey("id", .text)
                table.column("reference", .text).notNull().unique()
                table.column("conversation_id", .text).notNull()
                table.column("form_id", .text).notNull()
                table.column("schema_version", .integer).notNull()
                table.column("service_name", .text).notNull()
                table.column("service_key", .text).notNull()
                table.column("department_id", .text).notNull()
                table.column("submitted_at", .datetime).notNull()
                table.column("data", .text).notNull()
            }
            try db.create(table: "outbox") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("application_id", .text).notNull().unique()
                    .references("application", onDelete: .restrict)
                table.column("department_id", .text).notNull()
                table.column("status", .text).notNull().defaults(to: "pending")
                table.column("attempts", .integer).notNull().defaults(to: 0)
                table.column("next_attempt_at", .datetime).notNull()
                table.column("created_at", .datetime).notNull()
            }
        }
        registerDeliveryMigration(&migrator)
        registerTokenMigration(&migrator)
        registerTurnMigration(&migrator)
        return migrator
    }

    /// Runs `work` in an IMMEDIATE transaction: it takes the write lock at once, so two processes
    /// claiming rows never read the same rows before either writes.
    /// With `durable`, the commit is synced to disk (`synchronous=FULL`) before it returns.
    func writeTransaction<Value>(durable: Bool = false, _ work: (Database) throws -> Value) throws -> Value {
        try database.writeWithoutTransaction { db in
            if durable { try db.execute(sql: "PRAGMA synchronous = FULL") }
            defer { if durable { try? db.execute(sql: "PRAGMA synchronous = NORMAL") } }
            var result: Value?
            try db.inTransaction(.immediate) {
                result = try work(db)
                return .commit
            }
            return result!
        }
    }

    // MARK: - Conversations

    /// One answered turn to store: the conversation's new state, what the citizen wrote and the replies.
    public struct RecordedTurn: Sendable {
        /// The conversation's state after the turn.
        public let snapshot: ChatSession.Snapshot
        /// What the citizen wrote.
        public let citizen: String
        /// What the assistant answered, as stored: the JSON array of the replies (UTF-8).
        public let repliesJSON: [UInt8]
        /// Whether the turn may create the conversation; when false and the conversation is gone
        /// (deleted or purged meanwhile), nothing is stored and ``ConversationGone`` is thrown.
        public let mayCreate: Bool

        /// A turn to store, its replies given as their JSON array (`JSONOutput.array(replies)`),
        /// which the server has already written for the response.
        public init(snapshot: ChatSession.Snapshot, citizen: String, repliesJSON: [UInt8], mayCreate: Bool = true) {
            self.snapshot = snapshot
            self.citizen = citizen
            self.repliesJSON = repliesJSON
            self.mayCreate = mayCreate
        }

        /// A turn to store.
        public init(snapshot: ChatSession.Snapshot, citizen: String, replies: [String], mayCreate: Bool = true) {
            self.init(snapshot: snapshot, citizen: citizen, repliesJSON: JSONOutput.array(replies), mayCreate: mayCreate)
        }
    }

    /// Thrown by ``record(_:now:)`` for a turn of a conversation that was deleted meanwhile; the
    /// other turns of the batch are stored.
    public struct ConversationGone: Error, Sendable {
        /// The conversations that were gone.
        public let ids: Set<String>
    }

    /// Stores the conversation's state and appends one turn to its transcript, in one transaction.
    public func record(_ snapshot: ChatSession.Snapshot, citizen: String, replies: [String], now: Date = Date()) throws {
        try record([RecordedTurn(snapshot: snapshot, citizen: citizen, replies: replies)], now: now)
    }

    /// Stores several turns (of any conversations) in one transaction: each conversation's state and
    /// one transcript row per turn. Turns of conversations that are gone and may not be created are left
    /// out and reported by throwing ``ConversationGone`` after the others are committed.
    public func record(_ turns: [RecordedTurn], now: Date = Date()) throws {
        let encoder = JSONEncoder()
        let states = try turns.map { try SnapshotEncoding.json($0.snapshot, encoder: encoder) }
        let now = UTCTimestamp.text(for: now)  // as GRDB stores dates, formatted once for every row of the batch
        let gone: Set<String> = try database.write { db in
            var gone: Set<String> = []
            let upsert = try db.cachedStatement(sql: """
                INSERT INTO conversation (id, snapshot, created_at, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET snapshot = excluded.snapshot, updated_at = excluded.updated_at
                """)
            let update = try db.cachedStatement(sql: "UPDATE conversation SET snapshot = ?, updated_at = ? WHERE id = ?")
            let insertTurn = try db.cachedStatement(sql: "INSERT INTO turn (conversation_id, citizen, replies, created_at) VALUES (?, ?, ?, ?)")
            // Bound directly (`Statement.run(binding:)`): the replies' JSON goes in as the bytes
            // `JSONOutput` wrote, stored as text without Swift checking its UTF-8 again.
            for (number, turn) in turns.enumerated() {
                let state = states[number]
                let id = turn.snapshot.id
                if turn.mayCreate {
                    try upsert.run(binding: [.string(id), .string(state), .string(now), .string(now)])
                } else {
                    try update.run(binding: [.string(state), .string(now), .string(id)])
                    if db.changesCount == 0 {
                        gone.insert(id)
                        continue
                    }
                }
                try insertTurn.run(binding: [.string(id), .string(turn.citizen), .utf8(turn.repliesJSON), .string(now)])
            }
            return gone
        }
        if !gone.isEmpty { throw ConversationGone(ids: gone) }
    }

    /// The stored state of a conversation, or nil when there is none with this id.
    public func snapshot(id: String) throws -> ChatSession.Snapshot? {
        // One SELECT is atomic on its own: no read transaction needed around it.
        let text = try database.unsafeRead { db in
            try String.fetchOne(db, sql: "SELECT snapshot FROM conversation WHERE id = ?", arguments: [id])
        }
        guard let text else { return nil }
        return try JSONDecoder().decode(ChatSession.Snapshot.self, from: Data(text.utf8))
    }

    /// Deletes a conversation, its transcript and its draft (the citizen's right to erasure).
    /// Submitted applications stay until they are delivered: they belong to the department now.
    @discardableResult
    public func deleteConversation(id: String) throws -> Bool {
        try database.write { db in
            try db.execute(sql: "DELETE FROM conversation WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    /// What a purge deleted.
    public struct PurgeResult: Sendable, Hashable {
        /// Conversations (with transcripts and drafts) removed.
        public let conversations: Int
    }

    /// Deletes conversations (with their transcripts and unfinished drafts) untouched for `days` days.
    public func purge(olderThan days: Int, now: Date = Date()) throws -> PurgeResult {
        let cutoff = now.addingTimeInterval(-Double(days) * 86_400)
        return try database.write { db in
            try db.execute(sql: "DELETE FROM conversation WHERE updated_at < ?", arguments: [cutoff])
            return PurgeResult(conversations: db.changesCount)
        }
    }

    // MARK: - Applications

    /// Stores a confirmed application and its outbox row in one transaction and returns the new
    /// reference number, `PREFIX-YEAR-NNNNNN`, counting per year.
    public func submit(_ application: SubmittedApplication) throws -> String {
        let year = Calendar(identifier: .gregorian).component(.year, from: application.submittedAt)
        let data = String(decoding: application.dataJSON, as: UTF8.self)
        return try writeTransaction(durable: true) { db in
            let prefix = "\(referencePrefix)-\(year)-"
            let last = try String.fetchOne(db, sql: "SELECT MAX(reference) FROM application WHERE reference LIKE ?", arguments: [prefix + "%"])
            let number = (last.flatMap { Int($0.dropFirst(prefix.count)) } ?? 0) + 1
            let reference = prefix + String(format: "%06d", number)
            try db.execute(sql: """
                INSERT INTO application (id, reference, conversation_id, form_id, schema_version, service_name, service_key,
                                         department_id, submitted_at, data)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [application.id, reference, application.conversationID, application.formID, application.schemaVersion,
                                 application.serviceName, application.serviceKey, application.departmentID, application.submittedAt, data])
            try db.execute(sql: """
                INSERT INTO outbox (application_id, department_id, next_attempt_at, created_at) VALUES (?, ?, ?, ?)
                """, arguments: [application.id, application.departmentID, application.submittedAt, application.submittedAt])
            return reference
        }
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
            try Row.fetchAll(db, sql: """
                SELECT a.reference, a.form_id, a.data, o.status FROM application a
                LEFT JOIN outbox o ON o.application_id = a.id ORDER BY a.submitted_at, a.reference
                """).map { StoredApplication(reference: $0[0], formID: $0[1], data: $0[2], outboxStatus: $0[3]) }
        }
    }
}
