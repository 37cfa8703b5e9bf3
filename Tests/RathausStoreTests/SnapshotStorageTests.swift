import Foundation
import GRDB
import RathausCatalog
import RathausDialog
import Testing

@testable import RathausStore

@Suite("How conversation states are stored")
struct SnapshotStorageTests {
    @Test(
        "a state is stored as the JSON of the snapshot and read back unchanged",
        arguments: [
            ChatSession.Snapshot(id: "a"),
            ChatSession.Snapshot(id: "b\"\\\n", currentService: "reisepass-beantragen"),
            ChatSession.Snapshot(id: "c", currentService: "x", pendingChoice: ["a", "b"], offeredForm: "sperrmuell-anmelden"),
            ChatSession.Snapshot(id: "d", offeredForm: "f", offeredValues: ["menge": .number(2.5)]),
        ])
    func roundTrip(snapshot: ChatSession.Snapshot) throws {
        var snapshot = snapshot
        if snapshot.id == "c" {
            snapshot.submittedReferences = ["MS-2026-000001"]
            snapshot.missedTurns = 2
        }
        let (store, path) = try ConversationStoreTests.makeStore()
        try store.record(snapshot, citizen: "hallo", replies: ["Guten Tag"])
        #expect(try store.snapshot(id: snapshot.id) == snapshot)
        let text = try #require(
            try DatabaseQueue(path: path).read { db in
                try String.fetchOne(db, sql: "SELECT snapshot FROM conversation WHERE id = ?", arguments: [snapshot.id])
            })
        #expect(try JSONDecoder().decode(ChatSession.Snapshot.self, from: Data(text.utf8)) == snapshot)
    }

    @Test("a state stored by an earlier version (JSON without the newer keys) is read back")
    func earlierState() throws {
        let (store, path) = try ConversationStoreTests.makeStore()
        try DatabaseQueue(path: path).write { db in
            try db.execute(
                sql: "INSERT INTO conversation (id, snapshot, created_at, updated_at) VALUES (?, ?, ?, ?)",
                arguments: ["old", #"{"id":"old","currentService":"reisepass-beantragen","offeredValues":{}}"#, Date(), Date()])
        }
        #expect(try store.snapshot(id: "old") == ChatSession.Snapshot(id: "old", currentService: "reisepass-beantragen"))
    }
}
