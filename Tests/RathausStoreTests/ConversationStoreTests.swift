import Foundation
import GRDB
import RathausCatalog
import RathausDialog
import RathausTestSupport
import RathausUnderstanding
import Testing

@testable import RathausStore

@Suite("The store, on SQLite and on PostgreSQL")
struct ConversationStoreTests {
    /// A store in a fresh temporary folder (SQLite) or a new database (PostgreSQL), and its location.
    static func makeStore(_ backend: StoreBackend = .sqlite) throws -> (ConversationStore, String) {
        try backend.makeStore()
    }

    static func application(id: String = UUID().uuidString, at date: Date = Date(timeIntervalSince1970: 1_795_000_000)) -> SubmittedApplication {
        SubmittedApplication(
            id: id, conversationID: "c1", formID: "sperrmuell-anmelden", schemaVersion: 1, serviceName: "Sperrmüllabholung anmelden",
            serviceKey: "local:musterstadt:sperrmuell-anmelden", departmentID: "abfallwirtschaft", submittedAt: date,
            data: [
                .init(field: "menge", type: "number", value: .number(2.5)), .init(field: "elektro", type: "yes_no", value: .bool(false)),
                .init(field: "name", type: "name", value: .text("Anna Müller")),
            ])
    }

    @Test("the file is in WAL mode (applications are committed with synchronous=FULL, turns with NORMAL)")
    func durability() throws {
        let (store, path) = try Self.makeStore()
        let queue = try DatabaseQueue(path: path)
        #expect(try queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        // The store's own connections copy the log into the file less often than SQLite's default.
        let pool = try #require(store.database as? SQLiteDatabase).pool
        #expect(try pool.read { try Int.fetchOne($0, sql: "PRAGMA wal_autocheckpoint") } == ConversationStore.checkpointPages)
        #expect(try queue.read { try Int.fetchOne($0, sql: "PRAGMA wal_autocheckpoint") } == 1000)
        // A new file has the store's page size: half the bytes written per turn.
        #expect(try queue.read { try Int.fetchOne($0, sql: "PRAGMA page_size") } == ConversationStore.pageBytes)
        #expect(ConversationStore.pageBytes == 2_048)
    }

    @Test("an application gets a reference number per year and an outbox row with it", arguments: StoreBackend.allCases)
    func submitWithOutbox(_ backend: StoreBackend) throws {
        let (store, _) = try Self.makeStore(backend)
        let first = try store.submit(Self.application())
        let second = try store.submit(Self.application())
        #expect(first == "MS-2026-000001")
        #expect(second == "MS-2026-000002")
        let stored = try store.applications()
        #expect(stored.map(\.reference) == [first, second])
        #expect(stored.allSatisfy { $0.outboxStatus == "pending" })
        #expect(stored[0].data == #"{"elektro":false,"menge":2.5,"name":"Anna Müller"}"#, "typed values")
    }

    @Test("an application never exists without its outbox row: when the outbox insert fails, nothing is stored", arguments: StoreBackend.allCases)
    func atomicity(_ backend: StoreBackend) throws {
        let (store, _) = try Self.makeStore(backend)
        switch backend {
        case .sqlite:
            try store.executeForTest("CREATE TRIGGER refuse BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox full'); END")
        case .postgres:
            try store.executeForTest("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'outbox full'; END $$")
            try store.executeForTest("CREATE TRIGGER refuse BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION refuse()")
        }
        #expect(throws: (any Error).self) { try store.submit(Self.application()) }
        #expect(try store.applications().isEmpty)
        try store.executeForTest(backend == .sqlite ? "DROP TRIGGER refuse" : "DROP TRIGGER refuse ON outbox")
        let reference = try store.submit(Self.application())
        #expect(try store.applications().map(\.reference) == [reference])
        #expect(try store.applications().first?.outboxStatus == "pending")
    }

    @Test(
        "the same application twice gets its first reference again and leaves one application with one outbox row; another under its id is refused",
        arguments: StoreBackend.allCases)
    func duplicate(_ backend: StoreBackend) throws {
        let (store, _) = try Self.makeStore(backend)
        let application = Self.application(id: "same")
        let reference = try store.submit(application)
        #expect(try store.submit(application) == reference)
        let other = SubmittedApplication(
            id: "same", conversationID: application.conversationID, formID: application.formID, schemaVersion: application.schemaVersion,
            serviceName: application.serviceName, serviceKey: application.serviceKey, departmentID: application.departmentID,
            data: application.data + [.init(field: "anmerkung", type: "text", value: .text("anders"))])
        #expect(throws: (any Error).self) { try store.submit(other) }
        #expect(try store.values("SELECT COUNT(*) AS count FROM outbox", column: "count") == [1])
        #expect(try store.applications().map(\.reference) == [reference])
    }

    @Test("a conversation's state survives reopening the store, with its transcript", arguments: StoreBackend.allCases)
    func snapshotRoundTrip(_ backend: StoreBackend) throws {
        let (store, path) = try Self.makeStore(backend)
        let catalog = try CatalogLoader(directory: Self.repositoryRoot).load()
        let form = try #require(catalog.forms["sperrmuell-anmelden"])
        var dialog = FormDialog(form: form, prefilled: ["plz": .text("12345")])
        _ = dialog.begin(
            form: form, context: .init(today: CalendarDate(year: 2026, month: 11, day: 30)!, departmentName: "A", departmentContact: "B"))
        var snapshot = ChatSession.Snapshot(id: "c9", offeredValues: [:])
        snapshot.dialog = dialog
        snapshot.currentService = "sperrmuell-anmelden"
        try store.record(snapshot, citizen: "ich will sperrmüll anmelden", replies: ["Gut", "Datenschutz"])
        let reopened = try ConversationStore(path: path)
        #expect(try reopened.snapshot(id: "c9") == snapshot)
        #expect(try reopened.transcript(id: "c9").map(\.speaker) == ["citizen", "assistant", "assistant"])
        #expect(try reopened.snapshot(id: "other") == nil)
    }

    @Test("a turn's replies are stored as text, the JSON array of the replies, and read back unchanged", arguments: StoreBackend.allCases)
    func repliesStoredAsText(_ backend: StoreBackend) throws {
        let (store, _) = try Self.makeStore(backend)
        let replies = ["Grüße „Ihre“ \"Frage\"\nzweite Zeile\t\\ 😀", "", "a\u{01}b"]
        try store.record(ChatSession.Snapshot(id: "t1", offeredValues: [:]), citizen: "wie geht das?", replies: replies)
        let typeOf = backend == .sqlite ? "typeof(replies)" : "pg_typeof(replies)::text"
        let type = try #require(try store.text("SELECT \(typeOf) AS type FROM turn WHERE conversation_id = 't1'", column: "type"))
        let text = try #require(try store.text("SELECT replies FROM turn WHERE conversation_id = 't1'", column: "replies"))
        #expect(type == "text", "a blob would not compare or search as text in SQL")
        #expect(try text == ConversationStore.jsonText(replies))
        #expect(try JSONDecoder().decode([String].self, from: Data(text.utf8)) == replies)
        #expect(try store.transcript(id: "t1").map(\.text) == ["wie geht das?"] + replies)
    }

    @Test("an empty text stays an empty text, not NULL; a failing statement throws SQLite's error")
    func emptyTextsAndFailures() throws {
        let (store, path) = try Self.makeStore()
        try store.record(ChatSession.Snapshot(id: "e1", offeredValues: [:]), citizen: "", replies: [""])
        #expect(try store.transcript(id: "e1").map { "\($0.speaker):\($0.text)" } == ["citizen:", "assistant:"])
        let queue = try DatabaseQueue(path: path)
        #expect(try queue.read { try String.fetchOne($0, sql: "SELECT typeof(citizen) FROM turn WHERE conversation_id = 'e1'") } == "text")
        // A turn whose row cannot be written (here a trigger refuses it) fails with SQLite's code
        // and message, and leaves none of its batch behind.
        try queue.write { db in
            try db.execute(sql: "CREATE TRIGGER refuse BEFORE INSERT ON turn WHEN NEW.citizen = 'verboten' BEGIN SELECT RAISE(ABORT, 'refused'); END")
        }
        let turns = [
            ConversationStore.RecordedTurn(snapshot: .init(id: "e2", offeredValues: [:]), citizen: "erlaubt", replies: ["a"]),
            ConversationStore.RecordedTurn(snapshot: .init(id: "e3", offeredValues: [:]), citizen: "verboten", replies: ["b"]),
        ]
        #expect {
            try store.record(turns)
        } throws: { error in
            let error = error as? DatabaseError
            return error?.resultCode == .SQLITE_CONSTRAINT && error?.message == "refused" && error?.sql?.contains("INSERT INTO turn") == true
        }
        #expect(try store.transcript(id: "e2").isEmpty, "the batch is one transaction")
        #expect(try store.snapshot(id: "e2") == nil)
    }

    @Test(
        "a turn that may not create its conversation, when it is gone, throws ConversationGone for it; the batch's other turns are stored",
        arguments: StoreBackend.allCases)
    func goneConversation(_ backend: StoreBackend) throws {
        let (store, _) = try Self.makeStore(backend)
        try store.record(.init(id: "kept", offeredValues: [:]), citizen: "hallo", replies: ["Guten Tag"])
        var kept = ChatSession.Snapshot(id: "kept")
        kept.currentService = "reisepass-beantragen"
        let turns = [
            ConversationStore.RecordedTurn(snapshot: kept, citizen: "reisepass", replies: ["37 Euro."], mayCreate: false),
            ConversationStore.RecordedTurn(snapshot: .init(id: "deleted"), citizen: "noch da?", replies: ["Ja."], mayCreate: false),
            ConversationStore.RecordedTurn(snapshot: .init(id: "new"), citizen: "hallo", replies: ["Guten Tag"]),
        ]
        #expect {
            try store.record(turns)
        } throws: { error in
            (error as? ConversationStore.ConversationGone)?.ids == ["deleted"]
        }
        #expect(try store.snapshot(id: "deleted") == nil)
        #expect(try store.transcript(id: "deleted").isEmpty)
        #expect(try store.snapshot(id: "kept") == kept)
        #expect(try store.transcript(id: "kept").map(\.text) == ["hallo", "Guten Tag", "reisepass", "37 Euro."])
        #expect(try store.transcript(id: "new").map(\.text) == ["hallo", "Guten Tag"])
    }

    @Test("a web conversation is read back only with its token's hash", arguments: StoreBackend.allCases)
    func tokens(_ backend: StoreBackend) throws {
        let (store, _) = try Self.makeStore(backend)
        let snapshot = ChatSession.Snapshot(id: "w1", currentService: "sperrmuell-anmelden")
        try store.create(snapshot, tokenHash: "abc123")
        #expect(try store.snapshot(id: "w1", tokenHash: "abc123") == snapshot)
        #expect(try store.snapshot(id: "w1", tokenHash: "abc124") == nil)
        #expect(try store.snapshot(id: "w1", tokenHash: "abc12") == nil)
        #expect(try store.snapshot(id: "w2", tokenHash: "abc123") == nil)
        #expect(try store.snapshot(id: "w1") == snapshot)
        #expect(throws: (any Error).self, "the id is taken") { try store.create(snapshot, tokenHash: "other") }
        #expect(try store.values("SELECT token_hash FROM conversation_token WHERE conversation_id = 'w1'", column: "token_hash") == ["abc123"])
        #expect(try store.deleteConversation(id: "w1"))
        #expect(try store.snapshot(id: "w1", tokenHash: "abc123") == nil)
        #expect(try store.values("SELECT COUNT(*) AS count FROM conversation_token", column: "count") == [0], "deleted with its conversation")
        #expect(ConversationStore.constantTimeEqual("abc", "abc"))
        #expect(!ConversationStore.constantTimeEqual("abc", "abd"))
        #expect(!ConversationStore.constantTimeEqual("abc", "abcd"))
    }

    /// Every migration, in the order it runs.
    static let migrations = [
        "v1", "v2-delivery", "v3-tokens", "v4-turns", "v5-procedure-events", "v6-outbox-messages", "v7-draft-documents",
        "v8-application-transcript", "v9-maintenance", "v10-turn-facts", "v11-application-language",
    ]

    @Test("the migrations keep the names under which they ran on existing files, in order")
    func migrationNames() throws {
        #expect(ConversationStore.migrator.migrations == Self.migrations)
        let (_, path) = try Self.makeStore()
        let queue = try DatabaseQueue(path: path)
        #expect(try queue.read { try ConversationStore.migrator.appliedMigrations($0) } == Self.migrations)
        #expect(try queue.read { try ConversationStore.migrator.hasCompletedMigrations($0) })
        let tables = try queue.read {
            try String.fetchAll(
                $0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'grdb%' AND name NOT LIKE 'sqlite%' ORDER BY name")
        }
        #expect(
            tables == [
                "application", "conversation", "conversation_token", "delivery_attempt", "department_endpoint", "document",
                "draft_document", "email", "maintenance", "outbox", "procedure_event", "turn",
            ])
    }

    @Test(
        "an application keeps a copy of its conversation's transcript only when the citizen agreed; deleting the conversation keeps it",
        arguments: StoreBackend.allCases)
    func transcriptCopy(_ backend: StoreBackend) throws {
        let (store, _) = try Self.makeStore(backend)
        try store.record(ChatSession.Snapshot(id: "c1"), citizen: "wie wird das wetter", replies: ["Dazu kann ich nichts sagen."])
        try store.record(ChatSession.Snapshot(id: "c1"), citizen: "mensch bitte", replies: ["Gern.", "Rückruf? (Ja/Nein)"])
        let plain = try store.submit(Self.application(id: "a1"))
        let base = Self.application(id: "a2")
        let agreed = try store.submit(
            SubmittedApplication(
                id: base.id, conversationID: base.conversationID, formID: base.formID, schemaVersion: base.schemaVersion,
                serviceName: base.serviceName, serviceKey: base.serviceKey, departmentID: base.departmentID, submittedAt: base.submittedAt,
                data: base.data, includesTranscript: true))
        #expect(try store.deleteConversation(id: "c1"))
        let stored = try store.database.read { db in
            try [String: String?](
                uniqueKeysWithValues: db.rows("SELECT reference, transcript FROM application", []).map {
                    (try $0["reference"] as String, try $0["transcript"] as String?)
                })
        }
        #expect(stored[plain] == .some(nil))
        let text = try #require(stored[agreed] ?? nil)
        let lines = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: String]])
        #expect(lines.map { $0["speaker"] ?? "" } == ["citizen", "assistant", "citizen", "assistant", "assistant"])
        #expect(lines.first?["text"] == "wie wird das wetter" && lines.last?["text"] == "Rückruf? (Ja/Nein)")
    }

    @Test("the maintenance switch is one row: on with a message, a second on changes the message, off removes it", arguments: StoreBackend.allCases)
    func maintenanceSwitch(_ backend: StoreBackend) throws {
        let (store, _) = try Self.makeStore(backend)
        #expect(try store.maintenanceSwitch() == nil)
        let since = Date(timeIntervalSince1970: 1_795_000_000)
        try store.switchMaintenanceOn(message: nil, now: since)
        #expect(try store.maintenanceSwitch() == .init(message: nil, since: since))
        try store.switchMaintenanceOn(message: "Bis 14 Uhr in Wartung.", now: since.addingTimeInterval(60))
        #expect(try store.maintenanceSwitch() == .init(message: "Bis 14 Uhr in Wartung.", since: since), "still on since the first")
        #expect(try store.switchMaintenanceOff())
        #expect(try store.maintenanceSwitch() == nil)
        #expect(try store.switchMaintenanceOff() == false)
    }

    @Test(
        "purge deletes conversations untouched for longer than the retention, with their transcripts; delete removes one",
        arguments: StoreBackend.allCases)
    func purgeAndDelete(_ backend: StoreBackend) throws {
        let (store, _) = try Self.makeStore(backend)
        let now = Date()
        try store.record(.init(id: "old", offeredValues: [:]), citizen: "hallo", replies: ["Guten Tag"], now: now.addingTimeInterval(-31 * 86_400))
        try store.record(.init(id: "new", offeredValues: [:]), citizen: "hallo", replies: ["Guten Tag"], now: now)
        try store.record(.init(id: "gone", offeredValues: [:]), citizen: "hallo", replies: ["Guten Tag"], now: now)
        let reference = try store.submit(Self.application())
        #expect(try store.purge(olderThan: 30, now: now).conversations == 1)
        #expect(try store.snapshot(id: "old") == nil)
        #expect(try store.snapshot(id: "new") != nil)
        #expect(try store.deleteConversation(id: "gone"))
        #expect(try store.transcript(id: "gone").isEmpty)
        #expect(try store.values("SELECT COUNT(*) AS count FROM turn WHERE conversation_id = 'old'", column: "count") == [0])
        #expect(try store.applications().map(\.reference) == [reference], "submitted applications stay until delivered")
    }

    @Test("a file from before schema v6 keeps its outbox rows and their attempts; each row becomes the application's own message")
    func outboxRowsBecomeMessages() throws {
        let folder = TestFolder.run.appendingPathComponent("rathaus-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("v5.sqlite").path
        let old = try DatabaseQueue(path: path)
        try ConversationStore.migrator.migrate(old, upTo: "v5-procedure-events")
        try old.write { db in
            try db.execute(
                sql: """
                    INSERT INTO application (id, reference, conversation_id, form_id, schema_version, service_name, service_key,
                                             department_id, submitted_at, data)
                    VALUES ('app-1', 'MS-2026-000001', 'c', 'sperrmuell-anmelden', 1, 'Sperrmüll', 'k', 'abfallwirtschaft', ?, '{}')
                    """, arguments: [Date()])
            try db.execute(
                sql: """
                    INSERT INTO outbox (id, application_id, department_id, status, attempts, next_attempt_at, created_at, last_error)
                    VALUES (7, 'app-1', 'abfallwirtschaft', 'retrying', 1, ?, ?, 'HTTP 500')
                    """, arguments: [Date(), Date()])
            try db.execute(
                sql: "INSERT INTO delivery_attempt (outbox_id, started_at, duration_ms, status) VALUES (7, ?, 12, 500)", arguments: [Date()])
        }
        try old.close()
        let store = try ConversationStore(path: path)
        #expect(try store.attempts(reference: "MS-2026-000001")?.map(\.status) == [500], "the attempt stays")
        let delivery = try #require(try store.deliveries().first)
        #expect(delivery.kind == "application.submitted")
        #expect(delivery.status == "retrying")
        #expect(delivery.lastError == "HTTP 500")
        let item = try #require(try store.claimDue(limit: 1, lease: 60, owner: "test").first)
        #expect(item.messageID == "app-1")
        #expect(item.rowID == 7)
    }

    @Test("a file from before schema v4 keeps its transcripts: each citizen line with the replies after it becomes one turn")
    func transcriptLinesBecomeTurns() throws {
        let folder = TestFolder.run.appendingPathComponent("rathaus-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("v3.sqlite").path
        let old = try DatabaseQueue(path: path)
        try ConversationStore.migrator.migrate(old, upTo: "v3-tokens")
        try old.write { db in
            for id in ["a", "b"] {
                try db.execute(
                    sql: "INSERT INTO conversation (id, snapshot, created_at, updated_at) VALUES (?, ?, ?, ?)",
                    arguments: [id, #"{"id":"\#(id)","offeredValues":{}}"#, Date(), Date()])
            }
            let lines = [
                ("a", "citizen", "Was kostet ein Reisepass?"), ("b", "citizen", "hallo"), ("a", "assistant", "37 Euro."),
                ("a", "assistant", "Noch etwas?"), ("b", "assistant", "Guten Tag \"du\"\nzweite Zeile"), ("a", "citizen", "danke"),
                ("a", "assistant", "Gern."),
            ]
            for (id, speaker, text) in lines {
                try db.execute(
                    sql: "INSERT INTO transcript (conversation_id, speaker, text, created_at) VALUES (?, ?, ?, ?)",
                    arguments: [id, speaker, text, Date()])
            }
        }
        try old.close()
        let store = try ConversationStore(path: path)
        #expect(
            try store.transcript(id: "a").map { "\($0.speaker): \($0.text)" }
                == ["citizen: Was kostet ein Reisepass?", "assistant: 37 Euro.", "assistant: Noch etwas?", "citizen: danke", "assistant: Gern."])
        #expect(try store.transcript(id: "b").map(\.text) == ["hallo", "Guten Tag \"du\"\nzweite Zeile"])
        let queue = try DatabaseQueue(path: path)
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM turn") } == 3)
        #expect(try queue.read { try $0.tableExists("transcript") } == false)
        // New turns follow the moved ones.
        try store.record(.init(id: "a", offeredValues: [:]), citizen: "tschüss", replies: [])
        #expect(try store.transcript(id: "a").suffix(2).map(\.text) == ["Gern.", "tschüss"])
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("the language an application was made in is stored and handed to the outbox; the values do not change", arguments: StoreBackend.allCases)
    func applicationLanguage(_ backend: StoreBackend) throws {
        let (store, _) = try Self.makeStore(backend)
        var english = Self.application(id: "app-en")
        english.language = .english
        _ = try store.submit(english)
        _ = try store.submit(Self.application(id: "app-de"))
        let items = try store.claimDue(limit: 2, lease: 60, owner: "test")
        #expect(Dictionary(uniqueKeysWithValues: items.map { ($0.applicationID, $0.language) }) == ["app-en": "en", "app-de": "de"])
        #expect(Set(items.map { $0.data }).count == 1, "the same values in both languages")
    }
}

/// "antragsstatus": a citizen asks about an application, with a real store behind the conversation.
@Suite("Application status for citizens")
struct ApplicationStatusTests {
    static let catalog = try! CatalogLoader(directory: ConversationStoreTests.repositoryRoot).load()
    static let engine = ChatEngine(catalog: catalog, matcher: try! IntentMatcher(catalog: catalog))

    /// A new conversation whose applications go to `store`.
    static func session(_ store: ConversationStore) -> ChatSession {
        ChatSession(engine: engine, snapshot: .init(id: UUID().uuidString), sink: store)
    }

    static func submitted(_ backend: StoreBackend = .sqlite) throws -> (ConversationStore, String) {
        let (store, _) = try ConversationStoreTests.makeStore(backend)
        let reference = try store.submit(
            SubmittedApplication(
                conversationID: "other", formID: "sperrmuell-anmelden", schemaVersion: 1, serviceName: "Sperrmüll",
                serviceKey: "local:musterstadt:sperrmuell-anmelden", departmentID: "abfallwirtschaft",
                data: [
                    .init(field: "plz", type: "plz", value: .text("12345")), .init(field: "email", type: "email", value: .text("anna@example.org")),
                ]))
        return (store, reference)
    }

    @Test("in another conversation the status is told only after the postal code or e-mail of the application", arguments: StoreBackend.allCases)
    func needsProof(_ backend: StoreBackend) throws {
        let (store, reference) = try Self.submitted(backend)
        var session = Self.session(store)
        let ask = session.respond(to: Utterance("wie ist der stand meines antrags"))
        #expect(ask.replies.joined().contains("Vorgangsnummer"))
        let withReference = session.respond(to: Utterance(reference))
        #expect(withReference.replies.joined().contains("Postleitzahl oder die E-Mail-Adresse"))
        #expect(!withReference.replies.joined().contains("Stand Ihres Antrags"))
        let wrong = session.respond(to: Utterance("54321"))
        #expect(wrong.replies.joined().contains("passt nicht"))
        let right = session.respond(to: Utterance("anna@example.org"))
        #expect(right.replies.joined().contains("Stand Ihres Antrags \(reference)"))
        #expect(right.replies.joined().contains("Abgeschickt"))
    }

    @Test("after delivery and after a failure the state says so; an unknown number is named", arguments: StoreBackend.allCases)
    func states(_ backend: StoreBackend) throws {
        let (store, reference) = try Self.submitted(backend)
        let item = try #require(try store.claimDue(limit: 1, lease: 60, owner: "test").first)
        try store.record(.delivered(status: 200), for: item, startedAt: Date(), duration: 0.01)
        var session = Self.session(store)
        let delivered = session.respond(to: Utterance("antragsstatus \(reference) plz 12345"))
        #expect(delivered.replies.joined().contains("übermittelt"))
        var unknown = Self.session(store)
        #expect(unknown.respond(to: Utterance("antragsstatus MS-2026-999999")).replies.joined().contains("finde ich nicht"))
        let (failing, failed) = try Self.submitted(backend)
        let claimed = try #require(try failing.claimDue(limit: 1, lease: 60, owner: "test").first)
        try failing.record(.deadLetter(status: 500, error: nil), for: claimed, startedAt: Date(), duration: 0.01)
        var problem = Self.session(failing)
        #expect(problem.respond(to: Utterance("antragsstatus \(failed) 12345")).replies.joined().contains("Problem"))
    }

}

/// The steps a department reports, as the store keeps them and the chat shows them.
@Suite("Procedure steps in the store and in the chat")
struct ProcedureStepsTests {
    @Test(
        "the chat's status answer lists the department's steps with dates, the note, the documents and what comes next",
        arguments: StoreBackend.allCases)
    func chatShowsTimeline(_ backend: StoreBackend) throws {
        let (store, reference) = try ApplicationStatusTests.submitted(backend)
        guard
            case .accepted = try store.addEvent(
                ProcedureEvent(kind: .received, note: "Termin folgt per E-Mail."), reference: reference, webhookID: "a")
        else {
            Issue.record("received was refused")
            return
        }
        let request = ProcedureEvent(
            kind: .documentsRequested, documents: [.init(id: "foto", label: "Foto der Gegenstände")],
            expectedBy: CalendarDate(year: 2027, month: 1, day: 15))
        guard case .accepted = try store.addEvent(request, reference: reference, webhookID: "b") else {
            Issue.record("the request for documents was refused")
            return
        }
        var session = ApplicationStatusTests.session(store)
        let reply = session.respond(to: Utterance("antragsstatus \(reference) 12345")).replies.joined()
        #expect(reply.contains("Eingegangen bei der Stelle – „Termin folgt per E-Mail.“"))
        #expect(reply.contains("Unterlagen nachgefordert: Foto der Gegenstände"))
        #expect(reply.contains("bis 15.01.2027"))
        #expect(reply.contains("Üblich:"))
    }

    @Test("a repeated webhook id returns the stored step and stores nothing; refused steps store nothing", arguments: StoreBackend.allCases)
    func duplicatesAndRefusals(_ backend: StoreBackend) throws {
        let (store, reference) = try ApplicationStatusTests.submitted(backend)
        guard case .accepted = try store.addEvent(ProcedureEvent(kind: .received), reference: reference, webhookID: "same") else {
            Issue.record("received was refused")
            return
        }
        guard case .duplicate(let stored) = try store.addEvent(ProcedureEvent(kind: .completed), reference: reference, webhookID: "same") else {
            Issue.record("the repeated id was not recognised")
            return
        }
        #expect(stored.kind == .received)
        #expect(
            try store.addEvent(ProcedureEvent(kind: .received), reference: reference, webhookID: "other")
                == .refused("Der Eingang ist bereits gemeldet."))
        #expect(try store.addEvent(ProcedureEvent(kind: .received), reference: "MS-2026-999999", webhookID: nil) == .unknownReference)
        #expect(try store.events(reference: reference)?.map(\.kind) == [.received])
    }

    /// An application of conversation "other" whose department asked for a photo, and a PNG sent for it.
    static func documentSent(_ backend: StoreBackend) throws -> (ConversationStore, String) {
        let (store, reference) = try ApplicationStatusTests.submitted(backend)
        _ = try store.addEvent(ProcedureEvent(kind: .received), reference: reference, webhookID: nil)
        _ = try store.addEvent(
            ProcedureEvent(kind: .documentsRequested, documents: [.init(id: "foto", label: "Foto")]), reference: reference, webhookID: nil)
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3])
        guard case .stored = try store.addDocument(reference: reference, requestedID: "foto", content: png, mediaType: .png) else {
            throw ConversationStore.Failure(description: "the document was refused")
        }
        return (store, reference)
    }

    @Test("purge removes a document's content only once it is delivered, old enough and its procedure has ended", arguments: StoreBackend.allCases)
    func purgeDocuments(_ backend: StoreBackend) throws {
        let (store, reference) = try Self.documentSent(backend)
        let later = Date().addingTimeInterval(40 * 86_400)
        #expect(try store.purge(olderThan: 30, now: later).documents == 0, "not delivered, procedure open")
        for item in try store.claimDue(limit: 10, lease: 60, owner: "test") {
            try store.record(.delivered(status: 200), for: item, startedAt: Date(), duration: 0.01)
        }
        #expect(try store.purge(olderThan: 30, now: later).documents == 0, "procedure still open")
        _ = try store.addEvent(ProcedureEvent(kind: .completed), reference: reference, webhookID: nil)
        #expect(try store.purge(olderThan: 30, now: Date()).documents == 0, "not old enough")
        #expect(try store.purge(olderThan: 30, now: later).documents == 1)
        let kept = try #require(try store.documents(reference: reference).first)
        #expect(kept.label == "Foto" && kept.byteCount == 11, "name, size and checksum stay")
    }

    @Test(
        "erasing the conversation removes its documents and their pending deliveries; the application and its steps stay",
        arguments: StoreBackend.allCases)
    func erasureRemovesDocuments(_ backend: StoreBackend) throws {
        let (store, reference) = try Self.documentSent(backend)
        #expect(try store.deliveries().count == 2)
        let conversation = "other"
        try store.record(.init(id: conversation, offeredValues: [:]), citizen: "hallo", replies: ["Guten Tag"])
        #expect(try store.deleteConversation(id: conversation))
        #expect(try store.documents(reference: reference).isEmpty)
        #expect(try store.deliveries().map(\.kind) == ["application.submitted"])
        #expect(try store.events(reference: reference)?.count == 2)
    }
}
