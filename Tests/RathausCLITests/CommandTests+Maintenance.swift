import Foundation
import RathausCatalog
import RathausStore
import RathausTestSupport
import Testing

/// `rathaus maintenance` against a running `rathaus serve`, and `server.maintenance` reloaded from
/// its config file: turns refused with 503 while on, the delivery worker going on, nothing lost.
extension CommandTests {
    /// Polls `/health` until its status is `status`, for at most `seconds`; its last body.
    static func waitForHealth(_ server: LiveServer, status: String, seconds: Double = 10) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(seconds)
        var health: [String: Any] = [:]
        while Date() < deadline {
            health = try await server.object("/health")
            if health["status"] as? String == status { return health }
            try await Task.sleep(for: .milliseconds(100))
        }
        return health
    }

    @Test("maintenance on/off reaches a running serve through its database; server.maintenance in its config is reloaded; delivery goes on")
    func maintenanceSwitches() async throws {
        let receiver = try Receiver()
        let database = BinaryRunner.temporaryDatabase()
        let config = URL(fileURLWithPath: try Self.writeConfiguration(for: receiver))
        let baseConfig = try String(contentsOf: config, encoding: .utf8) + "\nserver:\n  reload_check_seconds: 0.2\n"
        try baseConfig.write(to: config, atomically: true, encoding: .utf8)
        let server = try LiveServer(["--database", database, "--config", config.path])
        defer { server.stop() }

        let created = try await server.object("/api/v1/conversations", method: "POST")
        let id = try #require(created["id"] as? String), token = try #require(created["token"] as? String)
        let messages = "/api/v1/conversations/\(id)/messages"
        #expect(try await server.request(messages, method: "POST", json: ["text": "Was kostet ein Reisepass?"], token: token).status == 200)

        let on = try BinaryRunner.run(["maintenance", "on", "--message", "Bis 14 Uhr in Wartung.", "--database", database])
        #expect(on.status == 0, "\(on.standardError)")
        let health = try await Self.waitForHealth(server, status: "maintenance")
        #expect(health["message"] as? String == "Bis 14 Uhr in Wartung.", "\(health)")
        let refused = try await server.request(messages, method: "POST", json: ["text": "und ein Personalausweis?"], token: token)
        #expect(refused.status == 503)
        let error = try JSONSerialization.jsonObject(with: refused.body) as? [String: [String: String]]
        #expect(error?["error"] == ["code": "maintenance", "message": "Bis 14 Uhr in Wartung."])
        #expect(try await server.request("/api/v1/conversations", method: "POST").status == 503)
        #expect(try BinaryRunner.run(["maintenance", "status", "--database", database]).standardOutput.contains("Wartung an seit"))

        // The delivery worker goes on: an application stored meanwhile arrives, signed.
        let reference = try ConversationStore(path: database).submit(
            SubmittedApplication(
                conversationID: id, formID: "sperrmuell-anmelden", schemaVersion: 1, serviceName: "Sperrmüll",
                serviceKey: "local:musterstadt:sperrmuell-anmelden", departmentID: "abfallwirtschaft",
                data: [.init(field: "menge", type: "number", value: .number(2))]))
        let deadline = Date().addingTimeInterval(10)
        while try receiver.entries().isEmpty, Date() < deadline { try await Task.sleep(for: .milliseconds(100)) }
        #expect(try receiver.entries().map(\.reference) == [reference])
        #expect(try receiver.entries().allSatisfy(\.valid))

        let off = try BinaryRunner.run(["maintenance", "off", "--database", database])
        #expect(off.status == 0 && off.standardOutput.contains("Wartung aus"), "\(off.standardOutput)\(off.standardError)")
        #expect(try await Self.waitForHealth(server, status: "ok")["status"] as? String == "ok")
        let again = try await server.object(messages, method: "POST", json: ["text": "und ein Personalausweis?"], token: token)
        #expect((again["replies"] as? [String])?.first?.contains("Personalausweis") == true, "the conversation goes on: \(again)")

        // The config file's switch, reloaded while running.
        try (baseConfig.replacingOccurrences(of: "server:\n", with: "server:\n  maintenance: {message: \"Wartung laut Konfiguration.\"}\n"))
            .write(to: config, atomically: true, encoding: .utf8)
        #expect(try await Self.waitForHealth(server, status: "maintenance")["message"] as? String == "Wartung laut Konfiguration.")
        #expect(try await server.request(messages, method: "POST", json: ["text": "hallo"], token: token).status == 503)
        let reminder = try BinaryRunner.run(["maintenance", "off", "--config", config.path, "--database", database])
        #expect(reminder.standardOutput.contains("server.maintenance"), "off reminds that the config still holds it: \(reminder.standardOutput)")
        try baseConfig.write(to: config, atomically: true, encoding: .utf8)
        #expect(try await Self.waitForHealth(server, status: "ok")["status"] as? String == "ok")
        let transcript = try await server.object("/api/v1/conversations/\(id)", token: token)
        #expect((transcript["transcript"] as? [[String: String]])?.filter { $0["speaker"] == "citizen" }.count == 2, "only the answered turns")
        #expect(server.log.contains("maintenance on") && server.log.contains("maintenance off"))
    }

    @Test("the widget in Chromium during maintenance: the server's text as a polite notice, the question answered after off")
    func browserMaintenance() async throws {
        let database = BinaryRunner.temporaryDatabase()
        let config = TestFolder.run.appendingPathComponent("rathaus-maintenance-\(UUID().uuidString).yaml")
        try "server:\n  reload_check_seconds: 0.2\n".write(to: config, atomically: true, encoding: .utf8)
        let server = try LiveServer(["--database", database, "--config", config.path])
        defer { server.stop() }
        let (status, text) = try BrowserScript.run("test_maintenance.py", [server.baseURL, try #require(BinaryRunner.executable).path, database])
        #expect(status == 0, "browser test failed (needs chromium, chromium-driver and Tests/Browser/requirements.txt):\n\(text)")
    }
}
