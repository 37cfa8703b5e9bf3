import Foundation
import Hummingbird
import Logging
import Testing

@testable import RathausServer

@Suite("JSON at the edges: responses and log lines through JSONEncoder")
struct JSONEdgeTests {
    @Test("a JSONValue is compact, with sorted keys, escapes as JSON needs and slashes unescaped")
    func jsonValue() {
        let value: JSONValue = ["b": 1, "a": ["x/y", "Straße \"1\"\n\t\u{01}\\"], "c": [:], "d": []]
        let text = String(decoding: value.bytes, as: UTF8.self)
        #expect(text == #"{"a":["x/y","Straße \"1\"\n\t\u0001\\"],"b":1,"c":{},"d":[]}"#)
    }

    @Test("an Encodable response is written like a JSONValue")
    func encodableResponse() throws {
        struct Body: Encodable {
            let zeta = "z/1"
            let alpha = 2
        }
        let response = try Response.json(encoding: Body(), status: .created)
        #expect(response.status == .created)
        #expect(response.headers[.contentType] == Response.jsonType)
        #expect(response.body.contentLength == #"{"alpha":2,"zeta":"z/1"}"#.utf8.count)
    }

    @Test("a log line is one JSON object with sorted keys, the event's metadata over the logger's")
    func logLine() throws {
        let event = LogEvent(
            level: .info, message: "request", metadata: ["route": "/api/v1/conversations/{id}", "status": "200"],
            source: nil, file: #fileID, function: #function, line: #line)
        let bytes = JSONLogHandler.line(
            event: event, label: "rathaus.server", metadata: ["status": "old", "rathaus.instance": "a"],
            now: Date(timeIntervalSince1970: 0))
        #expect(bytes.last == UInt8(ascii: "\n"))
        let text = String(decoding: bytes.dropLast(), as: UTF8.self)
        #expect(!text.contains("\n"))
        #expect(
            text.hasPrefix(
                #"{"level":"info","logger":"rathaus.server","message":"request","rathaus.instance":"a","route":"/api/v1/conversations/{id}","status":"200","time":"1970-01-01T00:00:00"#
            ))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: String])
        #expect(object["status"] == "200")
    }
}
