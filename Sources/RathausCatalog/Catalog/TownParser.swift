import Yams

/// Turns the town file (`Knowledge/gemeinde.yaml`) into a ``Town``.
enum TownParser {
    static let fields = ["name", "bundesland", "basis", "gemeindeschluessel", "nicht_angeboten"]

    static func parse(_ node: Node, _ reader: inout YAMLFieldReader) -> Town? {
        guard let root = reader.mapping(node, what: "Die Gemeinde") else { return nil }
        reader.rejectUnknownKeys(root, allowed: fields)
        let rootLine = reader.line(of: node)
        let name = reader.string(root, "name", required: true, parentLine: rootLine)
        let land = reader.string(root, "bundesland", required: true, parentLine: rootLine)
        let base = reader.string(root, "basis", required: false, parentLine: rootLine)
        let key = reader.string(root, "gemeindeschluessel", required: false, parentLine: rootLine)
        let withdrawn = reader.stringList(root, "nicht_angeboten", required: false, parentLine: rootLine)
        if let land, PublicHolidays(land: land) == nil {
            reader.report(
                .invalidValue, line: reader.line(of: root["bundesland"]), "Das Bundesland '\(land)' ist unbekannt.",
                fix: "Schreiben Sie den Code nach ISO 3166-2, z. B. DE-NW für Nordrhein-Westfalen oder DE-BY für Bayern.")
            return nil
        }
        if let key, key.count != 8 || !key.allSatisfy({ $0.isASCII && $0.isNumber }) {
            reader.report(
                .invalidValue, line: reader.line(of: root["gemeindeschluessel"]), "Der Gemeindeschlüssel '\(key)' hat nicht 8 Ziffern.",
                fix: "Schreiben Sie den Amtlichen Gemeindeschlüssel in Anführungszeichen, z. B. \"05315000\" für Köln.")
            return nil
        }
        guard let name, let land else { return nil }
        if base == nil, let withdrawnNode = root["nicht_angeboten"] {
            reader.report(
                .invalidValue, line: reader.line(of: withdrawnNode), "'nicht_angeboten' gilt nur für Leistungen einer Basis.",
                fix: "Nennen Sie unter 'basis' den gemeinsamen Katalog oder löschen Sie die Leistung aus Knowledge/.")
        }
        return Town(name: name, land: land, base: base, key: key, withdrawn: Set(withdrawn))
    }
}
