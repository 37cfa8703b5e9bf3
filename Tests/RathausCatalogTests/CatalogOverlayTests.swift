import Foundation
import RathausCatalog
import RathausTestSupport
import Testing

/// A town's catalogue laid over a shared one (`basis:` in `Knowledge/gemeinde.yaml`).
@Suite("Catalogue overlays")
struct CatalogOverlayTests {
    @Test("a town replaces the base's department, adds a service and withdraws one; the rest comes from the base")
    func overlay() throws {
        let base = try CatalogFixture()
        defer { base.remove() }
        let town = try TownFixture(
            over: base.directory, withdrawn: ["wohnsitz-anmelden"],
            files: TownFixture.ownService.merging([
                "Knowledge/stellen/hauptamt.yaml": TownFixture.department(
                    "hauptamt", name: "Bürgerbüro", city: "Beispielstadt", phone: "0 59 99 / 12-0")
            ]) { first, _ in first })
        defer { town.remove() }
        let catalog = try CatalogLoader(directory: town.directory).load()
        #expect(catalog.town.name == "Beispielstadt")
        #expect(catalog.town.key == "05999001")
        #expect(catalog.departments["hauptamt"]?.phone == "0 59 99 / 12-0", "the town's own file replaces the base's")
        #expect(catalog.departments["einwohnermeldeamt"]?.address.city == "Musterstadt", "the base's other departments stay")
        #expect(catalog.knowledge["grillplatz-reservieren"] != nil)
        #expect(catalog.knowledge["reisepass-beantragen"] != nil)
        #expect(catalog.intent("grillplatz-reservieren") != nil && catalog.intent("reisepass-beantragen") != nil)
        #expect(catalog.town.withdrawn == ["wohnsitz-anmelden"])
        #expect(catalog.synonyms["grillwiese"] == ["Grillplatz"])
    }

    @Test("a problem in the town's file is named by its path, one in the base's by the base's path, both with their lines")
    func problemsNameTheirFile() throws {
        let base = try CatalogFixture(changes: [
            "Knowledge/wohnsitz-anmelden.yaml": """
            id: wohnsitz-anmelden
            leistungsschluessel: "local:musterstadt:wohnsitz-anmelden"
            leistungsbezeichnung: Wohnsitz anmelden
            kurztext: Nach einem Umzug melden Sie sich an.
            zustaendige_stelle: einwohnermeldeamt
            farbe: blau
            """
        ])
        defer { base.remove() }
        let town = try TownFixture(
            over: base.directory,
            files: ["Knowledge/stellen/hauptamt.yaml": "id: hauptamt\nname: Bürgerbüro\ntelefon: 1\n"])
        defer { town.remove() }
        let problems = CatalogLoader(directory: town.directory).check().problems
        let basePath = base.directory.standardizedFileURL.path
        #expect(problems.contains { $0.file == "\(basePath)/Knowledge/wohnsitz-anmelden.yaml" && $0.line == 6 && $0.code == .unknownField })
        #expect(problems.contains { $0.file == "Knowledge/stellen/hauptamt.yaml" && $0.code == .missingField })
        #expect(!problems.contains { $0.file.hasPrefix(basePath) && $0.file.hasSuffix("hauptamt.yaml") }, "the replaced base file is not read")
    }

    @Test("a service the base does not have cannot be withdrawn; the line is named")
    func unknownWithdrawal() throws {
        let base = try CatalogFixture()
        defer { base.remove() }
        let town = try TownFixture(over: base.directory)
        defer { town.remove() }
        let file = town.directory.appendingPathComponent("Knowledge/gemeinde.yaml")
        let text = try String(contentsOf: file, encoding: .utf8) + "nicht_angeboten:\n  - reisepass-beantragen\n  - hundesteuer\n"
        try Data(text.utf8).write(to: file)
        let problems = CatalogLoader(directory: town.directory).check().problems
        #expect(problems.count == 1)
        #expect(problems.first?.file == "Knowledge/gemeinde.yaml" && problems.first?.line == 7)
        #expect(problems.first?.message.contains("hundesteuer") == true)
    }

    @Test("a base folder that does not exist, and a base that builds on a base, are refused with their file")
    func badBases() throws {
        let missing = try TownFixture(over: URL(fileURLWithPath: "/nonexistent/land"))
        defer { missing.remove() }
        let problems = CatalogLoader(directory: missing.directory).check().problems
        #expect(problems.contains { $0.file == "Knowledge/gemeinde.yaml" && $0.line == 3 && $0.code == .missingDirectory })

        let land = try CatalogFixture()
        defer { land.remove() }
        let county = try TownFixture(name: "Kreis", over: land.directory)
        defer { county.remove() }
        // The county's own folder lacks a department the town's base would need; it only has to name a base itself.
        let town = try TownFixture(over: county.directory)
        defer { town.remove() }
        let nested = CatalogLoader(directory: town.directory).check().problems
        #expect(nested.contains { $0.message.contains("baut selbst auf") })
    }

    @Test("the base's translations of a file the town replaces are left out, so no stale English text is shown")
    func replacedTranslations() throws {
        let base = try CatalogFixture(changes: [
            "Knowledge/stellen/hauptamt.en.yaml": "id: hauptamt\nname: Citizens' Service\n"
        ])
        defer { base.remove() }
        let plain = try TownFixture(over: base.directory)
        defer { plain.remove() }
        #expect(try CatalogLoader(directory: plain.directory).load().translations[.english]?.departments["hauptamt"] != nil)
        let replacing = try TownFixture(
            over: base.directory,
            files: ["Knowledge/stellen/hauptamt.yaml": TownFixture.department("hauptamt", name: "Bürgerbüro", city: "Beispielstadt", phone: "1")])
        defer { replacing.remove() }
        #expect(try CatalogLoader(directory: replacing.directory).load().translations[.english]?.departments["hauptamt"] == nil)
    }

    @Test("towns over one base share its parsed files")
    func sharedFiles() throws {
        let base = try CatalogFixture()
        defer { base.remove() }
        let shared = SharedCatalogs()
        let first = try TownFixture(name: "Eins", key: "05999001", over: base.directory)
        let second = try TownFixture(name: "Zwei", key: "05999002", over: base.directory)
        defer {
            first.remove()
            second.remove()
        }
        let one = try CatalogLoader(directory: first.directory, bases: shared).load()
        // The base changes on disk; the second town still gets the files read for the first.
        try FileManager.default.removeItem(at: base.directory.appendingPathComponent("Knowledge/wohnsitz-anmelden.yaml"))
        let two = try CatalogLoader(directory: second.directory, bases: shared).load()
        #expect(one.knowledge.keys.sorted() == two.knowledge.keys.sorted())
        shared.forget()
        #expect(throws: CatalogLoadError.self) { try CatalogLoader(directory: second.directory, bases: shared).load() }
    }
}
