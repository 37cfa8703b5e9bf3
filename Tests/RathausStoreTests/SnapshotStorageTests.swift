import Foundation
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
        ], StoreBackend.allCases)
    func roundTrip(snapshot: ChatSession.Snapshot, backend: StoreBackend) throws {
        var snapshot = snapshot
        if snapshot.id == "c" {
            snapshot.submittedReferences = ["MS-2026-000001"]
            snapshot.missedTurns = 2
        }
        let (store, _) = try ConversationStoreTests.makeStore(backend)
        try store.record(snapshot, citizen: "hallo", replies: ["Guten Tag"])
        #expect(try store.snapshot(id: snapshot.id) == snapshot)
        let text = try #require(try store.text("SELECT snapshot FROM conversation WHERE id = ?", [snapshot.id], column: "snapshot"))
        #expect(try JSONDecoder().decode(ChatSession.Snapshot.self, from: Data(text.utf8)) == snapshot)
    }

    @Test("a state stored by an earlier version (JSON without the newer keys) is read back", arguments: StoreBackend.allCases)
    func earlierState(_ backend: StoreBackend) throws {
        let (store, _) = try ConversationStoreTests.makeStore(backend)
        try store.database.write { db in
            try db.execute(
                "INSERT INTO conversation (id, snapshot, created_at, updated_at) VALUES (?, ?, ?, ?)",
                ["old", #"{"id":"old","currentService":"reisepass-beantragen","offeredValues":{}}"#, Date(), Date()])
        }
        #expect(try store.snapshot(id: "old") == ChatSession.Snapshot(id: "old", currentService: "reisepass-beantragen"))
    }
}
