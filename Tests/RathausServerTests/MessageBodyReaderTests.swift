import Foundation
import NIOCore
@testable import RathausServer
import Testing

@Suite("Reading a message body")
struct MessageBodyReaderTests {
    /// What `JSONDecoder` makes of `body`: the text, or nil when it refuses the body.
    static func decoded(_ body: String) -> String? {
        try? JSONDecoder().decode(ChatAPI.MessageRequest.self, from: Data(body.utf8)).text
    }

    static let bodies = [
        #"{"text": "Was kostet ein Personalausweis?"}"#,
        #"{"text":"hab meinen perso verloren"}"#,
        " \n{ \"text\" :\t\"wann hat das b\\u00fcrgeramt offen\" }\r\n",
        #"{"text": "Zitat \"Perso\", Pfad a\/b, Rückstrich \\ Ende"}"#,
        #"{"text": "Zeile\nZeile\tTab\r\b\f"}"#,
        #"{"text": "Emoji \ud83d\ude00 als Paar"}"#,
        #"{"text": "einzelner \ud83d Ersatz"}"#,
        #"{"text": "\u0041\u00E4\u20ac"}"#,
        #"{"text": ""}"#,
        #"{"text": "ü direkt"}"#,
        #"{"text": "a", "extra": 1}"#,
        #"{"extra": [1, 2], "text": "b"}"#,
        #"{"te\u0078t": "c"}"#,
        #"{"text": 42}"#,
        #"{"text": null}"#,
        #"{"message": "hallo"}"#,
        #"{"text": "offen"#,
        #"{"text": "a"} x"#,
        #"{"text": "a"}}"#,
        #"{"text": "\x"}"#,
        #"{"text": "\u12"}"#,
        "{\"text\": \"roh\u{01}steuerzeichen\"}",
        #"["text"]"#,
        "kein json",
        "",
    ]

    @Test("reads every body as JSONDecoder does", arguments: bodies)
    func sameAsDecoder(_ body: String) {
        #expect(MessageBodyReader.text(of: ByteBuffer(string: body)) == Self.decoded(body))
    }

    @Test("reads the common body without JSONDecoder")
    func fastPath() {
        let body = #"{"text": "wo kann ich sperrm\u00fcll anmelden"}"#
        let text = ByteBuffer(string: body).withUnsafeReadableBytes { MessageBodyReader.fastText($0) }
        #expect(text == "wo kann ich sperrmüll anmelden")
    }

    @Test("leaves bytes that are not UTF-8 to JSONDecoder")
    func invalidUTF8() {
        var buffer = ByteBuffer(string: #"{"text": "a"#)
        buffer.writeBytes([0xC3, 0x28])
        buffer.writeString(#""}"#)
        #expect(buffer.withUnsafeReadableBytes { MessageBodyReader.fastText($0) } == nil)
        let decoded = try? JSONDecoder().decode(ChatAPI.MessageRequest.self, from: Data(buffer: buffer)).text
        #expect(MessageBodyReader.text(of: buffer) == decoded)
    }
}
