import Foundation
import Testing

@testable import RathausDialog
@testable import RathausServer

/// A turn's JSON: its `Codable` form (what `rathaus chat --json` prints), and the response body that
/// `JSONValue` writes, against `JSONEncoder` with sorted keys.
@Suite("A turn's JSON")
struct TurnResponseTests {
    static func encoded(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
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
        .init(conversation: "c6", replies: ["a\u{01}b\u{08}c\u{0C}d\re\u{1F}😀"], intent: nil),
        ChatSession.Turn(conversation: "c7", replies: ["Hello"], intent: nil).in(.english),
    ]

    @Test("the same text as JSONEncoder writes for the turn")
    func sameAsJSONEncoder() throws {
        for turn in Self.turns {
            #expect(turn.jsonValue.text == (try Self.encoded(turn)))
        }
    }

    @Test("every control character is escaped as JSONEncoder escapes it")
    func controlCharacters() throws {
        for value in 0..<0x20 {
            let text = "x" + String(UnicodeScalar(UInt8(value))) + "y\"\\/"
            #expect(JSONValue.string(text).text == (try Self.encoded(text)))
        }
    }

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
