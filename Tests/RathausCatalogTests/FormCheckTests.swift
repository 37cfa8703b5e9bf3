import Foundation
import RathausTestSupport
import Testing

@testable import RathausCatalog

@Suite("Checking form files")
struct FormCheckTests {
    /// A valid form for the fixture's passport service; each case below breaks one line of it.
    static func form(_ fields: String, department: String = "einwohnermeldeamt") -> String {
        """
        id: reisepass-beantragen
        title: Reisepass beantragen
        department: \(department)
        schema_version: 1
        purpose: Für den Pass.
        next_steps: Wir melden uns.
        fields:
        \(fields)
        """
    }

    static let validFields = """
          - id: name
            type: name
            label: Name
            prompt: Ihr Name?
            help: Für den Pass.
          - id: eilig
            type: yes_no
            label: Express
            prompt: Eilig?
            help: Express kostet mehr.
          - id: grund
            type: choice
            label: Grund
            prompt: Warum?
            help: Für die Gebühr.
            options:
              - {id: reise, label: Reise}
              - {id: verlust, label: Verlust}
            when: {field: eilig, equals: true}
        """

    static func problems(_ content: String) throws -> [CatalogProblem] {
        let fixture = try CatalogFixture(changes: ["Intents/formulare/reisepass-beantragen.yaml": content])
        defer { fixture.remove() }
        return fixture.check().problems
    }

    @Test("the valid form loads, with its condition")
    func valid() throws {
        let fixture = try CatalogFixture(changes: ["Intents/formulare/reisepass-beantragen.yaml": Self.form(Self.validFields)])
        defer { fixture.remove() }
        let catalog = try CatalogLoader(directory: fixture.directory).load()
        let form = try #require(catalog.forms["reisepass-beantragen"])
        #expect(form.fields.map(\.id) == ["name", "eilig", "grund"])
        #expect(form.fields[2].condition == FieldCondition(field: "eilig", values: ["true"]))
        #expect(form.fields[0].isPersonal && !form.fields[1].isPersonal)
    }

    @Test(
        "each broken form is reported with its file, line and code",
        arguments: [
            (
                "unknown field type", Self.validFields.replacingOccurrences(of: "type: yes_no", with: "type: jein"), CatalogProblem.Code.invalidValue,
                14
            ),
            ("condition on an unknown field", Self.validFields.replacingOccurrences(of: "field: eilig", with: "field: express"), .invalidValue, 26),
            ("condition on a later field", Self.validFields.replacingOccurrences(of: "field: eilig", with: "field: grund"), .invalidValue, 26),
            (
                "condition value that is not an option", Self.validFields.replacingOccurrences(of: "equals: true", with: "equals: vielleicht"),
                .invalidValue, 26
            ),
            (
                "choice without options",
                Self.validFields.replacingOccurrences(of: "      - {id: reise, label: Reise}\n      - {id: verlust, label: Verlust}\n", with: ""),
                .missingField, 23
            ),
            (
                "unknown key in a field", Self.validFields.replacingOccurrences(of: "    help: Für den Pass.", with: "    hilfe: Für den Pass."),
                .unknownField, 12
            ),
            (
                "duplicate field id",
                Self.validFields.replacingOccurrences(of: "id: eilig", with: "id: name").replacingOccurrences(
                    of: "field: eilig", with: "field: name"), .duplicateID, 13
            ),
            (
                "bad date limit",
                Self.validFields + "\n  - id: tag\n    type: date\n    label: Tag\n    prompt: Wann?\n    help: Darum.\n    earliest: nächste Woche",
                .invalidValue, 32
            ),
            (
                "document of a type Rathaus does not take", Self.validFields + Self.photoField + "\n    accept: [jpeg, gif]", .invalidValue, 32
            ),
            ("text limit on a document", Self.validFields + Self.photoField + "\n    min_length: 3", .unknownField, 32),
            (
                "condition on a document",
                Self.validFields + Self.photoField
                    + "\n  - id: x\n    type: yes_no\n    label: X\n    prompt: X?\n    help: X.\n    when: {field: foto, equals: true}",
                .invalidValue, 37
            ),
        ] as [(String, String, CatalogProblem.Code, Int)])
    func broken(_ case: (String, String, CatalogProblem.Code, Int)) throws {
        let problems = try Self.problems(Self.form(`case`.1))
        #expect(!problems.isEmpty, "\(`case`.0): no problem reported")
        #expect(problems.allSatisfy { $0.file == "Intents/formulare/reisepass-beantragen.yaml" })
        let found = problems.contains { $0.code == `case`.2 && $0.line == `case`.3 }
        #expect(found, "\(`case`.0): \(problems)")
    }

    /// A document field on lines 27 to 31, after ``validFields``.
    static let photoField = "\n  - id: foto\n    type: document\n    label: Foto\n    prompt: Foto?\n    help: Darum."

    @Test("a document field takes the types under accept (jpg is JPEG), all three without, and is not personal by default")
    func documentField() throws {
        for (accept, expected) in [("\n    accept: [jpg, png]", [DocumentFile.MediaType.jpeg, .png]), ("", DocumentFile.MediaType.allCases)] {
            let fixture = try CatalogFixture(changes: [
                "Intents/formulare/reisepass-beantragen.yaml": Self.form(Self.validFields + Self.photoField + accept)
            ])
            defer { fixture.remove() }
            let form = try #require(try CatalogLoader(directory: fixture.directory).load().forms["reisepass-beantragen"])
            let field = try #require(form.field("foto"))
            #expect(field.kind == .document(accepted: expected))
            #expect(!field.isPersonal && field.kind.typeName == "document")
        }
    }

    @Test("transcript_consent names a yes/no field of the form; another field or an unknown one is reported at its line")
    func transcriptConsent() throws {
        let fixture = try CatalogFixture(changes: [
            "Intents/formulare/reisepass-beantragen.yaml": Self.form(Self.validFields) + "\ntranscript_consent: eilig"
        ])
        defer { fixture.remove() }
        let form = try #require(try CatalogLoader(directory: fixture.directory).load().forms["reisepass-beantragen"])
        #expect(form.transcriptConsentField == "eilig")
        for wrong in ["name", "verlauf"] {
            let problems = try Self.problems(Self.form(Self.validFields) + "\ntranscript_consent: \(wrong)")
            #expect(problems.map(\.code) == [.invalidValue], "\(wrong): \(problems)")
            #expect(problems.first?.line == 27 && problems.first?.fix.contains("eilig") == true, "\(wrong): \(problems)")
        }
    }

    @Test("a form may belong to an intent answered by its own text, but not to one without")
    func formOfAnsweredIntent() throws {
        let intents = """
            intents:
              - id: mensch-sprechen
                answer: Rufen Sie uns an.
                examples: [mensch bitte, mitarbeiter sprechen, mit einem menschen reden]
            """
        let form = Self.form(Self.validFields).replacingOccurrences(of: "id: reisepass-beantragen", with: "id: mensch-sprechen")
        let fixture = try CatalogFixture(changes: ["Intents/gespraech.yaml": intents, "Intents/formulare/mensch-sprechen.yaml": form])
        defer { fixture.remove() }
        #expect(fixture.check().problems.isEmpty, "\(fixture.check().problems)")
        let unanswered = try CatalogFixture(changes: [
            "Intents/gespraech.yaml": intents.replacingOccurrences(of: "    answer: Rufen Sie uns an.\n", with: ""),
            "Intents/formulare/mensch-sprechen.yaml": form,
        ])
        defer { unanswered.remove() }
        #expect(unanswered.check().problems.contains { $0.code == .invalidValue && $0.file == "Intents/formulare/mensch-sprechen.yaml" })
    }

    @Test("a form for an unknown department or for no service is reported")
    func crossChecks() throws {
        let department = try Self.problems(Self.form(Self.validFields, department: "passamt"))
        #expect(department.map(\.code) == [.unknownDepartment])
        let fixture = try CatalogFixture(changes: [
            "Intents/formulare/gibtsnicht.yaml": Self.form(Self.validFields)
                .replacingOccurrences(of: "id: reisepass-beantragen", with: "id: gibtsnicht")
        ])
        defer { fixture.remove() }
        #expect(fixture.check().problems.map(\.code) == [.invalidValue])
    }

    @Test("every shipped form loads and asks at least one personal field after a privacy notice")
    func shipped() throws {
        let catalog = CatalogFixture.shipped
        #expect(catalog.forms.count == 16)
        for form in catalog.forms.values {
            let hasPersonal = form.fields.contains { $0.isPersonal }
            #expect(hasPersonal, "\(form.id)")
            #expect(catalog.departments[form.department] != nil)
        }
    }
}
