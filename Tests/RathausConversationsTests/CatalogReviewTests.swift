import Foundation
import RathausCatalog
import RathausTestSupport
import Testing

@testable import RathausConversations

@Suite("Reviewing misses into examples")
struct CatalogReviewTests {
    static func evaluationSet(in fixture: CatalogFixture) throws -> URL {
        let url = fixture.directory.appendingPathComponent("eval.jsonl")
        let lines = [
            #"{"text": "reisepass beantragen", "intent": "reisepass-beantragen"}"#,
            #"{"text": "wohnung anmelden bitte", "intent": "wohnsitz-anmelden"}"#, #"{"text": "wie wird das wetter", "intent": null}"#,
        ]
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test("each decision but skip writes its line; recognition is measured before and after")
    func decisionsWritten() throws {
        let fixture = try CatalogFixture(changes: ["Intents/ausserhalb.yaml": "out_of_scope:\n  - rezept für lasagne\n"])
        defer { fixture.remove() }
        let review = CatalogReview(directory: fixture.directory, evaluationSet: try Self.evaluationSet(in: fixture))
        let outcome = try review.apply([
            ("pass für mein baby", .intent("reisepass-beantragen")), ("wie wird das wetter", .outOfScope),
            ("egal was", .skip), ("kinderreisepass", .intent("reisepass-beantragen")),
        ])
        #expect(outcome.added.map(\.text) == ["pass für mein baby", "wie wird das wetter"])
        #expect(outcome.added.map(\.intent) == ["reisepass-beantragen", nil])
        #expect(outcome.alreadyThere == ["kinderreisepass"])
        #expect(outcome.before?.total == 3 && outcome.after?.total == 3)
        let catalog = try CatalogLoader(directory: fixture.directory).load()
        #expect(catalog.intents.first { $0.id == "reisepass-beantragen" }?.examples.contains("pass für mein baby") == true)
        #expect(catalog.outOfScopeExamples.contains("wie wird das wetter"))
    }

    @Test("a decision that cannot be written puts back every line of the review; a broken catalogue is not touched")
    func nothingOnFailure() throws {
        let fixture = try CatalogFixture(changes: ["Intents/ausserhalb.yaml": "out_of_scope:\n  - rezept für lasagne\n"])
        defer { fixture.remove() }
        let files = ["Intents/dienste.yaml", "Intents/ausserhalb.yaml", "Intents/gespraech.yaml"]
        let read = { try files.map { try Data(contentsOf: fixture.directory.appendingPathComponent($0)) } }
        let before = try read()
        let review = CatalogReview(directory: fixture.directory, evaluationSet: nil)
        #expect(throws: CatalogReview.Refused.self) {
            try review.apply([("pass für mein baby", .intent("reisepass-beantragen")), ("irgendwas", .intent("gibtsnicht"))])
        }
        #expect(try read() == before)
        try "id: [kaputt".write(to: fixture.directory.appendingPathComponent("Knowledge/wohnsitz-anmelden.yaml"), atomically: true, encoding: .utf8)
        #expect(throws: CatalogReview.Refused.self) { try review.apply([("pass für mein baby", .intent("reisepass-beantragen"))]) }
        #expect(try read() == before)
    }
}
