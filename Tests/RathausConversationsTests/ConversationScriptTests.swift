import Foundation
import RathausCatalog
import RathausConversations
import RathausDialog
import RathausTestSupport
import RathausUnderstanding
import Testing

/// Runs every conversation test in `Tests/Conversations` (the same files `rathaus test` runs).
@Suite("Conversation tests")
struct ConversationScriptTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let folder = repositoryRoot.appendingPathComponent("Tests/Conversations")
    static let files = (try? ConversationScript.files(at: folder)) ?? []
    static let runner: ConversationScriptRunner = {
        let catalog = try! CatalogLoader(directory: repositoryRoot).load()
        return ConversationScriptRunner(engine: try! ChatEngine(catalog: catalog))
    }()

    @Test("there is a happy path for every form and at least 25 unhappy paths")
    func coverage() throws {
        let names = Self.files.map(\.lastPathComponent)
        let catalog = try CatalogLoader(directory: Self.repositoryRoot).load()
        for form in catalog.forms.keys {
            #expect(names.contains("happy-\(form).yaml"), "no happy path for \(form)")
        }
        #expect(names.filter { $0.hasPrefix("unhappy-") }.count >= 25)
    }

    @Test("the conversation passes", arguments: files.map(\.lastPathComponent))
    func script(_ name: String) async {
        let result = await Self.runner.run(file: Self.folder.appendingPathComponent(name))
        if case .failed(_, let report) = result { Issue.record("\(name):\n\(report)") }
    }

    @Test("a script whose expectation does not hold fails with a readable report")
    func failingScript() async throws {
        let file = TestFolder.run.appendingPathComponent("rathaus-failing-\(UUID().uuidString).yaml")
        try Data(
            """
            name: Absichtlich falsch
            turns:
              - user: Was kostet ein Reisepass?
                bot: 99,99 Euro
            """.utf8
        ).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        guard case .failed(let name, let report) = await Self.runner.run(file: file) else {
            Issue.record("the script should fail")
            return
        }
        #expect(name == "Absichtlich falsch")
        #expect(report.contains("„99,99 Euro“"))
        #expect(report.contains("70,00 Euro"), "the report shows the actual reply")
    }
}
