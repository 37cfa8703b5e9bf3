import Foundation
import RathausCatalog
import RathausStore
import RathausTestSupport
import Testing

/// Delivery through the built binary to the Python receiver that verifies with `standardwebhooks`.
extension CommandTests {
    /// A config file for `receiver` in a fresh folder; returns its path.
    static func writeConfiguration(for receiver: Receiver, schedule: [Double] = [0.2, 0.2, 0.2]) throws -> String {
        let folder = TestFolder.run.appendingPathComponent("rathaus-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("config.yaml").path
        try Data(receiver.configuration(schedule: schedule).utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("check --config names a missing CA file and an unset key password variable with their lines, and accepts them once present")
    func checkNetworkSettings() throws {
        let certificates = try TestCertificates()
        let config = certificates.directory.appendingPathComponent("config.yaml")
        let yaml = { (caFile: String) in
            """
            delivery:
              ca_file: \(caFile)
              proxy: http://proxy.musterstadt.example:3128
            departments:
              default:
                url: https://eingang.musterstadt.example/hook
                secrets: [\(Receiver.secret)]
                client_certificate: client.pem
                client_key: client-encrypted.key
                client_key_password_env: RATHAUS_TEST_UNSET_PASSWORD
            """
        }
        try Data(yaml("kommunal-ca.pem").utf8).write(to: config)
        let bad = try BinaryRunner.run(["check", "--config", config.path])
        #expect(bad.status == 1)
        #expect(bad.standardOutput.contains("config.yaml:2: 'ca_file': Die Datei "), "\(bad.standardOutput)")
        #expect(bad.standardOutput.contains("kommunal-ca.pem gibt es nicht"), "\(bad.standardOutput)")
        #expect(bad.standardOutput.contains("config.yaml:10: Die Umgebungsvariable RATHAUS_TEST_UNSET_PASSWORD ist nicht gesetzt."))
        try Data(yaml("ca.pem").utf8).write(to: config)
        let good = try BinaryRunner.run(
            ["check", "--config", config.path], environment: ["RATHAUS_TEST_UNSET_PASSWORD": TestCertificates.clientKeyPassword])
        #expect(good.status == 0, "\(good.standardOutput)")
    }

    static let sperrmuell =
        "ich will sperrmüll anmelden\nja\nAnna Müller\nLindenweg 7\n12345\n1 Sofa\n2\nnein\nüberspringen\nanna@example.org\nweiter\nja\n"
    static let hund = "ich möchte meinen hund anmelden\n"

    @Test("applications submitted through chat --json arrive once each, signed (standardwebhooks) with the documented payload")
    func interoperability() throws {
        let receiver = try Receiver()
        let config = try Self.writeConfiguration(for: receiver)
        let database = BinaryRunner.temporaryDatabase()
        var references: [String] = []
        for _ in 0..<3 {
            let chat = try BinaryRunner.run(["chat", "--json", "--database", database], input: Self.sperrmuell)
            #expect(chat.status == 0, "\(chat.standardError)")
            let last = try #require(chat.standardOutput.split(separator: "\n").last)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
            references.append(try #require(object["reference"] as? String))
        }
        let deliver = try BinaryRunner.run(["deliver", "--once", "--config", config, "--database", database])
        #expect(deliver.status == 0, "\(deliver.standardError)")
        #expect(deliver.standardOutput.contains("zugestellt: 3"))
        let entries = try receiver.entries()
        #expect(entries.count == 3)
        #expect(entries.allSatisfy { $0.valid }, "\(entries.compactMap { $0.error })")
        #expect(entries.compactMap(\.reference).sorted() == references.sorted())
        let payload = try #require(try JSONSerialization.jsonObject(with: Data(entries[0].body.utf8)) as? [String: Any])
        #expect(
            Set(payload.keys) == ["type", "id", "reference", "submitted_at", "service", "department", "schema", "data", "data_sha256", "language"])
        #expect(payload["id"] as? String == entries[0].webhook_id)
        let data = try #require(payload["data"] as? [String: Any])
        #expect(data["menge"] as? Int == 2 && data["elektrogeraete"] as? Bool == false && data["plz"] as? String == "12345")
        let list = try BinaryRunner.run(["deliveries", "list", "--status", "delivered", "--database", database])
        #expect(references.allSatisfy { list.standardOutput.contains($0) })
        let again = try BinaryRunner.run(["deliver", "--once", "--config", config, "--database", database])
        #expect(again.standardOutput.contains("zugestellt: 0"))
        #expect(try receiver.entries().count == 3, "nothing is sent twice")
    }

    @Test("deliver stopped with SIGTERM finishes its pass, gives up its leases at once and exits 0")
    func deliverStopsCleanly() throws {
        let receiver = try Receiver(["--mode", "stall", "--stall-seconds", "1"])
        let config = try Self.writeConfiguration(for: receiver)
        let database = BinaryRunner.temporaryDatabase()
        let store = try ConversationStore(path: database)
        for number in 0..<40 {
            _ = try store.submit(
                SubmittedApplication(
                    conversationID: "c\(number)", formID: "sperrmuell-anmelden", schemaVersion: 1, serviceName: "Sperrmüll",
                    serviceKey: "local:musterstadt:sperrmuell-anmelden", departmentID: "abfallwirtschaft",
                    data: [.init(field: "menge", type: "number", value: .number(1))]))
        }
        let process = Process()
        process.executableURL = try #require(BinaryRunner.executable)
        process.arguments = ["deliver", "--config", config, "--database", database]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the first answers are in: a pass of 32 rows is under lease, four on the wire.
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, try receiver.entries().isEmpty { Thread.sleep(forTimeInterval: 0.1) }
        kill(process.processIdentifier, SIGTERM)
        let stopped = Date().addingTimeInterval(30)
        while process.isRunning, Date() < stopped { Thread.sleep(forTimeInterval: 0.1) }
        #expect(!process.isRunning, "deliver did not stop within 30 s of SIGTERM")
        #expect(process.terminationStatus == 0)
        // Every row not delivered can be claimed at once by another worker: no lease was left behind.
        let open = try store.deliveries().filter { $0.status != "delivered" }.count
        #expect(open > 0, "the test needs rows left over")
        #expect(try store.claimDue(limit: 100, lease: 15, owner: "next").count == open)
        #expect(Set(try receiver.entries().map(\.webhook_id)).count == 40 - open, "nothing was sent twice or lost")
    }

    @Test("killed five times at random moments while delivering 200 applications: every one arrives, duplicates identical, no row lost")
    func crashes() throws {
        let receiver = try Receiver()
        let config = try Self.writeConfiguration(for: receiver)
        let database = BinaryRunner.temporaryDatabase()
        let store = try ConversationStore(path: database)
        var references: [String] = []
        for number in 0..<200 {
            references.append(
                try store.submit(
                    SubmittedApplication(
                        conversationID: "c\(number)", formID: "sperrmuell-anmelden", schemaVersion: 1, serviceName: "Sperrmüll",
                        serviceKey: "local:musterstadt:sperrmuell-anmelden", departmentID: "abfallwirtschaft",
                        data: [.init(field: "menge", type: "number", value: .number(Double(number % 5) + 0.5))])))
        }
        var random = SystemRandomNumberGenerator()
        for _ in 0..<5 {
            let process = Process()
            process.executableURL = try #require(BinaryRunner.executable)
            process.arguments = ["deliver", "--config", config, "--database", database, "--interval", "0.05"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: Double.random(in: 0.05...0.4, using: &random))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        // Leases of rows claimed by a killed worker run out; then a last run sends what is left.
        let deadline = Date().addingTimeInterval(60)
        while try store.deliveries().contains(where: { $0.status != "delivered" }), Date() < deadline {
            let run = try BinaryRunner.run(["deliver", "--once", "--config", config, "--database", database])
            #expect(run.status == 0)
            Thread.sleep(forTimeInterval: 0.5)
        }
        #expect(try store.deliveries().count == 200, "no outbox row lost")
        #expect(try store.deliveries(status: "delivered").count == 200)
        let entries = try receiver.entries()
        #expect(Set(entries.compactMap(\.reference)) == Set(references))
        #expect(entries.allSatisfy { $0.valid })
        for group in Dictionary(grouping: entries, by: { $0.reference ?? "" }).values where group.count > 1 {
            #expect(Set(group.map(\.webhook_id)).count == 1)
            #expect(Set(group.map(\.body)).count == 1)
        }
    }
}

extension CommandTests {
    @Test("chat --config delivers a confirmed application in the background while the conversation goes on")
    func backgroundDelivery() throws {
        let receiver = try Receiver()
        let config = try Self.writeConfiguration(for: receiver)
        let chat = try LiveChat(["chat", "--json", "--database", BinaryRunner.temporaryDatabase(), "--config", config])
        defer { chat.kill() }
        var last: [String: Any] = [:]
        for line in Self.sperrmuell.split(separator: "\n") { last = try chat.send(String(line)) }
        let reference = try #require(last["reference"] as? String)
        let deadline = Date().addingTimeInterval(15)
        while try receiver.entries().isEmpty, Date() < deadline { Thread.sleep(forTimeInterval: 0.2) }
        #expect(try receiver.entries().compactMap(\.reference) == [reference])
        let status = try chat.send("wie ist der stand meines antrags \(reference)")
        #expect((status["replies"] as? [String])?.joined().contains("übermittelt") == true)
    }
}
