import Foundation
import RathausCatalog
import RathausDialog
import RathausTestSupport
import Synchronization
import Testing

@testable import RathausStore

/// Several servers on one PostgreSQL database, each with a store of its own (its own connections):
/// they claim disjoint outbox rows, number applications without a gap or a number twice, migrate
/// once when they start together, and change a conversation one at a time.
@Suite("Several servers on one PostgreSQL database")
struct SharedPostgreSQLTests {
    /// `count` stores on one new database, opened at the same moment from threads of their own
    /// (as servers that start together), and the database's URL.
    static func stores(_ count: Int) throws -> ([ConversationStore], String) {
        let url = try PostgresServer.shared().makeDatabase()
        let opened = Mutex<[Int: Result<ConversationStore, any Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let result = Result { try ConversationStore(path: url) }
            opened.withLock { $0[index] = result }
        }
        let stores = try opened.withLock { results in try (0..<count).map { try results[$0]!.get() } }
        return (stores, url)
    }

    @Test("servers that start together run the migrations once")
    func migrationsOnce() throws {
        let (stores, _) = try Self.stores(6)
        let names: [String] = try stores[0].values("SELECT name FROM rathaus_migration ORDER BY name", column: "name")
        #expect(names == PostgreSQLSchema.migrations.map(\.name))
        #expect(try ConversationStore.migratePostgreSQL(stores[1].database).isEmpty, "nothing left to run")
    }

    @Test("a server on the same machine reaches the database through its Unix socket as through TCP")
    func unixSocket() throws {
        let server = try PostgresServer.shared()
        let tcp = try server.makeDatabase()
        let name = try #require(tcp.split(separator: "/").last)
        let local = try ConversationStore(path: "postgres://\(PostgresServer.user)@:\(server.port)/\(name)?host=\(server.folder.path)")
        let reference = try local.submit(ConversationStoreTests.application(id: "über-den-socket"))
        let seen: [String] = try ConversationStore(path: tcp).values("SELECT reference FROM application", column: "reference")
        #expect(seen == [reference], "stored through the socket, read through TCP")
    }

    @Test("two servers claiming at once get disjoint outbox rows, and together all of them")
    func disjointClaims() throws {
        let (stores, _) = try Self.stores(2)
        let total = 60
        for index in 0..<total { _ = try stores[0].submit(ConversationStoreTests.application(id: "app-\(index)")) }
        let claimed = Mutex<[String: [String]]>([:])
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            let owner = "worker-\(worker)"
            do {
                while true {
                    let items = try stores[worker].claimDue(limit: 3, lease: 15, owner: owner)
                    if items.isEmpty { break }
                    claimed.withLock { $0[owner, default: []] += items.map(\.applicationID) }
                }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        let (first, second) = claimed.withLock { ($0["worker-0"] ?? [], $0["worker-1"] ?? []) }
        #expect(Set(first).isDisjoint(with: second), "no row claimed twice")
        #expect(first.count + second.count == total && Set(first + second).count == total, "every row claimed once")
        let owners: [String] = try stores[0].values("SELECT DISTINCT lease_owner FROM outbox ORDER BY lease_owner", column: "lease_owner")
        #expect(owners.count <= 2)
    }

    @Test("a row whose lease ran out is claimed again by the other server; one it still holds is not")
    func leases() throws {
        let (stores, _) = try Self.stores(2)
        _ = try stores[0].submit(ConversationStoreTests.application(id: "leased"))
        let now = Date()
        #expect(try stores[0].claimDue(limit: 5, lease: 15, owner: "a", now: now).count == 1)
        #expect(try stores[1].claimDue(limit: 5, lease: 15, owner: "b", now: now.addingTimeInterval(10)).isEmpty, "the lease runs")
        #expect(try stores[0].renewLease(rows: [1], owner: "a", until: now.addingTimeInterval(20)) == 1)
        #expect(try stores[1].claimDue(limit: 5, lease: 15, owner: "b", now: now.addingTimeInterval(16)).isEmpty, "renewed")
        #expect(try stores[1].claimDue(limit: 5, lease: 15, owner: "b", now: now.addingTimeInterval(21)).count == 1, "ran out")
        #expect(try stores[0].renewLease(rows: [1], owner: "a", until: now.addingTimeInterval(40)) == 0, "no longer a's")
    }

    @Test("applications submitted at once through several servers get gapless, unique reference numbers")
    func gaplessReferences() throws {
        let (stores, _) = try Self.stores(4)
        let perStore = 15
        let references = Mutex<[String]>([])
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: stores.count) { index in
            for number in 0..<perStore {
                do {
                    let reference = try stores[index].submit(ConversationStoreTests.application(id: "s\(index)-\(number)"))
                    references.withLock { $0.append(reference) }
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        let all = references.withLock { $0 }.sorted()
        let expected = (1...(stores.count * perStore)).map { "MS-2026-" + String(format: "%06d", $0) }
        #expect(all == expected)
    }

    @Test("feedback on one conversation through two servers at once: each reads the state the other committed")
    func conversationChangesSerialised() throws {
        let (stores, _) = try Self.stores(2)
        let turns = 12
        for number in 1...turns {
            try stores[0].record(
                ChatSession.Snapshot(id: "c", offeredValues: [:]), citizen: "frage \(number)", replies: ["Antwort \(number)."],
                facts: TurnFacts(kind: .answered, intent: "reisepass-beantragen"))
        }
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: turns) { index in
            do {
                _ = try stores[index % 2].recordFeedback(conversation: "c", turn: index + 1, helpful: false)
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        #expect(try stores[1].feedback(of: "c") == Array(repeating: false, count: turns))
        // Each feedback counted the "not helpful" answers on the state the one before committed.
        #expect(try stores[1].snapshot(id: "c")?.unhelpfulAnswersInARow == turns)
    }
}
