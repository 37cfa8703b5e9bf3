import Foundation
import RathausCatalog
import RathausDelivery
import RathausStore

/// The scenario "delivery": applications stored in a fresh SQLite file (WAL, synchronous=FULL)
/// are delivered, signed, to a local keep-alive receiver by the outbox worker; deliveries per second.
struct DeliveryScenario {
    /// Applications delivered.
    static let applications = 5_000
    /// Deliveries in flight at once.
    static let concurrency = 4

    /// What the scenario measured.
    struct Result: Encodable {
        let name = "delivery"
        let applications: Int
        let concurrency: Int
        let seconds: Double
        let deliveries_per_second: Double
        let received: Int
        let note: String
    }

    func run() throws -> Result {
        let receiver = try LoopbackReceiver()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rathaus-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try ConversationStore(path: folder.appendingPathComponent("bench.sqlite").path)
        for number in 0..<Self.applications {
            _ = try store.submit(
                SubmittedApplication(
                    conversationID: "bench-\(number)", formID: "sperrmuell-anmelden", schemaVersion: 1, serviceName: "Sperrmüllabholung anmelden",
                    serviceKey: "local:musterstadt:sperrmuell-anmelden", departmentID: "abfallwirtschaft",
                    data: [
                        .init(field: "name", type: "name", value: .text("Anna Müller")), .init(field: "menge", type: "number", value: .number(2)),
                        .init(field: "plz", type: "plz", value: .text("12345")),
                    ]))
        }
        let configuration = try DeliveryConfiguration(
            yaml: """
                delivery:
                  concurrency: \(Self.concurrency)
                departments:
                  default:
                    url: http://127.0.0.1:\(receiver.port)/hook
                    secrets: [whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw]
                """)
        let worker = OutboxWorker(store: store, configuration: configuration)
        let clock = ContinuousClock()
        var summary = OutboxWorker.Summary()
        let elapsed = try clock.measure { summary = try worker.deliverDue() }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        StandardError.write(
            "delivery: \(summary.delivered) of \(Self.applications) delivered in \(String(format: "%.2f", seconds)) s, receiver saw \(receiver.requests)\n"
        )
        return Result(
            applications: Self.applications, concurrency: Self.concurrency, seconds: seconds,
            deliveries_per_second: Double(summary.delivered) / seconds, received: receiver.requests,
            note: "outbox in SQLite (WAL, synchronous=FULL), \(Self.concurrency) libcurl handles with keep-alive, "
                + "HMAC-SHA256 signature per request, each attempt recorded as its answer comes in; receiver: an in-process Hummingbird server on loopback"
        )
    }
}
