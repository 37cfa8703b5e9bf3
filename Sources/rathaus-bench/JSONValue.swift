import Foundation

/// A JSON value whose objects keep their keys in the order given, rendered on one line.
enum JSONValue {
    /// `null`.
    case null
    /// A whole number.
    case integer(Int)
    /// A number written with a fixed count of decimals.
    case number(Double, decimals: Int)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, keys in this order.
    case object([(String, JSONValue)])

    /// The value as compact JSON text.
    var rendered: String {
        switch self {
        case .null:
            return "null"
        case let .integer(value):
            return String(value)
        case let .number(value, decimals):
            return value.isFinite ? String(format: "%.\(decimals)f", value) : "null"
        case let .string(value):
            return Self.quoted(value)
        case let .array(values):
            return "[" + values.map(\.rendered).joined(separator: ", ") + "]"
        case let .object(members):
            return "{" + members.map { "\(Self.quoted($0.0)): \($0.1.rendered)" }.joined(separator: ", ") + "}"
        }
    }

    /// `text` as a JSON string literal, with quotes, backslashes and control characters escaped.
    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
