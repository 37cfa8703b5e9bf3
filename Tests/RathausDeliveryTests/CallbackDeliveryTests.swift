import Foundation
import RathausCatalog
import RathausConversations
import RathausDialog
import RathausStore
import RathausTestSupport
import RathausUnderstanding
import Testing

@testable import RathausDelivery

/// A callback request filled in through the conversation service over a real store, delivered by
/// the worker to a real receiver that verifies the signature with the official package.
@Suite("A callback request reaches the Hauptamt", .serialized)
struct CallbackDeliveryTests {
    static let engine: ChatEngine = {
        let catalog = try! CatalogLoader(directory: Receiver.repositoryRoot).load()
        return try! ChatEngine(catalog: catalog)
    }()

    /// The first three messages are not understood; the rest fill in the callback request, with
    /// `agrees` as the answer to sending the transcript.
    static func script(agrees: Bool) -> [String] {
        [
            "wie wird das wetter am wochenende", "rezept für apfelkuchen", "wer wird deutscher fußballmeister", "ja", "ja", "Anna Müller",
            "telefon", "0171 2345678", "vormittags", "Frage zu meiner Grundsteuer", agrees ? "ja" : "nein", "ja",
        ]
    }

    /// Runs `script(agrees:)` in a new conversation, delivers, and returns the receiver's one
    /// entry with its body as an object, and the reference the conversation was told.
    static func deliver(agrees: Bool) async throws -> (Receiver.Entry, [String: Any], String?) {
        let path = TestFolder.run.appendingPathComponent("rathaus-callback-\(UUID().uuidString)/c.sqlite").path
        let store = try ConversationStore(path: path)
        let moment = TownTime(date: CalendarDate(year: 2027, month: 3, day: 3)!, time: ClockTime(hour: 10)!)
        let service = ConversationService(engine: engine, store: store, today: { moment.date }, now: { moment })
        var reference: String?
        for text in script(agrees: agrees) {
            reference = try await service.reply(to: Utterance(text), in: "callback-\(agrees)", access: .trusted).turn.reference ?? reference
        }
        // Started only now: it stops by itself after two minutes, and the conversation may take a while on a busy machine.
        let receiver = try Receiver()
        let worker = OutboxWorker(store: store, configuration: try DeliveryConfiguration(yaml: receiver.configuration(timeout: 10)))
        try DeliveryFaultTests.drain(worker, store)
        let entries = try receiver.entries()
        let deliveries = try store.deliveries()
        try #require(entries.count == 1, "one delivery: \(entries.count), \(deliveries.map { $0.lastError ?? $0.status })")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(entries[0].body.utf8)) as? [String: Any])
        return (entries[0], body, reference)
    }

    @Test("agreed: signed, to the Hauptamt, with the form's data and the transcript from the first message not understood")
    func withTranscript() async throws {
        let (entry, body, reference) = try await Self.deliver(agrees: true)
        #expect(entry.valid, "\(entry.error ?? "")")
        #expect(body["reference"] as? String == reference && reference != nil)
        #expect(body["department"] as? String == "hauptamt")
        #expect((body["service"] as? [String: Any])?["id"] as? String == "mensch-sprechen")
        let data = try #require(body["data"] as? [String: Any])
        #expect(data["name"] as? String == "Anna Müller" && data["telefon"] as? String == "+491712345678")
        #expect(data["zeit"] as? String == "vormittags" && data["verlauf"] as? Bool == true)
        let transcript = try #require(body["transcript"] as? [[String: String]])
        #expect(transcript.first == ["speaker": "citizen", "text": "wie wird das wetter am wochenende"])
        #expect(transcript.contains { $0["speaker"] == "assistant" && $0["text"]?.contains("Rückruf oder eine E-Mail") == true })
        #expect(transcript.filter { $0["speaker"] == "citizen" }.count == Self.script(agrees: true).count - 1, "every turn before the last „ja“")
    }

    @Test("declined: signed, the same data with verlauf false, and no transcript anywhere in the body")
    func withoutTranscript() async throws {
        let (entry, body, reference) = try await Self.deliver(agrees: false)
        #expect(entry.valid, "\(entry.error ?? "")")
        #expect(body["reference"] as? String == reference && reference != nil)
        #expect(body["transcript"] == nil)
        #expect((body["data"] as? [String: Any])?["verlauf"] as? Bool == false)
        #expect(!entry.body.contains("wetter") && !entry.body.contains("apfelkuchen"))
    }
}
