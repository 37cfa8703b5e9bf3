import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import RathausDialog
import RathausStore
import RathausTestSupport
import Testing

@testable import RathausServer

@Suite("Switching the chat off for maintenance")
struct MaintenanceTests {
    typealias API = ChatAPITests

    /// An application whose maintenance follows `mode`, over `store`.
    static func application(mode: MaintenanceMode, store: ConversationStore) -> some ApplicationProtocol {
        let api = ChatAPI(
            live: LiveCatalog(engine: ChatEngine(catalog: API.catalog, matcher: API.matcher)), store: store, maintenance: mode)
        return Application(router: api.router())
    }

    @Test("while on: new conversations and turns get 503 with the text, /health says so, nothing stored is lost; after off turns work again")
    func switchedOffAndOn() async throws {
        let store = try ConversationStore(path: API.temporaryDatabase())
        let mode = MaintenanceMode()
        try await Self.application(mode: mode, store: store).test(.router) { client in
            let created = try API.object(try await API.call(client, "/api/v1/conversations", .post))
            let id = try #require(created["id"] as? String), token = try #require(created["token"] as? String)
            let messages = "/api/v1/conversations/\(id)/messages"
            let first = try await API.call(client, messages, .post, headers: API.bearer(token), body: API.body(["text": "Was kostet ein Reisepass?"]))
            #expect(first.status == .ok)

            mode.setSwitched(.init(message: "Der Chat ist bis 14 Uhr in Wartung."))
            let refused = try await API.call(
                client, messages, .post, headers: API.bearer(token), body: API.body(["text": "und ein Personalausweis?"]))
            #expect(refused.status == .serviceUnavailable)
            #expect(
                try API.object(refused)["error"] as? [String: String] == ["code": "maintenance", "message": "Der Chat ist bis 14 Uhr in Wartung."])
            #expect(try await API.call(client, "/api/v1/conversations", .post).status == .serviceUnavailable)
            let rasa = try await API.call(
                client, "/webhooks/rest/webhook", .post, headers: [.contentType: "application/json"],
                body: API.body(["sender": "s1", "message": "hallo"]))
            #expect(rasa.status == .serviceUnavailable)
            let health = try await API.call(client, "/health", .get)
            #expect(health.status == .ok)
            #expect(try API.object(health) as? [String: String] == ["status": "maintenance", "message": "Der Chat ist bis 14 Uhr in Wartung."])
            let transcript = try await API.call(client, "/api/v1/conversations/\(id)", .get, headers: API.bearer(token))
            #expect(transcript.status == .ok)
            #expect((try API.object(transcript)["transcript"] as? [[String: String]])?.count == 2, "the turn before maintenance is kept")
            #expect(try store.transcript(id: id).count == 2, "the refused turn stored nothing")

            mode.setSwitched(nil)
            let again = try await API.call(client, messages, .post, headers: API.bearer(token), body: API.body(["text": "und ein Personalausweis?"]))
            #expect(again.status == .ok)
            #expect((try API.object(again)["replies"] as? [String])?.first?.contains("Personalausweis") == true, "the conversation goes on")
            #expect(try API.object(try await API.call(client, "/health", .get)) as? [String: String] == ["status": "ok"])
        }
    }

    @Test("without a text of its own, the default German text; the database's switch wins over the config's")
    func messages() {
        let mode = MaintenanceMode(configured: .init())
        #expect(mode.message == MaintenanceMode.defaultMessage)
        let changed = mode.setConfigured(.init(message: "Laut Konfiguration."))
        let changedAgain = mode.setConfigured(.init(message: "Laut Konfiguration."))
        #expect(changed && !changedAgain, "the second time changes nothing")
        #expect(mode.message == "Laut Konfiguration.")
        mode.setSwitched(.init(message: "Laut Befehl."))
        #expect(mode.message == "Laut Befehl.")
        mode.setConfigured(nil)
        mode.setSwitched(nil)
        #expect(mode.message == nil)
    }

    @Test("server.maintenance in the config: the key alone or {} is on with the default text; a wrong form is reported with its line")
    func configuration() throws {
        #expect(try ServerConfiguration(yaml: "server:\n  cors_origins: []").maintenance == nil)
        #expect(try ServerConfiguration(yaml: "server:\n  maintenance:").maintenance == .init())
        #expect(try ServerConfiguration(yaml: "server:\n  maintenance: {}").maintenance == .init())
        #expect(try ServerConfiguration(yaml: "server:\n  maintenance: {message: \"Bis 14 Uhr.\"}").maintenance == .init(message: "Bis 14 Uhr."))
        for broken in ["server:\n  maintenance: true", "server:\n  maintenance: {text: Bis 14 Uhr.}"] {
            do {
                _ = try ServerConfiguration(yaml: broken, file: "c.yaml")
                Issue.record("problems expected for \(broken)")
            } catch let problems as ServerConfiguration.Problems {
                #expect(problems.lines.count == 1 && problems.lines[0].hasPrefix("c.yaml:2:") && problems.lines[0].contains("maintenance"))
            }
        }
    }

    @Test("the watcher follows the config file as it changes (a broken file changes nothing) and the database's switch")
    func watcher() async throws {
        let folder = TestFolder.run.appendingPathComponent("rathaus-maintenance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("rathaus.yaml")
        let store = try ConversationStore(path: folder.appendingPathComponent("r.sqlite").path)
        let mode = MaintenanceMode()
        let watcher = MaintenanceWatcher(mode: mode, store: store, configFile: config, checkInterval: 1, logger: Logger(label: "test"))
        func write(_ text: String) throws {
            try text.write(to: config, atomically: true, encoding: .utf8)
            // A later modification time than the last write, also on file systems with coarse times.
            let later = Date().addingTimeInterval(Double.random(in: 1...1000))
            try FileManager.default.setAttributes([.modificationDate: later], ofItemAtPath: config.path)
        }

        try write("server:\n  rate_limit: {per_second: 5, burst: 30}\n")
        await watcher.check()
        #expect(mode.message == nil)
        try write("server:\n  rate_limit: {per_second: 5, burst: 30}\n  maintenance: {message: \"Wartung laut Datei.\"}\n")
        await watcher.check()
        #expect(mode.message == "Wartung laut Datei.")
        try write("server:\n  maintenance: {message: 42, farbe: rot}\n")
        await watcher.check()
        #expect(mode.message == "Wartung laut Datei.", "a broken file changes nothing")
        try write("server:\n  rate_limit: {per_second: 5, burst: 30}\n")
        await watcher.check()
        #expect(mode.message == nil)

        try store.switchMaintenanceOn(message: "Wartung laut Befehl.")
        await watcher.check()
        #expect(mode.message == "Wartung laut Befehl.")
        try store.switchMaintenanceOff()
        await watcher.check()
        #expect(mode.message == nil)
    }
}
