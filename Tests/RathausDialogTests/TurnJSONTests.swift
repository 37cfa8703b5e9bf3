import Foundation
import Testing

@testable import RathausDialog

@Suite("A turn's JSON")
struct TurnJSONTests {
    static func encoded(_ turn: ChatSession.Turn) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(turn), as: UTF8.self)
    }

    static let turns: [ChatSession.Turn] = [
        .init(conversation: "c1", replies: ["Guten Tag!"], intent: nil),
        .init(
            conversation: "c2", replies: ["Kosten:\n• 37,00 Euro", "Sie können „das“ \"so\" sagen\\ / https://x.example/a"],
            intent: "personalausweis-beantragen"),
        .init(
            conversation: "c3", replies: ["Wie viel?\tBitte"], intent: "sperrmuell-anmelden", state: .form, form: "sperrmuell-anmelden",
            expecting: .init(field: "menge", type: "number", choices: nil)),
        .init(
            conversation: "c4", replies: ["Welche?"], intent: nil, state: .form, form: "f",
            expecting: .init(field: "art", type: "choice", choices: ["Hund", "Gefährlicher Hund"])),
        .init(
            conversation: "c5", replies: ["Danke! Ihre Nummer: MS-2026-000001"], intent: nil, state: .submitted, form: "f",
            reference: "MS-2026-000001"),
    ]

    @Test("a turn reads back unchanged from its JSON")
    func roundTrip() throws {
        for turn in Self.turns {
            let data = Data(try Self.encoded(turn).utf8)
            #expect(try JSONDecoder().decode(ChatSession.Turn.self, from: data) == turn)
        }
    }

    @Test("a missing intent and missing choices are written as null, other missing keys are left out")
    func nulls() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(try Self.encoded(Self.turns[2]).utf8)) as? [String: Any])
        #expect(object["intent"] as? String == "sperrmuell-anmelden")
        #expect(object["reference"] == nil)
        let expecting = try #require(object["expecting"] as? [String: Any])
        #expect(expecting["choices"] is NSNull)
        let first = try Self.encoded(Self.turns[0])
        #expect(first.contains("\"intent\":null"))
        #expect(!first.contains("expecting"))
    }
}
