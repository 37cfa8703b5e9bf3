import Foundation
import RathausCatalog
import RathausConversations
import RathausDialog
import RathausStore
import RathausTestSupport
import RathausUnderstanding
import Testing

/// Two servers on one PostgreSQL database, each with its own conversation service (and cache).
@Suite("Conversation services sharing a PostgreSQL database")
struct SharedDatabaseTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("turns of one conversation answered by two servers in turn end in the state one server reaches")
    func alternatingServers() async throws {
        let catalog = try CatalogLoader(directory: Self.root).load()
        let engine = ChatEngine(catalog: catalog, matcher: try IntentMatcher(catalog: catalog))
        let messages = ["xqzv blorp", "flimpf quarx", "zorg wibble", "plonk"]
        func service(_ location: String) throws -> ConversationService {
            ConversationService(engine: engine, store: try ConversationStore(path: location))
        }
        // One server answers every turn.
        let alone = try PostgresServer.shared().makeDatabase()
        let single = try service(alone)
        for message in messages { _ = try await single.reply(to: Utterance(message), in: "c", access: .trusted) }
        let expected = try ConversationStore(path: alone).snapshot(id: "c")
        // Two servers on one database answer the same turns by turns.
        let shared = try PostgresServer.shared().makeDatabase()
        let servers = [try service(shared), try service(shared)]
        for (index, message) in messages.enumerated() {
            _ = try await servers[index % 2].reply(to: Utterance(message), in: "c", access: .trusted)
        }
        let store = try ConversationStore(path: shared)
        #expect(try store.snapshot(id: "c") == expected, "each server read the state the other stored")
        #expect(try store.transcript(id: "c").filter { $0.speaker == "citizen" }.map(\.text) == messages)
    }
}
