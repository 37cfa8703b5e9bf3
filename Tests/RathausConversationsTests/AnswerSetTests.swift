import Foundation
import RathausCatalog
import RathausConversations
import RathausDialog
import RathausTestSupport
import Testing

@Suite("The answer test set")
struct AnswerSetTests {
    /// The share of the project's answer set that must pass (`rathaus answers`): issue 18's goal.
    static let passRateFloor = 0.95

    @Test("the project's answer set: at least 40 cases, at least 95 % pass, aspect answers stay short")
    func projectSet() async throws {
        let url = CatalogFixture.repositoryRoot.appendingPathComponent("Tests/Answers/answers.jsonl")
        let set = try AnswerSet(contentsOf: url)
        #expect(set.cases.count >= 40)
        #expect(set.cases.contains { $0.turns.count > 1 })
        let report = try await AnswerSetRunner(
            engine: ChatEngine(catalog: CatalogFixture.shipped, matcher: CatalogFixture.matcher(CatalogFixture.shipped))
        )
        .run(set)
        #expect(report.passRate >= Self.passRateFloor, "\(report.passed) of \(report.total)")
        #expect(report.medianAspectWords <= 60)
    }

    @Test("a missing fact and a reply that is too long both fail, and the reason says which")
    func failures() async throws {
        let folder = TestFolder.run.appendingPathComponent("rathaus-answerset-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("set.jsonl")
        try """
        {"id": "ok", "kind": "aspect", "turns": ["was kostet ein reisepass"], "facts": ["70,00"], "max_words": 80}
        {"id": "fact", "kind": "aspect", "turns": ["was kostet ein reisepass"], "facts": ["999,99"], "max_words": 80}
        {"id": "long", "kind": "aspect", "turns": ["was kostet ein reisepass"], "facts": ["70,00"], "max_words": 3}
        """.write(to: file, atomically: true, encoding: .utf8)
        let report = try await AnswerSetRunner(
            engine: ChatEngine(catalog: CatalogFixture.shipped, matcher: CatalogFixture.matcher(CatalogFixture.shipped))
        )
        .run(AnswerSet(contentsOf: file))
        #expect(report.total == 3)
        #expect(report.passed == 1)
        #expect(report.failures.map(\.id) == ["fact", "long"])
        #expect(report.failures[0].reason.contains("999,99"))
        #expect(report.failures[1].reason.contains("höchstens 3"))
    }
}
