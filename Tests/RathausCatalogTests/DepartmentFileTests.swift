import Foundation
import RathausTestSupport
import Testing

@testable import RathausCatalog

@Suite("Department files: names and opening hours as rules")
struct DepartmentFileTests {
    static func hauptamt(hours: String) -> String {
        """
        id: hauptamt
        name: Bürgerservice
        namen: [Rathaus-Zentrale, Bürgerbüro]
        anschrift:
          strasse: Marktplatz 1
          plz: "12345"
          ort: Musterstadt
        oeffnungszeiten: "\(hours)"
        oeffnungszeiten_hinweise:
          - Termine nach Vereinbarung
        telefon: 0 12 34 / 56 78-0
        email: buergerservice@musterstadt.example
        """
    }

    @Test("rules give the lines citizens read, followed by the hints, and the names citizens use")
    func rules() throws {
        let fixture = try CatalogFixture(changes: [
            "Knowledge/stellen/hauptamt.yaml": Self.hauptamt(hours: "Mo-Fr 08:00-12:00; Th 14:00-18:00; PH off")
        ])
        defer { fixture.remove() }
        let catalog = try #require(fixture.check().catalog)
        let department = try #require(catalog.departments["hauptamt"])
        #expect(department.names == ["Rathaus-Zentrale", "Bürgerbüro"])
        #expect(department.hours?.text == "Mo-Fr 08:00-12:00; Th 14:00-18:00; PH off")
        #expect(department.openingHours.first == "Montag bis Mittwoch und Freitag 8:00 bis 12:00 Uhr")
        #expect(department.openingHours.last == "Termine nach Vereinbarung")
    }

    @Test("a broken rule names the file, the line and what is wrong")
    func brokenRule() throws {
        let fixture = try CatalogFixture(changes: ["Knowledge/stellen/hauptamt.yaml": Self.hauptamt(hours: "Mo-Fx 08:00-12:00")])
        defer { fixture.remove() }
        let problems = fixture.check().problems
        let problem = try #require(problems.first { $0.file == "Knowledge/stellen/hauptamt.yaml" })
        #expect(problem.line == 8)
        #expect(problem.message.contains("Fx"))
    }

    @Test("the town file names its Land; an unknown Land is an error with its line")
    func townFile() throws {
        let good = try CatalogFixture(changes: ["Knowledge/gemeinde.yaml": "name: Beispielstadt\nbundesland: DE-BY\n"])
        defer { good.remove() }
        #expect(good.check().catalog?.town == Town(name: "Beispielstadt", land: "DE-BY"))
        let bad = try CatalogFixture(changes: ["Knowledge/gemeinde.yaml": "name: Beispielstadt\nbundesland: Bayern\n"])
        defer { bad.remove() }
        #expect(bad.check().problems.contains { $0.file == "Knowledge/gemeinde.yaml" && $0.line == 2 })
    }
}
