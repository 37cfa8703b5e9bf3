import Foundation
import Yams

/// Turns a department file (`Knowledge/stellen/<id>.yaml`) into a ``Department``.
enum DepartmentParser {
    static let fields = ["id", "name", "namen", "anschrift", "oeffnungszeiten", "oeffnungszeiten_hinweise", "telefon", "email"]
    static let addressFields = ["strasse", "plz", "ort", "zusatz"]

    static func parse(_ node: Node, _ reader: inout YAMLFieldReader) -> (Department, SourceLocation)? {
        guard let root = reader.mapping(node, what: "Eine Stelle") else { return nil }
        reader.rejectUnknownKeys(root, allowed: fields)
        let rootLine = reader.line(of: node)
        let id = IDRules.fileID(root, &reader, rootLine: rootLine)
        let name = reader.string(root, "name", required: true, parentLine: rootLine)
        let names = reader.stringList(root, "namen", required: false, parentLine: rootLine)
        let hints = reader.stringList(root, "oeffnungszeiten_hinweise", required: false, parentLine: rootLine)
        // Opening hours are either rules ("Mo-Fr 08:00-12:00; PH off") or, as before, lines of text.
        var rules: OpeningHours?
        var lines: [String] = []
        if let rulesText = root["oeffnungszeiten"]?.string {
            do {
                rules = try OpeningHours(rulesText)
            } catch {
                reader.report(
                    .invalidValue, line: reader.line(of: root["oeffnungszeiten"]), error.description,
                    fix: "Schreiben Sie die Zeiten wie 'Mo-Fr 08:00-12:30; Th 14:00-18:00; Sa[1] 09:00-12:00; PH off' (siehe README).")
            }
        } else {
            lines = reader.stringList(root, "oeffnungszeiten", required: true, parentLine: rootLine)
        }
        let phone = reader.string(root, "telefon", required: true, parentLine: rootLine)
        let email = reader.string(root, "email", required: true, parentLine: rootLine)
        if let email, !email.contains("@") {
            reader.report(
                .invalidValue, line: reader.line(of: root["email"]), "'\(email)' ist keine E-Mail-Adresse.",
                fix: "Schreiben Sie eine Adresse der Form stelle@musterstadt.example.")
        }
        var address: Department.Address?
        if let addressNode = root["anschrift"], addressNode.null == nil {
            if let mapping = reader.mapping(addressNode, what: "Die Anschrift") {
                reader.rejectUnknownKeys(mapping, allowed: addressFields)
                let line = reader.line(of: addressNode)
                let street = reader.string(mapping, "strasse", required: true, parentLine: line)
                let postalCode = reader.string(mapping, "plz", required: true, parentLine: line)
                let city = reader.string(mapping, "ort", required: true, parentLine: line)
                let addition = reader.string(mapping, "zusatz", required: false, parentLine: line)
                if let postalCode, postalCode.count != 5 || !postalCode.allSatisfy(\.isASCIIDigit) {
                    reader.report(
                        .invalidValue, line: reader.line(of: mapping["plz"]), "Die Postleitzahl '\(postalCode)' hat nicht fünf Ziffern.",
                        fix: "Schreiben Sie fünf Ziffern in Anführungszeichen, z. B. plz: \"12345\".")
                }
                if let street, let postalCode, let city {
                    address = Department.Address(street: street, postalCode: postalCode, city: city, addition: addition)
                }
            }
        } else {
            reader.report(
                .missingField, line: rootLine, "Das Pflichtfeld 'anschrift' fehlt.",
                fix: "Ergänzen Sie 'anschrift:' mit den Zeilen 'strasse:', 'plz:' und 'ort:'.")
        }
        guard let id, let name, let address, rules != nil || !lines.isEmpty, let phone, let email else { return nil }
        let department =
            if let rules {
                Department(id: id, name: name, address: address, hours: rules, hints: hints, phone: phone, email: email, names: names)
            } else {
                Department(id: id, name: name, address: address, openingHours: lines + hints, phone: phone, email: email, names: names)
            }
        return (department, SourceLocation(file: reader.file, line: reader.line(of: root["id"])))
    }
}

extension Character {
    /// True for the ASCII digits 0-9 only.
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
