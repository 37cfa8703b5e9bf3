import Yams

/// Turns the town file (`Knowledge/gemeinde.yaml`) into a ``Town``.
enum TownParser {
    static let fields = ["name", "bundesland"]

    static func parse(_ node: Node, _ reader: inout YAMLFieldReader) -> Town? {
        guard let root = reader.mapping(node, what: "Die Gemeinde") else { return nil }
        reader.rejectUnknownKeys(root, allowed: fields)
        let rootLine = reader.line(of: node)
        let name = reader.string(root, "name", required: true, parentLine: rootLine)
        let land = reader.string(root, "bundesland", required: true, parentLine: rootLine)
        if let land, PublicHolidays(land: land) == nil {
            reader.report(
                .invalidValue, line: reader.line(of: root["bundesland"]), "Das Bundesland '\(land)' ist unbekannt.",
                fix: "Schreiben Sie den Code nach ISO 3166-2, z. B. DE-NW für Nordrhein-Westfalen oder DE-BY für Bayern.")
            return nil
        }
        guard let name, let land else { return nil }
        return Town(name: name, land: land)
    }
}
