import Foundation
import Yams

/// The rules every id in the catalogue follows: lower-case letters, digits and hyphens.
enum IDRules {
    /// True if `id` has only a-z, 0-9 and '-' and starts with a letter.
    static func isValid(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// Reads `id`, checks its form and that it equals the file name (for one-entry-per-file folders).
    static func fileID(_ root: Node.Mapping, _ reader: inout YAMLFieldReader, rootLine: Int) -> String? {
        guard let id = reader.string(root, "id", required: true, parentLine: rootLine) else { return nil }
        let line = reader.line(of: root["id"])
        guard isValid(id) else {
            reader.report(
                .invalidValue, line: line, "Die id '\(id)' enthält unerlaubte Zeichen.",
                fix: "Verwenden Sie nur Kleinbuchstaben ohne Umlaute, Ziffern und Bindestriche, z. B. 'hundesteuer-anmelden'.")
            return nil
        }
        let fileName = URL(fileURLWithPath: reader.file).deletingPathExtension().lastPathComponent
        if fileName != id {
            reader.report(
                .idMismatch, line: line, "Die id '\(id)' passt nicht zum Dateinamen '\(fileName)'.",
                fix: "Benennen Sie die Datei in '\(id).yaml' um oder schreiben Sie 'id: \(fileName)'.")
        }
        return id
    }
}
