import Foundation
import GRDB

/// The store's schema and connection settings, in one place: the settings every connection starts
/// with, and every migration in the order it runs.
///
/// A migration that has been released has run on real files: its name and its SQL never change.
/// A change to the schema is a new migration at the end of ``migrator``.
extension ConversationStore {
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

    /// The settings of every connection: the page size above (for a new file), `synchronous=NORMAL`
    /// (``writeTransaction(durable:_:)`` raises it to FULL for applications), foreign keys on, the
    /// checkpoint and cache sizes above, and a wait of up to five seconds for a lock.
    static var configuration: Configuration {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA page_size = \(Self.pageBytes)")  // takes effect only in a new file
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.checkpointPages)")
            try db.execute(sql: "PRAGMA cache_size = -\(Self.cacheKibibytes)")
        }
        configuration.busyMode = .timeout(5)
        return configuration
    }

    /// The schema, one migration per change.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        // Conversations, their transcripts line by line, applications and their outbox rows.
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

        // Delivery: leases, attempts and department endpoints.
        migrator.registerMigration("v2-delivery") { db in
            try db.alter(table: "outbox") { table in
                table.add(column: "lease_until", .datetime)
                table.add(column: "lease_owner", .text)
                table.add(column: "delivered_at", .datetime)
                table.add(column: "last_error", .text)
            }
            try db.create(index: "outbox_due", on: "outbox", columns: ["status", "next_attempt_at"])
            try db.create(table: "delivery_attempt") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("outbox_id", .integer).notNull().indexed().references("outbox", onDelete: .cascade)
                table.column("started_at", .datetime).notNull()
                table.column("duration_ms", .integer).notNull()
                table.column("status", .integer)
                table.column("error", .text)
            }
            try db.create(table: "department_endpoint") { table in
                table.primaryKey("department_id", .text)
                table.column("disabled_at", .datetime)
                table.column("reason", .text)
            }
        }

        // The token hash of each web conversation (never the token itself).
        migrator.registerMigration("v3-tokens") { db in
            try db.create(table: "conversation_token") { table in
                table.primaryKey("conversation_id", .text).references("conversation", onDelete: .cascade)
                table.column("token_hash", .text).notNull()
            }
        }

        // One row per turn: the table `turn` takes the place of `transcript`, whose lines are moved
        // into it, each citizen line with the assistant lines after it. One row per turn takes a
        // turn's write from three or so inserts, each into the table and its index, to one.
        migrator.registerMigration("v4-turns") { db in
            // A plain integer key: new rows still get ids above every row left, which is all the
            // order needs, without the bookkeeping table that AUTOINCREMENT writes on every insert.
            try db.execute(
                sql: """
                    CREATE TABLE turn (
                        id INTEGER PRIMARY KEY,
                        conversation_id TEXT NOT NULL REFERENCES conversation(id) ON DELETE CASCADE,
                        citizen TEXT,
                        replies TEXT NOT NULL,
                        created_at DATETIME NOT NULL)
                    """)
            try db.create(index: "turn_on_conversation_id", on: "turn", columns: ["conversation_id"])
            try Self.moveTranscriptLinesIntoTurns(db)
            try db.drop(table: "transcript")
        }

        // The way back: the steps a department reports after delivery, each with the time it
        // arrived; a webhook id is accepted once per application.
        migrator.registerMigration("v5-procedure-events") { db in
            try db.execute(
                sql: """
                    CREATE TABLE procedure_event (
                        id INTEGER PRIMARY KEY,
                        application_id TEXT NOT NULL REFERENCES application(id) ON DELETE CASCADE,
                        webhook_id TEXT,
                        kind TEXT NOT NULL,
                        note TEXT,
                        documents TEXT NOT NULL,
                        expected_by TEXT,
                        received_at DATETIME NOT NULL,
                        source TEXT NOT NULL,
                        UNIQUE (application_id, webhook_id))
                    """)
        }

        // The outbox carries more than applications: each row has a kind and a message id of its
        // own (the webhook id), so that an application may have several rows; the documents a
        // citizen sends on request are stored with their checksum, their content until the purge;
        // a citizen who agreed gets an e-mail for each step, queued in the same outbox.
        migrator.registerMigration("v6-outbox-messages") { db in
            try db.execute(
                sql: """
                    CREATE TABLE new_outbox (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        application_id TEXT NOT NULL REFERENCES application(id) ON DELETE RESTRICT,
                        kind TEXT NOT NULL,
                        message_id TEXT NOT NULL UNIQUE,
                        department_id TEXT NOT NULL,
                        status TEXT NOT NULL DEFAULT 'pending',
                        attempts INTEGER NOT NULL DEFAULT 0,
                        next_attempt_at DATETIME NOT NULL,
                        created_at DATETIME NOT NULL,
                        lease_until DATETIME,
                        lease_owner TEXT,
                        delivered_at DATETIME,
                        last_error TEXT);
                    INSERT INTO new_outbox (id, application_id, kind, message_id, department_id, status, attempts, next_attempt_at,
                                            created_at, lease_until, lease_owner, delivered_at, last_error)
                        SELECT id, application_id, 'application.submitted', application_id, department_id, status, attempts,
                               next_attempt_at, created_at, lease_until, lease_owner, delivered_at, last_error FROM outbox;
                    DROP TABLE outbox;
                    ALTER TABLE new_outbox RENAME TO outbox;
                    CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
                    CREATE INDEX outbox_on_application_id ON outbox(application_id);
                    CREATE TABLE document (
                        id TEXT PRIMARY KEY,
                        application_id TEXT NOT NULL REFERENCES application(id) ON DELETE CASCADE,
                        requested_id TEXT NOT NULL,
                        label TEXT NOT NULL,
                        media_type TEXT NOT NULL,
                        byte_count INTEGER NOT NULL,
                        sha256 TEXT NOT NULL,
                        content BLOB,
                        uploaded_at DATETIME NOT NULL);
                    CREATE INDEX document_on_application_id ON document(application_id);
                    ALTER TABLE application ADD COLUMN notify_email TEXT;
                    CREATE TABLE email (
                        id TEXT PRIMARY KEY,
                        application_id TEXT NOT NULL REFERENCES application(id) ON DELETE CASCADE,
                        recipient TEXT NOT NULL,
                        subject TEXT NOT NULL,
                        body TEXT NOT NULL,
                        created_at DATETIME NOT NULL);
                    """)
        }

        // Files sent as the answer to a form's document field, kept with the conversation until the
        // application is submitted (then they move to `document`) or the draft is given up.
        migrator.registerMigration("v7-draft-documents") { db in
            try db.execute(
                sql: """
                    CREATE TABLE draft_document (
                        id TEXT PRIMARY KEY,
                        conversation_id TEXT NOT NULL REFERENCES conversation(id) ON DELETE CASCADE,
                        field_id TEXT NOT NULL,
                        label TEXT NOT NULL,
                        media_type TEXT NOT NULL,
                        byte_count INTEGER NOT NULL,
                        sha256 TEXT NOT NULL,
                        content BLOB NOT NULL,
                        uploaded_at DATETIME NOT NULL);
                    CREATE INDEX draft_document_on_conversation_id ON draft_document(conversation_id);
                    """)
        }

        // A callback request may carry the conversation's transcript, copied when it is submitted
        // and only when the citizen agreed (JSON array of {"speaker", "text"}; NULL otherwise).
        migrator.registerMigration("v8-application-transcript") { db in
            try db.execute(sql: "ALTER TABLE application ADD COLUMN transcript TEXT")
        }

        // The maintenance switch of `rathaus maintenance on|off`: at most one row.
        migrator.registerMigration("v9-maintenance") { db in
            try db.execute(
                sql: """
                    CREATE TABLE maintenance (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        message TEXT,
                        since DATETIME NOT NULL)
                    """)
        }

        // What each turn did, for the staff report (`rathaus report`): its kind (answered,
        // unanswered, clarification, form, feedback, other), the intent and department answered,
        // whether it answered a „Meinten Sie …“, the online application with what happened to it,
        // the step asked next and a refused field; and the citizen's feedback on the turn's answer
        // (1 helpful, 0 not helpful). Ids from the catalogue only, never a form value. Turns stored
        // before have no kind and are left out of the report.
        migrator.registerMigration("v10-turn-facts") { db in
            try db.execute(
                sql: """
                    ALTER TABLE turn ADD COLUMN kind TEXT;
                    ALTER TABLE turn ADD COLUMN intent TEXT;
                    ALTER TABLE turn ADD COLUMN department TEXT;
                    ALTER TABLE turn ADD COLUMN after_clarification INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE turn ADD COLUMN form_id TEXT;
                    ALTER TABLE turn ADD COLUMN form_event TEXT;
                    ALTER TABLE turn ADD COLUMN form_step TEXT;
                    ALTER TABLE turn ADD COLUMN rejected_field TEXT;
                    ALTER TABLE turn ADD COLUMN feedback INTEGER;
                    """)
        }
        // The language the citizen applied in, sent with the application (values stay values).
        migrator.registerMigration("v11-application-language") { db in
            try db.execute(sql: "ALTER TABLE application ADD COLUMN language TEXT NOT NULL DEFAULT 'de'")
        }

        return migrator
    }

    /// Part of migration `v4-turns`: copies the lines of `transcript` into `turn`, a citizen line and
    /// the assistant lines after it as one turn (assistant lines before any citizen line of their
    /// conversation make a turn without a citizen text), with the time of the turn's first line.
    private static func moveTranscriptLinesIntoTurns(_ db: Database) throws {
        let insert = try db.makeStatement(sql: "INSERT INTO turn (conversation_id, citizen, replies, created_at) VALUES (?, ?, ?, ?)")
        var pending: (conversation: String, citizen: String?, replies: [String], createdAt: DatabaseValue)?
        func flush() throws {
            guard let turn = pending else { return }
            try insert.execute(arguments: [turn.conversation, turn.citizen, jsonText(turn.replies), turn.createdAt])
            pending = nil
        }
        let lines = try Row.fetchAll(db, sql: "SELECT conversation_id, speaker, text, created_at FROM transcript ORDER BY conversation_id, id")
        for line in lines {
            let conversation: String = line["conversation_id"]
            let speaker: String = line["speaker"]
            let text: String = line["text"]
            if speaker == "citizen" || pending?.conversation != conversation {
                try flush()
                pending = (conversation, speaker == "citizen" ? text : nil, [], line["created_at"])
            }
            if speaker != "citizen" { pending?.replies.append(text) }
        }
        try flush()
    }
}
