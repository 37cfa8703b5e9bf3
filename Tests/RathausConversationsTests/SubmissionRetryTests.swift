import Foundation
import RathausCatalog
import RathausConversations
import RathausDialog
import RathausStore
import RathausTestSupport
import RathausUnderstanding
import Testing

/// A confirmation whose application was stored but whose turn was not (the server died between
/// the two commits) is confirmed again from the summary: the citizen gets the first reference,
/// and the department one application.
@Suite("A confirmation sent again after a crash")
struct SubmissionRetryTests {
    /// What a citizen answers to each field of the Sperrmüll form.
    static let answers: [String: String] = [
        "einwilligung": "ja", "name": "Anna Müller", "abholadresse": "Hauptstraße 5", "plz": "12345",
        "gegenstaende": "1 Sofa, 2 Matratzen", "menge": "2", "elektrogeraete": "nein", "wunschtermin": "überspringen",
        "email": "anna@example.org", "telefon": "überspringen",
    ]

    @Test("the same confirmation from the same summary again gets the first reference and stores one application")
    func confirmationAgain() async throws {
        let folder = TestFolder.run.appendingPathComponent("rathaus-retry-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("rathaus.sqlite").path
        let engine = try SharedDatabaseTests.engine.get()
        let service = ConversationService(engine: engine, store: try ConversationStore(path: file))
        try await Self.fillForm(with: service)
        let store = try ConversationStore(path: file)
        let atSummary = try #require(try store.snapshot(id: "c"))
        let first = try #require(try await service.reply(to: Utterance("ja"), in: "c", access: .trusted).turn.reference)

        // The server died after the application was stored and before its turn was: the
        // conversation is at the summary again, and a new server answers the citizen's second „ja“.
        try store.record(atSummary, citizen: "(state before the lost turn)", replies: [])
        let restarted = ConversationService(engine: engine, store: try ConversationStore(path: file))
        let second = try await restarted.reply(to: Utterance("ja"), in: "c", access: .trusted).turn
        #expect(second.reference == first)
        #expect(try store.applications().map(\.reference) == [first])
        // No e-mail for each step of it.
        _ = try await restarted.reply(to: Utterance("nein"), in: "c", access: .trusted)

        // Filing the same form again afterwards, with the same values, is a new application.
        try await Self.fillForm(with: restarted)
        let third = try #require(try await restarted.reply(to: Utterance("ja"), in: "c", access: .trusted).turn.reference)
        #expect(third != first)
        #expect(try store.applications().count == 2)
    }

    /// Starts the Sperrmüll form in conversation "c" and answers it up to its summary (at most 20 turns).
    static func fillForm(with service: ConversationService) async throws {
        var turn = try await service.reply(to: Utterance("ich will sperrmüll anmelden"), in: "c", access: .trusted).turn
        for _ in 0..<20 {
            let field = try #require(turn.expecting?.field, "\(turn.replies)")
            if field == "absenden" { return }
            let answer = try #require(Self.answers[field], "no answer for \(field)")
            turn = try await service.reply(to: Utterance(answer), in: "c", access: .trusted).turn
        }
        Issue.record("the form did not reach its summary: \(turn.replies)")
    }
}
