import Foundation

/// Writes a Land of generated towns into a folder, each a subfolder that builds on the shipped
/// catalogue (`basis:`): its own Bürgerservice and Bürgeramt, one to three services of its own
/// from ``LocalServices``, a word of its own ("Bürgerbüro"), a host name, and every fifth town without the
/// residents' parking permit. `rathaus serve --tenants FOLDER` serves them all.
struct LandGenerator {
    /// One generated town: its folder, key and own services.
    struct Town {
        let folder: URL
        let key: String
        let name: String
        let ownServices: [LocalServices.Service]
        let withdrawn: [String]
    }

    /// The shared catalogue every town builds on.
    let base: URL
    /// How many towns.
    let count: Int
    /// The seed of every choice.
    var seed: UInt64 = 2026

    private static let prefixes = [
        "Alten", "Neu", "Ober", "Nieder", "Hohen", "Wald", "Berg", "Bach", "Stein", "Linden", "Eichen", "Buchen", "Rosen", "Wester", "Oster",
        "Sonnen", "Kirch", "Mühl", "Hasel", "Tann",
    ]
    private static let suffixes = ["dorf", "hausen", "heim", "feld", "berg", "bach", "stadt", "rode", "hagen", "kirchen"]
    private static let streets = ["Marktplatz", "Kirchplatz", "Rathausstraße", "Hauptstraße", "Am Markt", "Schulstraße"]
    private static let hours = [
        "Mo-Fr 08:00-12:00; Th 08:00-12:00,14:00-18:00; PH off",
        "Mo,Tu,Th,Fr 08:30-12:30; We 14:00-18:00; PH off",
        "Mo-We 07:30-16:00; Th 07:30-18:00; Fr 07:30-13:00; PH off",
        "Mo-Fr 08:00-13:00; Sa[1] 09:00-12:00; PH off",
    ]

    /// Writes the towns into `folder` (created if needed) and returns them.
    func write(into folder: URL) throws -> [Town] {
        var random = SeededGenerator(seed: seed)
        var towns: [Town] = []
        for number in 1...count {
            let name = Self.name(number)
            let slug = name.lowercased().folding(options: .diacriticInsensitive, locale: nil).replacingOccurrences(of: " ", with: "-")
            let key = String(format: "0599%04d", number)
            let directory = folder.appendingPathComponent("\(key)-\(slug)", isDirectory: true)
            var ownServices: [LocalServices.Service] = []
            for _ in 0..<random.inRange(1...3) {
                let service = LocalServices.pool[random.below(LocalServices.pool.count)]
                if !ownServices.contains(where: { $0.id == service.id }) { ownServices.append(service) }
            }
            let withdrawn = number % 5 == 0 ? ["bewohnerparkausweis-beantragen"] : []
            let street = Self.streets[random.below(Self.streets.count)]
            let postalCode = String(format: "5%04d", number)
            var files: [String: String] = [
                "Knowledge/gemeinde.yaml": """
                name: \(name)
                bundesland: DE-NW
                basis: \(base.standardizedFileURL.path)
                gemeindeschluessel: "\(key)"
                \(withdrawn.isEmpty ? "" : "nicht_angeboten: [\(withdrawn.joined(separator: ", "))]")
                """,
                "Knowledge/stellen/hauptamt.yaml": Self.department(
                    "hauptamt", "Bürgerservice \(name)", ["Bürgerservice", "Hauptamt", "Rathaus"], street, postalCode, name,
                    Self.hours[random.below(Self.hours.count)], number, 0),
                "Knowledge/stellen/einwohnermeldeamt.yaml": Self.department(
                    "einwohnermeldeamt", "Bürgeramt \(name)", ["Bürgeramt", "Meldeamt", "Einwohnermeldeamt"], street, postalCode, name,
                    Self.hours[random.below(Self.hours.count)], number, 100),
                "rathaus.yaml": "server:\n  hosts: [chat.\(slug).example]\n",
            ]
            var intents = "intents:\n"
            for service in ownServices {
                files["Knowledge/\(service.id).yaml"] = """
                    id: \(service.id)
                    leistungsschluessel: "local:\(slug):\(service.id)"
                    leistungsbezeichnung: \(service.name)
                    kurztext: \(service.summary)
                    kosten:
                      - "\(service.cost)"
                    zustaendige_stelle: hauptamt
                    """
                intents += "  - id: \(service.id)\n    examples:\n" + service.examples.map { "      - \($0)\n" }.joined()
            }
            intents += "synonyms:\n  bürgerbüro: Bürgerservice\n"
            files["Intents/\(slug).yaml"] = intents
            for (path, content) in files {
                let url = directory.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data((content + "\n").utf8).write(to: url)
            }
            towns.append(Town(folder: directory, key: key, name: name, ownServices: ownServices, withdrawn: withdrawn))
        }
        return towns
    }

    /// The `number`-th town's name: a made-up compound, with a river after the first 200.
    static func name(_ number: Int) -> String {
        let index = number - 1
        let compound = prefixes[index % prefixes.count] + suffixes[(index / prefixes.count) % suffixes.count]
        let rivers = ["", " an der Ruhr", " am Rhein", " an der Lippe", " an der Sieg", " an der Wupper"]
        return compound + rivers[(index / (prefixes.count * suffixes.count)) % rivers.count]
    }

    /// A department file.
    private static func department(
        _ id: String, _ name: String, _ names: [String], _ street: String, _ postalCode: String, _ city: String, _ hours: String,
        _ number: Int, _ phoneExtension: Int
    ) -> String {
        """
        id: \(id)
        name: \(name)
        namen: [\(names.joined(separator: ", "))]
        anschrift:
          strasse: \(street) \(number % 40 + 1)
          plz: "\(postalCode)"
          ort: \(city)
        oeffnungszeiten: "\(hours)"
        telefon: "0 2\(String(format: "%03d", number % 1000)) / 10-\(phoneExtension)"
        email: \(id)@gemeinde-\(number).example
        """
    }
}
