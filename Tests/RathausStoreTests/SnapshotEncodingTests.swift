import Foundation
import RathausCore
@testable import RathausStore
import Testing

@Suite("How conversation states are stored")
struct SnapshotEncodingTests {
    @Test("states between questions are written directly and read back unchanged; others go through JSONEncoder",
          arguments: [
              ChatSession.Snapshot(id: "a"),
              ChatSession.Snapshot(id: "b\"\\\n", currentService: "reisepass-beantragen"),
              ChatSession.Snapshot(id: "c", currentService: "x", pendingChoice: ["a", "b"], offeredForm: "sperrmuell-anmelden"),
              ChatSession.Snapshot(id: "d", offeredForm: "f", offeredValues: ["menge": .number(2.5)]),
          ])
    func roundTrip(snapshot: ChatSession.Snapshot) throws {
        var snapshot = snapshot
        if snapshot.id == "c" { snapshot.submittedReferences = ["MS-2026-000001"] }
        let text = try SnapshotEncoding.json(snapshot, encoder: JSONEncoder())
        #expect(try JSONDecoder().decode(ChatSession.Snapshot.self, from: Data(text.utf8)) == snapshot)
    }
}
