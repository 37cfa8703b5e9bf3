import RathausCore

/// A small JSON value for the server's own responses (status, errors, transcripts), written with
/// sorted keys through ``JSONOutput`` instead of Foundation's slower serializers.
public indirect enum JSONValue: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral {
    /// A string.
    case string(String)
    /// An integer.
    case int(Int)
    /// An array.
    case array([JSONValue])
    /// An object; written with its keys sorted.
    case object([String: JSONValue])

    /// A string literal.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An integer literal.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// An array literal.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// A dictionary literal.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { $1 }))
    }

    /// The compact JSON text, as UTF-8.
    public var bytes: [UInt8] {
        var out = JSONOutput()
        write(to: &out)
        return out.bytes
    }

    private func write(to out: inout JSONOutput) {
        switch self {
        case .string(let text): out.string(text)
        case .int(let number): out.raw(String(number))
        case .array(let values):
            out.raw("[")
            for (index, value) in values.enumerated() {
                if index > 0 { out.raw(",") }
                value.write(to: &out)
            }
            out.raw("]")
        case .object(let members):
            out.raw("{")
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { out.raw(",") }
                out.key(key)
                members[key]!.write(to: &out)
            }
            out.raw("}")
        }
    }
}
