import Foundation
import NIOCore

/// Reads the `text` of a message body, `{"text": "…"}`, straight from the request's bytes.
///
/// The common body, an object with `text` as its only member, is read here without copying it into
/// `Data` and without `JSONDecoder`, which cost more than the rest of reading a request. Anything
/// else (more members, an escaped key, a surrogate escape, bytes that are not UTF-8, no object at
/// all) goes to `JSONDecoder`, so every body gets the answer it got before.
enum MessageBodyReader {
    /// The message's text, or nil when the body is not an object with a string member `text`.
    static func text(of body: ByteBuffer) -> String? {
        if let text = body.withUnsafeReadableBytes({ fastText($0) }) { return text }
        return try? JSONDecoder().decode(ChatAPI.MessageRequest.self, from: Data(buffer: body)).text
    }

    /// The text of `{"text": "…"}` with only JSON white space around the tokens; nil for any other
    /// body, which the caller then gives to `JSONDecoder`.
    static func fastText(_ bytes: UnsafeRawBufferPointer) -> String? {
        var position = 0
        func skipSpace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x09, 0x0A, 0x0D: position += 1
                default: return
                }
            }
        }
        func expect(_ byte: UInt8) -> Bool {
            skipSpace()
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }
        guard expect(UInt8(ascii: "{")), expect(UInt8(ascii: "\"")) else { return nil }
        for letter in "text\"".utf8 {
            guard position < bytes.count, bytes[position] == letter else { return nil }
            position += 1
        }
        guard expect(UInt8(ascii: ":")), expect(UInt8(ascii: "\"")) else { return nil }
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count)
        var closed = false
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "\"") {
                closed = true
                break
            }
            guard byte >= 0x20 else { return nil }
            guard byte == UInt8(ascii: "\\") else {
                text.append(byte)
                continue
            }
            guard position < bytes.count else { return nil }
            let escaped = bytes[position]
            position += 1
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escaped)
            case UInt8(ascii: "b"): text.append(0x08)
            case UInt8(ascii: "f"): text.append(0x0C)
            case UInt8(ascii: "n"): text.append(0x0A)
            case UInt8(ascii: "r"): text.append(0x0D)
            case UInt8(ascii: "t"): text.append(0x09)
            case UInt8(ascii: "u"):
                guard position + 4 <= bytes.count, let value = hexValue(bytes, position), let scalar = Unicode.Scalar(value) else {
                    return nil  // also every surrogate: left to JSONDecoder
                }
                position += 4
                text.append(contentsOf: String(Character(scalar)).utf8)
            default:
                return nil
            }
        }
        guard closed, expect(UInt8(ascii: "}")) else { return nil }
        skipSpace()
        guard position == bytes.count else { return nil }
        return String(bytes: text, encoding: .utf8)
    }

    /// The value of the four hexadecimal digits at `start`.
    private static func hexValue(_ bytes: UnsafeRawBufferPointer, _ start: Int) -> UInt32? {
        var value: UInt32 = 0
        for byte in bytes[start..<start + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
