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

    @Test("the escape search finds exactly the bytes a JSON string must escape, wherever they are")
    func escapeSearch() {
        // Every byte value at every position of texts from 0 to 20 bytes, around ASCII, UTF-8 and
        // the neighbours of the escaped bytes (0x1F, 0x20, 0x21, 0x23, 0x5B, 0x5D, 0x9F, 0xDC).
        let fillers: [UInt8] = [UInt8(ascii: "a"), 0x20, 0x21, 0x23, 0x5B, 0x5D, 0x9F, 0xDC, 0xFF]
        for length in 0...20 {
            for filler in fillers {
                for position in 0..<max(length, 1) {
                    for special in [UInt8(0x00), 0x0A, 0x1F, UInt8(ascii: "\""), UInt8(ascii: "\\"), filler] {
                        var bytes = [UInt8](repeating: filler, count: length)
                        if length > 0 { bytes[position] = special }
                        bytes.withUnsafeBufferPointer { text in
                            for start in 0...length {
                                let expected = (start..<length).first { JSONOutput.mustEscape(text[$0]) } ?? length
                                #expect(JSONOutput.nextEscape(in: text, from: start) == expected)
                            }
                        }
                    }
                }
            }
        }
    }

    @Test("long texts with escapes far apart are written as JSONEncoder writes them")
    func longTexts() throws {
        let paragraph = String(repeating: "Öffnungszeiten der Stadtverwaltung Musterstadt: Mo–Fr 8–12 Uhr. ", count: 9)
        let replies = [paragraph + "\n\n" + paragraph + "\"Ende\"", paragraph, "\\" + paragraph + "\u{1F}"]
        let turn = ChatSession.Turn(conversation: "c", replies: replies, intent: "x")
        #expect(String(decoding: turn.jsonBytes, as: UTF8.self) == (try Self.encoded(turn)))
    }
}
