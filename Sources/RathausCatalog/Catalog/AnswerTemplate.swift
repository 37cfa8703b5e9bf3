import Foundation
import RathausCatalog

/// Fills placeholders such as `{hauptamt.telefon}` in answer texts from the department files.
public enum AnswerTemplate {
    /// The department fields a placeholder may name.
    public static let fields = ["name", "telefon", "email", "anschrift", "oeffnungszeiten"]

    /// The placeholders in `text`, without braces (for example `hauptamt.telefon`).
    public static func placeholders(in text: String) -> [String] {
        var result: [String] = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return result
    }

    /// The text for one placeholder, or nil if the department or field does not exist.
    public static func value(for placeholder: String, departments: [String: Department]) -> String? {
        let parts = placeholder.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let department = departments[parts[0]] else { return nil }
        switch parts[1] {
        case "name": return department.name
        case "telefon": return department.phone
        case "email": return department.email
        case "anschrift": return department.address.singleLine
        case "oeffnungszeiten": return department.openingHours.joined(separator: "; ")
        default: return nil
        }
    }

    /// `text` with every placeholder that can be filled replaced by its value.
    public static func render(_ text: String, departments: [String: Department]) -> String {
        var output = text
        for placeholder in Set(placeholders(in: text)) {
            if let value = value(for: placeholder, departments: departments) {
                output = output.replacingOccurrences(of: "{\(placeholder)}", with: value)
            }
        }
        return output
    }
}
