import Foundation
import RathausTestSupport
import Testing

/// `rathaus serve` as a process: reload on SIGHUP (a broken catalogue is refused), graceful
/// shutdown on SIGTERM with the delivery worker stopping, and the widget in a real browser (chat,
/// its languages, and documents a department asks for).
extension CommandTests {
    /// A copy of the shipped catalogue (and the widget) in a temporary folder.
    static func catalogCopy() throws -> URL {
        let directory = TestFolder.run.appendingPathComponent("rathaus-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for folder in ["Intents", "Knowledge", "Web"] {
            try FileManager.default.copyItem(
                at: BinaryRunner.repositoryRoot.appendingPathComponent(folder), to: directory.appendingPathComponent(folder))
        }
        return directory
    }

    @Test("serve: SIGHUP reloads the catalogue, a broken one is refused and the running one answers; SIGTERM stops it cleanly")
    func serveReloadAndShutdown() async throws {
        let directory = try Self.catalogCopy()
        let config = directory.appendingPathComponent("rathaus.yaml")
        try """
        server:
          reload_check_seconds: 0
        departments:
          default:
            url: http://127.0.0.1:9/unused
            secrets: [whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw]
        """.write(to: config, atomically: true, encoding: .utf8)
        let server = try LiveServer(["--catalog", directory.path, "--database", BinaryRunner.temporaryDatabase(), "--config", config.path])
        defer { server.stop() }
        #expect(try await server.request("/ready").status == 200)

        let broken = directory.appendingPathComponent("Intents/zz-kaputt.yaml")
        try "intents:\n  - id: kaputt\n    examples: [\n".write(to: broken, atomically: true, encoding: .utf8)
        server.send(SIGHUP)
        #expect(try await server.waitForMetric("rathaus_catalog_reloads_total{result=\"refused\"} 1"), "\(server.log)")
        let created = try await server.object("/api/v1/conversations", method: "POST")
        let id = try #require(created["id"] as? String), token = try #require(created["token"] as? String)
        let turn = try await server.object(
            "/api/v1/conversations/\(id)/messages", method: "POST", json: ["text": "Was kostet ein Reisepass?"], token: token)
        #expect((turn["replies"] as? [String])?.joined().contains("70,00 Euro") == true, "the running catalogue still answers")
        #expect(server.log.contains("zz-kaputt.yaml"), "the refusal is logged with the file")

        try FileManager.default.removeItem(at: broken)
        server.send(SIGHUP)
        #expect(try await server.waitForMetric("rathaus_catalog_reloads_total{result=\"ok\"} 1"), "\(server.log)")

        server.send(SIGTERM)
        let exit = try #require(server.waitForExit(), "serve did not stop within 20 s of SIGTERM")
        #expect(exit.status == 0)
        #expect(exit.log.contains("delivery worker stopped"))
        #expect(exit.log.contains("\"message\":\"stopped\""))
        #expect(!exit.log.contains("Reisepass"), "no citizen text in the log")
        for line in exit.log.split(separator: "\n") {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "every log line is JSON: \(line)")
        }
    }

    @Test("the widget in Chromium: question, Sperrmüll form by keyboard only, reference, reload, markup shown as text")
    func browser() async throws {
        let server = try LiveServer(["--database", BinaryRunner.temporaryDatabase()])
        defer { server.stop() }
        let (status, text) = try BrowserScript.run("test_widget.py", [server.baseURL])
        #expect(status == 0, "browser test failed (needs chromium, chromium-driver and Tests/Browser/requirements.txt):\n\(text)")
    }

    @Test("the widget in Chromium: the language switch by keyboard, English and German replies with their lang, kept across a reload")
    func browserLanguages() async throws {
        let server = try LiveServer(["--database", BinaryRunner.temporaryDatabase()])
        defer { server.stop() }
        let (status, text) = try BrowserScript.run("test_languages.py", [server.baseURL])
        #expect(status == 0, "browser test failed (needs chromium, chromium-driver and Tests/Browser/requirements.txt):\n\(text)")
    }

    @Test("the widget in Chromium: the form's photo and a requested photo by keyboard, a ZIP refused each time, the PNGs delivered signed")
    func browserDocuments() async throws {
        let receiver = try Receiver()
        let config = try Self.writeConfiguration(for: receiver)
        let server = try LiveServer(["--database", BinaryRunner.temporaryDatabase(), "--config", config])
        defer { server.stop() }
        let (status, text) = try BrowserScript.run("test_documents.py", [server.baseURL, Receiver.secret, receiver.log.path])
        #expect(
            status == 0,
            "browser test failed (needs chromium, chromium-driver and Tests/Browser/requirements.txt):\n\(text)\nserver log:\n\(server.log)")
    }
}
