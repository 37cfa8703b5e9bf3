import Foundation
import RathausTestSupport
import Testing

@testable import RathausCatalog

@Suite("Translations beside the German files")
struct TranslationCheckTests {
    /// Problems of the fixture with `changes`, as "file:line code".
    private func problems(_ changes: [String: String?]) throws -> [String] {
        let fixture = try CatalogFixture(changes: changes)
        defer { fixture.remove() }
        return fixture.check().problems.map { "\($0.file):\($0.line) \($0.code.rawValue)" }
    }

    @Test("a dialog text's {names} are filled in once; unknown names and lone braces stay")
    func filledTexts() {
        #expect(DialogTexts.german(.moreCosts, ["count": "3"]) == "und 3 weitere Angaben")
        #expect(DialogTexts.filled("{a} und {b}", with: ["a": "{b}", "b": "zwei"]) == "{b} und zwei", "a value is not searched again")
        #expect(DialogTexts.filled("{x} {a} { a", with: ["a": "eins"]) == "{x} eins { a")
        #expect(DialogTexts.filled("ohne Namen", with: ["a": "eins"]) == "ohne Namen")
    }

    @Test("an English file that fits its German file loads, and the catalogue speaks English through it")
    func englishLoads() throws {
        let fixture = try CatalogFixture(changes: [
            "Knowledge/reisepass-beantragen.en.yaml": """
            id: reisepass-beantragen
            leistungsbezeichnung: Applying for a passport
            kurztext: You apply for a passport in person at the Bürgeramt.
            kosten:
              - "Passport, age 24 and over: €70.00"
            """
        ])
        defer { fixture.remove() }
        let catalog = try #require(fixture.check().catalog)
        let english = catalog.localized(to: .english).knowledge["reisepass-beantragen"]!
        #expect(english.name == "Applying for a passport")
        #expect(english.costs == ["Passport, age 24 and over: €70.00"])
        // The documents were not translated: German, and marked so.
        #expect(english.requiredDocuments == ["Personalausweis", "biometrisches Passfoto"])
        #expect(english.untranslated.contains("erforderliche_unterlagen"))
        #expect(!english.untranslated.contains("kosten"))
    }

    @Test("a list of another length, an amount the German lacks and an id without German file are reported at their lines")
    func mismatches() throws {
        let found = try problems([
            "Knowledge/reisepass-beantragen.en.yaml": """
            id: reisepass-beantragen
            kosten:
              - "Passport: €75.00"
            erforderliche_unterlagen:
              - Identity card
            """,
            "Knowledge/hundesteuer.en.yaml": """
            id: hundesteuer
            kurztext: Dog tax.
            """,
        ])
        #expect(found.contains("Knowledge/reisepass-beantragen.en.yaml:3 translation-mismatch"))  // €75.00
        #expect(found.contains("Knowledge/reisepass-beantragen.en.yaml:5 translation-mismatch"))  // 1 of 2 documents
        #expect(found.contains("Knowledge/hundesteuer.en.yaml:1 translation-mismatch"))
        #expect(found.count == 3)
    }

    @Test("each rule of Leichte Sprache broken is reported with file and line, negations are counted")
    func easyLanguageRules() throws {
        let fixture = try CatalogFixture(changes: [
            "Knowledge/reisepass-beantragen.ls.yaml": """
            id: reisepass-beantragen
            leistungsbezeichnung: Reise-Pass beantragen
            kurztext: >-
              Den Reise-Pass beantragen Sie im Bürger-Amt, wenn Sie mit dem Pass in ein Land
              reisen wollen, für das der Ausweis nicht reicht.
            erforderliche_unterlagen:
              - Personal-Ausweis, z. B. den alten
              - Ein Foto; es ist biometrisch
              - Sie könnten auch eine Geburts-Urkunde mitbringen
              - Eine Wohnungsgeberbestätigung
            kosten:
              - 70,00 Euro
            """
        ])
        defer { fixture.remove() }
        let report = fixture.check()
        let found = report.problems.map { "\($0.line) \($0.code.rawValue) \($0.message)" }
        #expect(found.contains { $0.hasPrefix("3 leichte-sprache Der Satz „Den Reise-Pass beantragen Sie …“ hat 22 Wörter") })
        #expect(found.contains { $0.hasPrefix("7 leichte-sprache Die Abkürzung „z. B.“") })
        #expect(found.contains { $0.hasPrefix("8 leichte-sprache Der Text hat ein Semikolon") })
        #expect(found.contains { $0.hasPrefix("9 leichte-sprache „könnten“") })
        #expect(report.problems.count == 4 + (found.contains { $0.contains("Wohnungsgeberbestätigung") } ? 1 : 0))
        let notes = report.notes.map { "\($0.file):\($0.line) \($0.message)" }
        #expect(notes == ["Knowledge/reisepass-beantragen.ls.yaml:3 1 Verneinung (Zeilen 3)."])
    }

    @Test("a long compound is cut into its parts with the linking letters, prefixes are no parts")
    func compoundParts() {
        let rules = EasyLanguageRules(words: ["hund", "steuer", "hundesteuer", "anmeldung", "aufenthalt", "enthalt", "titel", "auf"])
        #expect(rules.parts(of: "hundesteueranmeldung") == ["hunde", "steuer", "anmeldung"])
        #expect(rules.parts(of: "aufenthaltstitel") == ["aufenthalts", "titel"])
        #expect(
            rules.findings(in: "Die Hundesteueranmeldung geht schnell.").map(\.fix) == [
                "Schreiben Sie es mit Binde-Strichen: „Hunde-Steuer-Anmeldung“."
            ])
    }

    @Test("the shipped translations keep every rule")
    func shippedTranslations() {
        let report = CatalogLoader(directory: CatalogFixture.repositoryRoot).check()
        #expect(report.problems.map(\.description) == [])
        let catalog = CatalogFixture.shipped
        #expect(catalog.translations[.english]?.services.count == 40)
        #expect(catalog.translations[.easyGerman]?.services.count == 40)
        #expect(catalog.translations[.english]?.forms.count == catalog.forms.count)
    }
}
