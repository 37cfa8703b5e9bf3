import Foundation
import RathausCatalog
import RathausDialog
import RathausUnderstanding
import Testing

@testable import RathausStore

/// The JSON texts the store writes by hand read back as what was written.
@Suite("Column texts written by hand")
struct ColumnTextTests {
    @Test("a state between questions reads back unchanged, with every field it can hold")
    func stateBetweenQuestions() throws {
        var snapshot = ChatSession.Snapshot(
            id: "c-\"1\"", currentService: "reisepass-beantragen",
            pendingChoice: ["a", "b\\c"], offeredForm: "sperrmuell-anmelden")
        snapshot.submittedReferences = ["MS-2026-000001"]
        snapshot.currentAspect = .costs
        snapshot.announcedRequests = ["MS-2026-000001/foto"]
        snapshot.missedTurns = 2
        snapshot.unhelpfulAnswersInARow = 2
        snapshot.language = .easyGerman
        snapshot.languageChosen = true
        // Every field of a snapshot between questions is set above: a field added later fails here
        // until the hand-written text carries it.
        let unset = Mirror(reflecting: snapshot).children.filter { child in
            guard let label = child.label, !["dialog", "statusQuery", "notificationOffer"].contains(label) else { return false }
            return "\(child.value)" == "nil"
        }
        #expect(unset.isEmpty, "fields not covered: \(unset.compactMap(\.label))")
        for state in [snapshot, ChatSession.Snapshot(id: "plain")] {
            let text = try ConversationStore.stateText(state, encoder: JSONEncoder())
            #expect(try JSONDecoder().decode(ChatSession.Snapshot.self, from: Data(text.utf8)) == state)
        }
    }

    @Test("replies with quotes, backslashes, slashes and control characters read back unchanged")
    func replies() throws {
        let replies = ["Kosten:\n• 37,00 Euro", "„so“ \"so\" \\ / \t\u{01}\u{1F} 😀", ""]
        let text = JSONString.array(replies)
        #expect(try JSONDecoder().decode([String].self, from: Data(text.utf8)) == replies)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        #expect(text == String(decoding: try encoder.encode(replies), as: UTF8.self))
    }
}
