import Foundation
import Hummingbird

extension Response {
    /// The media type of every JSON body the server writes.
    static let jsonType = "application/json; charset=utf-8"

    /// A response with `body` of media type `contentType`.
    static func content(_ body: ByteBuffer, type contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }

    /// A JSON response from its UTF-8 bytes.
    static func json(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        content(ByteBuffer(bytes: bytes), type: jsonType, status: status)
    }

    /// A JSON response from a value.
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        json(value.bytes, status: status)
    }

    /// A JSON response from any `Encodable` value, written by ``JSONValue/encoder()`` (keys sorted,
    /// slashes unescaped) like every other JSON body of the server.
    static func json(encoding value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        content(ByteBuffer(data: try JSONValue.encoder().encode(value)), type: jsonType, status: status)
    }
}
