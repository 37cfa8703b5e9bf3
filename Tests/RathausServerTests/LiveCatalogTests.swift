import Foundation
import RathausCatalog
import RathausDialog
import RathausTestSupport
import RathausUnderstanding
import Testing

@testable import RathausServer

@Suite("Catalogue reload and the server's config section")
struct LiveCatalogTests {
    /// A copy of the shipped catalogue in a temporary folder.
    static func catalogCopy() throws -> URL {
        let directory = TestFolder.run.appendingPathComponent("rathaus-reload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for folder in ["Intents", "Knowledge"] {
            try FileManager.default.copyItem(
                at: ChatAPITests.repositoryRoot.appendingPathComponent(folder), to: directory.appendingPathComponent(folder))
        }
        return directory
    }

    @Test("a catalogue with errors is refused and the running one stays; a good one replaces it")
    func reload() throws {
        let directory = try Self.catalogCopy()
        let catalog = try CatalogLoader(directory: directory).load()
        let live = LiveCatalog(engine: try ChatEngine(catalog: catalog), directory: directory)
        let before = live.fingerprint()
        let broken = directory.appendingPathComponent("Intents/zz-kaputt.yaml")
        try "intents:\n  - id: kaputt\n    examples: [\n".write(to: broken, atomically: true, encoding: .utf8)
        #expect(live.fingerprint() != before, "a new file changes the fingerprint")
        #expect(throws: LiveCatalog.ReloadFailure.self) { try live.reload() }
        #expect(live.engine.catalog.intents.count == catalog.intents.count, "the running catalogue stays")
        do {
            try live.reload()
        } catch {
            #expect("\(error)".contains("zz-kaputt.yaml"), "the refusal names the file: \(error)")
        }
        try FileManager.default.removeItem(at: broken)
        let engine = try live.reload()
        #expect(engine.catalog.intents.count == catalog.intents.count)
        #expect(live.fingerprint() == before)
    }

    @Test("the server section: defaults without it, values with it, every problem with its line")
    func configuration() throws {
        #expect(try ServerConfiguration(yaml: "departments: {}\n") == ServerConfiguration())
        let configuration = try ServerConfiguration(
            yaml: """
                server:
                  cors_origins: [https://www.musterstadt.de]
                  frame_ancestors: [https://www.musterstadt.de]
                  rate_limit: {per_second: 2, burst: 10}
                  trust_forwarded_for: true
                  reload_check_seconds: 0
                """)
        #expect(configuration.corsOrigins == ["https://www.musterstadt.de"])
        #expect(configuration.frameAncestors == ["https://www.musterstadt.de"])
        #expect(configuration.requestsPerSecond == 2 && configuration.burst == 10)
        #expect(configuration.trustsForwardedFor && configuration.reloadCheckSeconds == 0)
        do {
            _ = try ServerConfiguration(
                yaml: """
                    server:
                      cors_origins: [www.musterstadt.de]
                      rate_limit: {per_second: schnell}
                      colour: blau
                    """, file: "rathaus.yaml")
            Issue.record("problems expected")
        } catch let problems as ServerConfiguration.Problems {
            #expect(problems.lines.contains { $0.hasPrefix("rathaus.yaml:2:") && $0.contains("cors_origins") })
            #expect(problems.lines.contains { $0.hasPrefix("rathaus.yaml:3:") && $0.contains("per_second") })
            #expect(problems.lines.contains { $0.hasPrefix("rathaus.yaml:4:") && $0.contains("colour") })
        }
    }
}
