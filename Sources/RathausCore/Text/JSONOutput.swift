/// Compact JSON written byte by byte: strings escaped as `JSONEncoder` does with
/// `.withoutEscapingSlashes` (`"`, `\` and control characters), everything else as UTF-8. For the
/// few fixed shapes the server writes on every request, where Foundation's encoders cost more than
/// the work itself.
public struct JSONOutput: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// An empty output with room for `capacity` bytes.
    public init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends `text` unchanged (punctuation, numbers, `null`).
    public mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends `"key":`.
    public mutating func key(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Appends `,"key":`, for every member of an object after the first.
    public mutating func nextKey(_ name: String) {
        bytes.append(UInt8(ascii: ","))
        key(name)
    }

    /// Appends `,"key":"value"`.
    public mutating func member(_ name: String, _ value: String) {
        nextKey(name)
        string(value)
    }

    /// Appends `,"key":["value",…]`.
    public mutating func member(_ name: String, _ values: [String]) {
        nextKey(name)
        strings(values)
    }

    /// Appends `,"key":` and `json`, a JSON value written before (such as ``array(_:)``).
    public mutating func member(_ name: String, json: [UInt8]) {
        nextKey(name)
        bytes.append(contentsOf: json)
    }

    /// The JSON array of `values`, as ``strings(_:)`` writes it.
    public static func array(_ values: [String]) -> [UInt8] {
        var out = JSONOutput(capacity: values.reduce(2) { $0 + $1.utf8.count + 3 })
        out.strings(values)
        return out.bytes
    }

    /// Appends an array of strings.
    public mutating func strings(_ values: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Appends a JSON string: `"` and `\` escaped, control characters as `\n`, `\r`, `\t`, `\b`,
    /// `\f` or `\u00XX`. Runs of bytes that need no escaping are copied at once.
    public mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { text in
            var runStart = 0
            var index = Self.nextEscape(in: text, from: 0)
            while index < text.count {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index]))
                Self.appendEscape(of: text[index], to: &bytes)
                runStart = index + 1
                index = Self.nextEscape(in: text, from: runStart)
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<text.count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends the escape sequence of `byte`, one that JSON strings must escape.
    private static func appendEscape(of byte: UInt8, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        default:
            bytes.append(UInt8(ascii: "u"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(hexDigits[Int(byte >> 4)])
            bytes.append(hexDigits[Int(byte & 0xF)])
        }
    }

    /// Whether a JSON string must escape `byte`: a control character, `"` or `\`.
    static func mustEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// The position of the first byte at or after `start` that must be escaped, else `text.count`.
    /// Eight bytes are tested at a time: a word holds such a byte exactly when it has a byte below
    /// 0x20 or a byte equal to `"` or `\` (the tests of "Bit Twiddling Hacks", exact for whether a
    /// byte is there, not for where); only a word that does is read byte by byte.
    static func nextEscape(in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = text.baseAddress else { return text.count }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        var index = start
        while index < text.count {
            while index + 8 <= text.count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                let quotes = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
                let backslashes = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
                let below0x20 = (word &- ones &* 0x20) & ~word
                let zeroInQuotes = (quotes &- ones) & ~quotes
                let zeroInBackslashes = (backslashes &- ones) & ~backslashes
                guard (below0x20 | zeroInQuotes | zeroInBackslashes) & highBits == 0 else { break }
                index += 8
            }
            let end = min(index + 8, text.count)
            while index < end {
                if mustEscape(text[index]) { return index }
                index += 1
            }
        }
        return text.count
    }
}
