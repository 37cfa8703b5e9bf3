import Foundation
import RathausTestSupport
import Testing

@testable import RathausCatalog

/// One way to break the fixture and the problem `rathaus check` must then report.
struct Breakage: Sendable, CustomTestStringConvertible {
    let name: String
    let changes: [String: String?]
    let code: CatalogProblem.Code
    let file: String
    let line: Int

    var testDescription: String { name }
}

@Suite("Checking a catalogue")
struct CatalogCheckTests {
    static let breakages: [Breakage] = [
        Breakage(
            name: "translation with an amount the German lacks",
            changes: [
                "Knowledge/reisepass-beantragen.en.yaml": """
                id: reisepass-beantragen
                kosten:
                  - "Passport: €71.00"
                """
            ], code: .translationMismatch, file: "Knowledge/reisepass-beantragen.en.yaml", line: 3),
        Breakage(
            name: "Leichte Sprache with an abbreviation",
            changes: [
                "Knowledge/reisepass-beantragen.ls.yaml": """
                id: reisepass-beantragen
                leistungsbezeichnung: Reise-Pass
                kurztext: Sie brauchen einen Pass, z. B. für eine Reise.
                erforderliche_unterlagen: [Ausweis]
                kosten: [70,00 Euro]
                """
            ], code: .easyLanguage, file: "Knowledge/reisepass-beantragen.ls.yaml", line: 3),
        Breakage(
            name: "YAML syntax error",
            changes: [
                "Knowledge/wohnsitz-anmelden.yaml": """
                id: wohnsitz-anmelden
                leistungsschluessel: "local:musterstadt:wohnsitz-anmelden"
                leistungsbezeichnung: [Wohnsitz anmelden
                kurztext: Text
                zustaendige_stelle: einwohnermeldeamt
                """
            ], code: .yamlSyntax, file: "Knowledge/wohnsitz-anmelden.yaml", line: 4),
        Breakage(
            name: "duplicate intent id",
            changes: [
                "Intents/mehr.yaml": """
                intents:
                  - id: other
                    answer: Text
                    examples: [eins]
                  - id: begruessung
                    answer: Hallo
                    examples: [hallo]
                """
            ], code: .duplicateID, file: "Intents/mehr.yaml", line: 5),
        Breakage(
            name: "unknown department",
            changes: [
                "Knowledge/wohnsitz-anmelden.yaml": """
                id: wohnsitz-anmelden
                leistungsschluessel: "local:musterstadt:wohnsitz-anmelden"
                leistungsbezeichnung: Wohnsitz anmelden
                kurztext: Text
                zustaendige_stelle: einwohnermeldeam
                """
            ], code: .unknownDepartment, file: "Knowledge/wohnsitz-anmelden.yaml", line: 5),
        Breakage(
            name: "missing required field",
            changes: [
                "Knowledge/wohnsitz-anmelden.yaml": """
                id: wohnsitz-anmelden
                leistungsschluessel: "local:musterstadt:wohnsitz-anmelden"
                kurztext: Text
                zustaendige_stelle: einwohnermeldeamt
                """
            ], code: .missingField, file: "Knowledge/wohnsitz-anmelden.yaml", line: 1),
        Breakage(
            name: "intent without examples",
            changes: [
                "Intents/gespraech.yaml": """
                intents:
                  - id: begruessung
                    answer: Hallo
                    examples: []
                  - id: mensch-sprechen
                    answer: Rufen Sie an.
                    examples: [mensch]
                """
            ], code: .emptyExamples, file: "Intents/gespraech.yaml", line: 4),
        Breakage(
            name: "intent without knowledge entry or answer",
            changes: [
                "Intents/gespraech.yaml": """
                intents:
                  - id: begruessung
                    examples: [hallo]
                  - id: mensch-sprechen
                    answer: Rufen Sie an.
                    examples: [mensch]
                """
            ], code: .intentWithoutKnowledge, file: "Intents/gespraech.yaml", line: 2),
        Breakage(
            name: "knowledge entry without intent",
            changes: [
                "Knowledge/fundsache.yaml": """
                id: fundsache
                leistungsschluessel: "local:musterstadt:fundsache"
                leistungsbezeichnung: Fundsache
                kurztext: Text
                zustaendige_stelle: hauptamt
                """
            ], code: .knowledgeWithoutIntent, file: "Knowledge/fundsache.yaml", line: 1),
        Breakage(
            name: "wrong type",
            changes: [
                "Knowledge/wohnsitz-anmelden.yaml": """
                id: wohnsitz-anmelden
                leistungsschluessel: "local:musterstadt:wohnsitz-anmelden"
                leistungsbezeichnung: Wohnsitz anmelden
                kurztext:
                  - eins
                  - zwei
                zustaendige_stelle: einwohnermeldeamt
                """
            ], code: .wrongType, file: "Knowledge/wohnsitz-anmelden.yaml", line: 5),
        Breakage(
            name: "misspelt field name",
            changes: [
                "Knowledge/wohnsitz-anmelden.yaml": """
                id: wohnsitz-anmelden
                leistungsschluessel: "local:musterstadt:wohnsitz-anmelden"
                leistungsbezeichnung: Wohnsitz anmelden
                kurztext: Text
                kostne: ["5,00 Euro"]
                zustaendige_stelle: einwohnermeldeamt
                """
            ], code: .unknownField, file: "Knowledge/wohnsitz-anmelden.yaml", line: 5),
        Breakage(
            name: "invalid LeiKa key",
            changes: [
                "Knowledge/wohnsitz-anmelden.yaml": """
                id: wohnsitz-anmelden
                leistungsschluessel: "9910"
                leistungsbezeichnung: Wohnsitz anmelden
                kurztext: Text
                zustaendige_stelle: einwohnermeldeamt
                """
            ], code: .invalidValue, file: "Knowledge/wohnsitz-anmelden.yaml", line: 2),
        Breakage(
            name: "id differs from file name",
            changes: [
                "Knowledge/stellen/hauptamt.yaml": """
                id: zentrale
                name: Bürgerservice
                anschrift: {strasse: Marktplatz 1, plz: "12345", ort: Musterstadt}
                oeffnungszeiten: [Montag 8 bis 12 Uhr]
                telefon: "0 12 34 / 56 78-0"
                email: zentrale@musterstadt.example
                """
            ], code: .idMismatch, file: "Knowledge/stellen/hauptamt.yaml", line: 1),
        Breakage(
            name: "placeholder that cannot be filled",
            changes: [
                "Intents/gespraech.yaml": """
                intents:
                  - id: begruessung
                    answer: Hallo
                    examples: [hallo]
                  - id: mensch-sprechen
                    answer: "Rufen Sie an: {hauptamt.fax}"
                    examples: [mensch]
                """
            ], code: .unknownPlaceholder, file: "Intents/gespraech.yaml", line: 5),
        Breakage(name: "file not in UTF-8", changes: [:], code: .unreadableFile, file: "Knowledge/wohnsitz-anmelden.yaml", line: 1),
        Breakage(
            name: "missing Intents folder",
            changes: [
                "Intents/dienste.yaml": nil, "Intents/gespraech.yaml": nil,
            ], code: .missingDirectory, file: "Intents", line: 1),
    ]

    @Test("the valid fixture has no problems")
    func validFixture() throws {
        let fixture = try CatalogFixture()
        defer { fixture.remove() }
        let report = fixture.check()
        #expect(report.problems == [])
        #expect(report.counts == CatalogReport.Counts(departments: 2, intents: 4, services: 2))
        let catalog = try #require(report.catalog)
        #expect(catalog.knowledge["reisepass-beantragen"]?.costs == ["Reisepass ab 24 Jahren: 70,00 Euro"])
        #expect(catalog.departments["hauptamt"]?.address.postalCode == "12345")
        #expect(catalog.intent("begruessung")?.answer == "Guten Tag! Wie kann ich helfen?")
    }

    @Test("each kind of breakage is reported with its file and line", arguments: breakages)
    func breakageIsReported(_ breakage: Breakage) throws {
        let fixture = try CatalogFixture(changes: breakage.changes)
        defer { fixture.remove() }
        if breakage.code == .unreadableFile {
            // Write raw bytes that are not UTF-8 (a Swift String cannot hold them).
            try Data([0x69, 0x64, 0x3A, 0x20, 0xFF, 0xFE, 0x0A])
                .write(to: fixture.directory.appendingPathComponent(breakage.file))
        }
        if breakage.code == .missingDirectory {
            try FileManager.default.removeItem(at: fixture.directory.appendingPathComponent("Intents"))
        }
        let report = fixture.check()
        #expect(report.catalog == nil)
        let matching = report.problems.filter { $0.code == breakage.code }
        #expect(!matching.isEmpty, "expected \(breakage.code), got \(report.problems)")
        #expect(
            matching.contains { $0.file == breakage.file && $0.line == breakage.line },
            "expected \(breakage.file):\(breakage.line), got \(matching.map(\.description))")
        #expect(matching.allSatisfy { !$0.message.isEmpty && !$0.fix.isEmpty })
    }

    @Test("the breakage table covers every kind of problem the checker reports")
    func everyCodeIsCovered() {
        let covered = Set(Self.breakages.map(\.code))
        // Negations are counted as notes, never as problems.
        #expect(covered == Set(CatalogProblem.Code.allCases).subtracting([.negations]))
    }

    @Test("all problems are reported, not just the first")
    func reportsAllProblems() throws {
        let fixture = try CatalogFixture(changes: [
            "Knowledge/wohnsitz-anmelden.yaml": """
            id: wohnsitz-anmelden
            leistungsschluessel: "local:musterstadt:wohnsitz-anmelden"
            kurztext: Text
            zustaendige_stelle: nirgendwo
            """,
            "Intents/gespraech.yaml": "intents:\n  - id: begruessung\n    answer: Hallo\n    examples: [\n",
        ])
        defer { fixture.remove() }
        let codes = Set(fixture.check().problems.map(\.code))
        #expect(codes.isSuperset(of: [.missingField, .unknownDepartment, .yamlSyntax]))
    }

    @Test("a misspelt field gets a suggestion")
    func suggestsFieldName() throws {
        let fixture = try CatalogFixture(changes: Self.breakages.first { $0.code == .unknownField }!.changes)
        defer { fixture.remove() }
        let problem = try #require(fixture.check().problems.first { $0.code == .unknownField })
        #expect(problem.fix.contains("'kosten'"))
        #expect(problem.description.hasPrefix("Knowledge/wohnsitz-anmelden.yaml:5:1: "))
    }

    @Test("the shipped Musterstadt catalogue loads with 11 departments, 47 intents, 40 services")
    func shippedCatalogue() {
        let report = CatalogLoader(directory: CatalogFixture.repositoryRoot).check()
        #expect(report.problems.map(\.description) == [])
        #expect(report.counts.departments == 11)
        #expect(report.counts.intents == 47)
        #expect(report.counts.services == 40)
    }

    @Test("every shipped intent has at least 12 examples")
    func shippedExamples() {
        for intent in CatalogFixture.shipped.intents {
            #expect(intent.examples.count >= 12, "\(intent.id) has \(intent.examples.count)")
        }
    }
}
