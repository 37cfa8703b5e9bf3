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

    @Test("two turns of one conversation sent at the same moment to two servers: the second starts from the state the first stored")
    func simultaneousTurnsOnTwoServers() async throws {
        let shared = try PostgresServer.shared().makeDatabase()
        let servers = [try Self.service(shared), try Self.service(shared)]
        try await Self.expectSimultaneousTurnsSerialised(on: servers, storedIn: shared)
    }

    @Test("two turns of one conversation sent at the same moment to one server on SQLite: the second starts from the state the first stored")
    func simultaneousTurnsOnOneServer() async throws {
        let folder = TestFolder.run.appendingPathComponent("rathaus-turns-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("rathaus.sqlite").path
        let server = try Self.service(file)
        try await Self.expectSimultaneousTurnsSerialised(on: [server, server], storedIn: file)
    }

    @Test("a server that hangs holding a conversation keeps its next turn on another server waiting only the hold wait, then the turn is busy")
    func hungHolder() async throws {
        let shared = try PostgresServer.shared().makeDatabase()
        let server = ConversationService(engine: try Self.engine.get(), store: try ConversationStore(path: shared, holdWait: .milliseconds(500)))
        _ = try await server.reply(to: Utterance("xqzv blorp"), in: "gehalten", access: .trusted)
        // The other server took the conversation for a turn and stopped there.
        let hung = try ConversationStore(path: shared)
        let hold = try #require(try hung.holdConversation("gehalten"))
        // Without the hold wait the turn would wait for this, and then be answered.
        let lateRelease = Task {
            try await Task.sleep(for: .seconds(60))
            hold.release()
        }
        await #expect(throws: ConversationBusy.self, "gave up after the hold wait, before the hold ended") {
            _ = try await server.reply(to: Utterance("flimpf quarx"), in: "gehalten", access: .trusted)
        }
        lateRelease.cancel()
        hold.release()
        _ = try await server.reply(to: Utterance("zorg wibble"), in: "gehalten", access: .trusted)
        let citizen = try ConversationStore(path: shared).transcript(id: "gehalten").filter { $0.speaker == "citizen" }.map(\.text)
        #expect(citizen == ["xqzv blorp", "zorg wibble"], "the busy turn stored nothing; the next one went on")
    }

    /// The engine of the shipped catalogue, built once for these tests.
    static let engine: Result<ChatEngine, any Error> = Result {
        let catalog = try CatalogLoader(directory: root).load()
        return ChatEngine(catalog: catalog, matcher: try IntentMatcher(catalog: catalog))
    }

    /// A conversation service over the shipped catalogue and the database at `location`.
    static func service(_ location: String) throws -> ConversationService {
        ConversationService(engine: try engine.get(), store: try ConversationStore(path: location))
    }

    /// Sends two messages nobody understands to each of 12 conversations at once, one through each
    /// of `servers` (which store in `location`), and expects every conversation to count both: a
    /// turn that started from the state the other was changing would count one and overwrite the
    /// other's state.
    static func expectSimultaneousTurnsSerialised(on servers: [ConversationService], storedIn location: String) async throws {
        let ids = (1...12).map { "gleichzeitig-\($0)" }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in ids {
                for server in servers {
                    group.addTask { _ = try await server.reply(to: Utterance("xqzv blorp"), in: id, access: .trusted) }
                }
            }
            try await group.waitForAll()
        }
        // The state after the same two turns one after the other.
        let referenceFile = TestFolder.run.appendingPathComponent("rathaus-reference-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: referenceFile) }
        let reference = try service(referenceFile)
        for _ in servers { _ = try await reference.reply(to: Utterance("xqzv blorp"), in: ids[0], access: .trusted) }
        let expected = try #require(try ConversationStore(path: referenceFile).snapshot(id: ids[0]))
        let store = try ConversationStore(path: location)
        for id in ids {
            var state = try #require(try store.snapshot(id: id))
            #expect(try store.transcript(id: id).filter { $0.speaker == "citizen" }.count == 2)
            state.id = expected.id
            #expect(state == expected, "\(id): both turns counted")
        }
    }
}
