/// JSON strings and arrays of strings, written by hand for the texts that every turn writes: the
/// turn's replies in the store, the server's response bodies and log lines. `JSONEncoder` took
/// about 18 % of the server's CPU under `Benchmarks/load.py` for these. The text is what
/// `JSONEncoder` with `.withoutEscapingSlashes` writes, and `JSONDecoder` reads it back.
public enum JSONString {
    /// Appends `text` as a JSON string to `out` (UTF-8): quotes, backslashes and control
    /// characters escaped, every other byte copied. The runs between two escapes are copied whole:
    /// appending byte by byte took three times as long for a reply of a few kilobytes.
    public static func append(_ text: String, to out: inout [UInt8]) {
        let bytes = Array(text.utf8)
        out.append(UInt8(ascii: "\""))
        var runStart = 0
        while let special = bytes[runStart...].firstIndex(where: needsEscape) {
            out += bytes[runStart..<special]
            out += escape(bytes[special]).utf8
            runStart = special + 1
        }
        out += bytes[runStart...]
        out.append(UInt8(ascii: "\""))
    }

    /// True for the bytes JSON does not allow unescaped in a string.
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// `text` as a JSON string.
    public static func quoted(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 2)
        append(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `strings` as a JSON array of strings.
    public static func array(_ strings: [String]) -> String {
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(strings.reduce(2) { $0 + $1.utf8.count + 3 })
        for (position, text) in strings.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            append(text, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    /// The escape sequence of a quote, a backslash or a control character.
    private static func escape(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "\""): return "\\\""
        case UInt8(ascii: "\\"): return "\\\\"
        case UInt8(ascii: "\n"): return "\\n"
        case UInt8(ascii: "\r"): return "\\r"
        case UInt8(ascii: "\t"): return "\\t"
        case 0x08: return "\\b"
        case 0x0C: return "\\f"
        default:
            let hex = String(byte, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
    }
}
