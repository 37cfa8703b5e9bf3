import Foundation
import RathausCatalog
import RathausStore
import RathausTestSupport
import Testing

@testable import RathausDelivery

/// Deliveries over the networks of a town: an https receiver signed by the test's own CA (made
/// with `openssl`), one that requires a client certificate, and an outgoing CONNECT proxy.
@Suite("Delivering through an internal CA, mutual TLS and a proxy", .serialized)
struct NetworkDeliveryTests {
    static let passwordVariable = "RATHAUS_TEST_CLIENT_KEY_PASSWORD"

    /// A store with one submitted application, and a worker for `yaml`'s `network` lines (indented
    /// for `delivery:`) and `department` lines (for the `default:` entry).
    static func setUp(
        _ receiver: Receiver, delivery: String = "", department: String = "", schedule: [Double] = [0.2, 0.2]
    ) throws -> (ConversationStore, OutboxWorker, String) {
        let path = TestFolder.run.appendingPathComponent("rathaus-network-\(UUID().uuidString)/d.sqlite").path
        let store = try ConversationStore(path: path)
        let reference = try store.submit(
            SubmittedApplication(
                conversationID: "c1", formID: "sperrmuell-anmelden", schemaVersion: 1, serviceName: "Sperrmüll",
                serviceKey: "local:musterstadt:sperrmuell-anmelden", departmentID: "abfallwirtschaft",
                data: [.init(field: "menge", type: "number", value: .number(2))]))
        let yaml = """
            delivery:
              connect_timeout_seconds: 2
              timeout_seconds: 5
              retry_schedule_seconds: [\(schedule.map { String($0) }.joined(separator: ", "))]
            \(delivery)
            departments:
              default:
                url: \(receiver.url)
                secrets: [\(Receiver.secret)]
            \(department)
            """
        let configuration = try DeliveryConfiguration(yaml: yaml, environment: [Self.passwordVariable: TestCertificates.clientKeyPassword])
        return (store, OutboxWorker(store: store, configuration: configuration), reference)
    }

    @Test("an https receiver whose certificate the test's own CA signed gets the application, verified by standardwebhooks")
    func ownCA() throws {
        let certificates = try TestCertificates()
        let receiver = try Receiver(certificates.receiverArguments())
        let (store, worker, reference) = try Self.setUp(receiver, delivery: "  ca_file: \(certificates.ca)")
        try DeliveryFaultTests.drain(worker, store)
        let entries = try receiver.entries()
        #expect(entries.count == 1 && entries.allSatisfy(\.valid), "\(entries.compactMap(\.error))")
        #expect(entries.first?.reference == reference)
        #expect(try store.deliveries(status: "delivered").map(\.reference) == [reference])
    }

    @Test("a receiver that requires a client certificate gets the application with the client certificate and its encrypted key")
    func mutualTLS() throws {
        let certificates = try TestCertificates()
        let receiver = try Receiver(certificates.receiverArguments(requiringClientCertificate: true))
        let (store, worker, reference) = try Self.setUp(
            receiver, delivery: "  ca_file: \(certificates.ca)",
            department: """
                    client_certificate: \(certificates.clientCertificate)
                    client_key: \(certificates.clientKey)
                    client_key_password_env: \(Self.passwordVariable)
                """)
        try DeliveryFaultTests.drain(worker, store)
        let entries = try receiver.entries()
        #expect(entries.count == 1 && entries.allSatisfy(\.valid), "\(entries.compactMap(\.error))")
        #expect(try store.deliveries(status: "delivered").map(\.reference) == [reference])
        #expect(try store.attempts(reference: reference)?.map(\.status) == [200])
    }

    @Test("without a client certificate the receiver that requires one refuses the handshake; the application waits for its retry")
    func mutualTLSWithoutCertificate() throws {
        let certificates = try TestCertificates()
        let receiver = try Receiver(certificates.receiverArguments(requiringClientCertificate: true))
        let (store, worker, reference) = try Self.setUp(receiver, delivery: "  ca_file: \(certificates.ca)", schedule: [60])
        #expect(try worker.deliverDue().retrying == 1)
        let attempts = try #require(try store.attempts(reference: reference))
        #expect(attempts.count == 1 && attempts[0].status == nil)
        let error = try #require(attempts[0].error)
        #expect(error.hasPrefix("curl ") && error.contains("Client-Zertifikat"), "\(error)")
        let delivery = try #require(try store.deliveries().first)
        #expect(delivery.status == "retrying" && delivery.nextAttemptAt > Date().addingTimeInterval(30))
        #expect(try worker.deliverDue().claimed == 0, "it waits for the scheduled retry")
        #expect(try receiver.entries().isEmpty)
    }

    @Test("a certificate signed by another CA fails with a clear error; the application waits for its retry")
    func wrongCA() throws {
        let certificates = try TestCertificates()
        let receiver = try Receiver(certificates.receiverArguments())
        let (store, worker, reference) = try Self.setUp(receiver, delivery: "  ca_file: \(certificates.otherCA)", schedule: [60])
        #expect(try worker.deliverDue().retrying == 1)
        let attempts = try #require(try store.attempts(reference: reference))
        let error = try #require(attempts.first?.error)
        #expect(attempts.count == 1)
        #expect(error.hasPrefix("curl 60: Das Zertifikat der Stelle ist nicht von einer vertrauten CA signiert (ca_file prüfen)"), "\(error)")
        #expect(error.contains("certificate"), "libcurl's detail follows: \(error)")
        let delivery = try #require(try store.deliveries().first)
        #expect(delivery.status == "retrying" && delivery.lastError == error)
        #expect(delivery.nextAttemptAt > Date().addingTimeInterval(30))
        #expect(try worker.deliverDue().claimed == 0, "it waits for the scheduled retry")
        #expect(try receiver.entries().isEmpty)
    }

    @Test("with a proxy the request goes through it (CONNECT to the receiver), with mutual TLS end to end")
    func throughProxy() throws {
        let certificates = try TestCertificates()
        let receiver = try Receiver(certificates.receiverArguments(requiringClientCertificate: true))
        let proxy = try ConnectProxy()
        let (store, worker, reference) = try Self.setUp(
            receiver,
            delivery: """
                  ca_file: \(certificates.ca)
                  proxy: \(proxy.url)
                  client_certificate: \(certificates.clientCertificate)
                  client_key: \(certificates.clientKey)
                  client_key_password_env: \(Self.passwordVariable)
                """)
        try DeliveryFaultTests.drain(worker, store)
        #expect(try store.deliveries(status: "delivered").map(\.reference) == [reference])
        #expect(try receiver.entries().count == 1)
        let connections = try proxy.entries()
        #expect(connections.count == 1, "\(connections)")
        #expect(connections.first?.method == "CONNECT" && connections.first?.target == "127.0.0.1:\(receiver.port)")
    }

    @Test("a host listed under no_proxy is reached directly, not through the proxy")
    func noProxy() throws {
        let certificates = try TestCertificates()
        let receiver = try Receiver(certificates.receiverArguments())
        let proxy = try ConnectProxy()
        let (store, worker, reference) = try Self.setUp(
            receiver, delivery: "  ca_file: \(certificates.ca)\n  proxy: \(proxy.url)", department: "    no_proxy: [127.0.0.1]")
        try DeliveryFaultTests.drain(worker, store)
        #expect(try store.deliveries(status: "delivered").map(\.reference) == [reference])
        #expect(try proxy.entries().isEmpty)
    }

    @Test("one worker reaches two departments each with its own settings: the default over TLS, one with a client certificate")
    func perDepartment() throws {
        let certificates = try TestCertificates()
        let plain = try Receiver(certificates.receiverArguments())
        let mutual = try Receiver(certificates.receiverArguments(requiringClientCertificate: true))
        let (store, _, first) = try Self.setUp(plain)
        let second = try store.submit(
            SubmittedApplication(
                conversationID: "c2", formID: "baumfaellung-beantragen", schemaVersion: 1, serviceName: "Baumfällung",
                serviceKey: "local:musterstadt:baumfaellung-beantragen", departmentID: "bauverwaltung",
                data: [.init(field: "anzahl", type: "number", value: .number(1))]))
        let configuration = try DeliveryConfiguration(
            yaml: """
                delivery:
                  connect_timeout_seconds: 2
                  retry_schedule_seconds: [0.2, 0.2]
                  ca_file: \(certificates.ca)
                departments:
                  default:
                    url: \(plain.url)
                    secrets: [\(Receiver.secret)]
                  bauverwaltung:
                    url: \(mutual.url)
                    secrets: [\(Receiver.secret)]
                    client_certificate: \(certificates.clientCertificate)
                    client_key: \(certificates.clientKey)
                    client_key_password_env: \(Self.passwordVariable)
                """, environment: [Self.passwordVariable: TestCertificates.clientKeyPassword])
        let worker = OutboxWorker(store: store, configuration: configuration)
        try DeliveryFaultTests.drain(worker, store)
        #expect(try plain.entries().compactMap(\.reference) == [first])
        #expect(try mutual.entries().compactMap(\.reference) == [second])
        #expect(try store.deliveries(status: "delivered").count == 2)
        #expect(try store.attempts(reference: second)?.map(\.status) == [200], "no attempt without the client certificate")
    }

    @Test("the config check names each missing, unreadable or wrong file, a proxy that is no http URL and an unset password variable, with its line")
    func configurationCheck() throws {
        let certificates = try TestCertificates()
        let folder = certificates.directory
        try Data("kein Zertifikat\n".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let yaml = """
            delivery:
              ca_file: ca.pem
              proxy: socks5://proxy.example:1080
            departments:
              default:
                url: https://eingang.example/hook
                secrets: [\(Receiver.secret)]
                client_certificate: fehlt.pem
                client_key: .
                client_key_password_env: NICHT_GESETZT
              bauverwaltung:
                url: https://bau.example/hook
                secrets: [\(Receiver.secret)]
                ca_file: notes.txt
                client_key: client.pem
                proxi: http://proxy.example:3128
            """
        let file = folder.appendingPathComponent("config.yaml")
        try Data(yaml.utf8).write(to: file)
        do {
            _ = try DeliveryConfiguration(contentsOf: file, environment: [:])
            Issue.record("problems expected")
        } catch let problems as DeliveryConfiguration.Problems {
            let lines = problems.lines
            #expect(lines.contains { $0.hasPrefix("config.yaml:3:") && $0.contains("'proxy' muss eine http- oder https-URL sein") }, "\(lines)")
            #expect(lines.contains { $0.hasPrefix("config.yaml:8:") && $0.contains("fehlt.pem gibt es nicht") }, "\(lines)")
            #expect(lines.contains { $0.hasPrefix("config.yaml:9:") && $0.contains("kann nicht gelesen werden") }, "\(lines)")
            #expect(lines.contains { $0.hasPrefix("config.yaml:10:") && $0.contains("NICHT_GESETZT ist nicht gesetzt") }, "\(lines)")
            #expect(lines.contains { $0.hasPrefix("config.yaml:14:") && $0.contains("keine PEM-Datei") }, "\(lines)")
            #expect(lines.contains { $0.hasPrefix("config.yaml:15:") && $0.contains("kein 'PRIVATE KEY'") }, "\(lines)")
            #expect(lines.contains { $0.hasPrefix("config.yaml:16:") && $0.contains("Unbekanntes Feld 'proxi'") }, "\(lines)")
            #expect(!lines.contains { $0.contains("'ca_file'") && $0.contains("ca.pem") }, "a relative path starts from the config's folder")
        }
        let good = try DeliveryConfiguration(
            yaml: """
                delivery:
                  ca_file: \(certificates.ca)
                  proxy: http://proxy.example:3128
                departments:
                  default:
                    url: https://eingang.example/hook
                    secrets: [\(Receiver.secret)]
                  bauverwaltung:
                    url: https://bau.example/hook
                    secrets: [\(Receiver.secret)]
                    client_certificate: \(certificates.clientCertificate)
                    client_key: \(certificates.clientKey)
                    client_key_password_env: PASS
                    no_proxy: bau.example
                """, environment: ["PASS": "x", "NO_PROXY": "intern.example"])
        #expect(
            good.endpoint(for: "abfallwirtschaft")?.network
                == NetworkSettings(caFile: certificates.ca, proxy: "http://proxy.example:3128", noProxy: "intern.example"))
        #expect(
            good.endpoint(for: "bauverwaltung")?.network
                == NetworkSettings(
                    caFile: certificates.ca, clientCertificate: certificates.clientCertificate, clientKey: certificates.clientKey,
                    clientKeyPassword: "x", proxy: "http://proxy.example:3128", noProxy: "bau.example"))
    }
}
