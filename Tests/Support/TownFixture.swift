import Foundation

/// A town's folder in a fresh temporary directory, building on a shared catalogue: its
/// `Knowledge/gemeinde.yaml` names the base by its absolute path, and `files` add to it.
public struct TownFixture {
    /// The town's folder.
    public let directory: URL

    /// Writes a town named `name` with key `key` over the catalogue in `base`, not offering
    /// `withdrawn`, plus `files` (path relative to the town's folder → content).
    public init(
        name: String = "Beispielstadt", key: String = "05999001", over base: URL, withdrawn: [String] = [], files: [String: String] = [:],
        in parent: URL? = nil
    ) throws {
        let parent = parent ?? TestFolder.run.appendingPathComponent("rathaus-town-\(UUID().uuidString)")
        directory = parent.appendingPathComponent(name.lowercased(), isDirectory: true)
        var town = "name: \(name)\nbundesland: DE-NW\nbasis: \(base.path)\ngemeindeschluessel: \"\(key)\"\n"
        if !withdrawn.isEmpty { town += "nicht_angeboten: [\(withdrawn.joined(separator: ", "))]\n" }
        var all = files
        all["Knowledge/gemeinde.yaml"] = town
        for folder in ["Intents", "Knowledge"] {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for (path, content) in all {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(content.utf8).write(to: url)
        }
    }

    /// Removes the folder.
    public func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A department file `id` named `name` in `city`, with phone `phone`, for a town's `Knowledge/stellen/`.
    public static func department(_ id: String, name: String, city: String, phone: String) -> String {
        """
        id: \(id)
        name: \(name)
        anschrift:
          strasse: Kirchplatz 3
          plz: "59999"
          ort: \(city)
        oeffnungszeiten: "Mo-Fr 08:00-12:00; PH off"
        telefon: "\(phone)"
        email: \(id)@\(city.lowercased()).example
        """
    }

    /// Beispielstadt's own service, a reservation of the barbecue site, with its intent file.
    public static let ownService: [String: String] = [
        "Knowledge/grillplatz-reservieren.yaml": """
        id: grillplatz-reservieren
        leistungsschluessel: "local:beispielstadt:grillplatz-reservieren"
        leistungsbezeichnung: Grillplatz im Stadtpark reservieren
        kurztext: Den Grillplatz im Stadtpark reservieren Sie beim Bürgerservice.
        kosten:
          - "Grillplatz für einen Tag: 25,00 Euro"
        zustaendige_stelle: hauptamt
        """,
        "Intents/eigene.yaml": """
        intents:
          - id: grillplatz-reservieren
            examples:
              - grillplatz reservieren
              - kann man im stadtpark grillen
              - grillhütte mieten
              - wo darf ich grillen
        synonyms:
          grillwiese: Grillplatz
        """,
    ]
}
