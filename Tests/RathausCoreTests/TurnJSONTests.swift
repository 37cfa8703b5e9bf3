import Foundation
@testable import RathausCore
import Testing

@Suite("A turn's JSON, written directly")
struct TurnJSONTests {
    static func encoded(_ turn: ChatSession.Turn) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(turn), as: UTF8.self)
    }

    static let turns: [ChatSession.Turn] = [
        .init(conversation: "c1", replies: ["Guten Tag!"], intent: nil),
        .init(conversation: "c2", replies: ["Kosten:\n• 37,00 Euro", "Sie können „das“ \"so\" sagen\\ / https://x.example/a"],
              intent: "personalausweis-beantragen"),
        .init(conversation: "c3", replies: ["Wie viel?\tBitte"], intent: "sperrmuell-anmelden", state: .form, form: "sperrmuell-anmelden",
              expecting: .init(field: "menge", type: "number", choices: nil)),
        .init(conversation: "c4", replies: ["Welche?"], intent: nil, state: .form, form: "f",
              expecting: .init(field: "art", type: "choice", choices: ["Hund", "Gefährlicher Hund"])),
        .init(conversation: "c5", replies: ["Danke! Ihre Nummer: MS-2026-000001"], intent: nil, state: .submitted, form: "f",
              reference: "MS-2026-000001"),
    ]

    @Test("the same bytes as JSONEncoder with sorted keys and unescaped slashes")
    func sameAsJSONEncoder() throws {
        for turn in Self.turns {
            #expect(String(decoding: turn.jsonBytes, as: UTF8.self) == (try Self.encoded(turn)))
        }
    }

    @Test("control characters are escaped and the text reads back unchanged")
    func controlCharacters() throws {
        let turn = ChatSession.Turn(conversation: "c", replies: ["a\u{01}b\u{08}c\u{0C}d\re😀"], intent: nil)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(turn.jsonBytes)) as? [String: Any])
        #expect((object["replies"] as? [String]) == turn.replies)
    }
}
