import Foundation
import RathausCatalog
import RathausUnderstanding

/// A small, valid catalogue written to a fresh temporary directory, which tests then break on purpose.
public struct CatalogFixture {
    /// The temporary directory that holds the fixture's files.
    public let directory: URL

    /// The files of the valid fixture, by path relative to the catalogue.
    public static let files: [String: String] = [
        "Knowledge/stellen/hauptamt.yaml": """
        id: hauptamt
        name: Bürgerservice
        anschrift:
          strasse: Marktplatz 1
          plz: "12345"
          ort: Musterstadt
        oeffnungszeiten:
          - Montag bis Freitag 8:00 bis 12:00 Uhr
        telefon: 0 12 34 / 56 78-0
        email: buergerservice@musterstadt.example
        """,
        "Knowledge/stellen/einwohnermeldeamt.yaml": """
        id: einwohnermeldeamt
        name: Bürgeramt
        anschrift:
          strasse: Marktplatz 1
          plz: "12345"
          ort: Musterstadt
        oeffnungszeiten:
          - Donnerstag 8:00 bis 18:00 Uhr
        telefon: 0 12 34 / 56 78-100
        email: buergeramt@musterstadt.example
        """,
        "Knowledge/reisepass-beantragen.yaml": """
        id: reisepass-beantragen
        leistungsschluessel: "99102011001000"
        leistungsbezeichnung: Reisepass beantragen
        synonyme: [Pass, Reisepass]
        kurztext: Einen Reisepass beantragen Sie persönlich im Bürgeramt.
        kosten:
          - "Reisepass ab 24 Jahren: 70,00 Euro"
        erforderliche_unterlagen:
          - Personalausweis
          - biometrisches Passfoto
        bearbeitungsdauer: etwa 3 bis 4 Wochen
        onlinedienst:
          name: Termin buchen
          url: https://service.musterstadt.example/reisepass
        zustaendige_stelle: einwohnermeldeamt
        """,
        "Knowledge/wohnsitz-anmelden.yaml": """
        id: wohnsitz-anmelden
        leistungsschluessel: "local:musterstadt:wohnsitz-anmelden"
        leistungsbezeichnung: Wohnsitz anmelden
        kurztext: Nach einem Umzug melden Sie sich innerhalb von zwei Wochen an.
        fristen:
          - innerhalb von zwei Wochen nach dem Einzug
        zustaendige_stelle: einwohnermeldeamt
        """,
        "Intents/dienste.yaml": """
        intents:
          - id: reisepass-beantragen
            examples:
              - reisepass beantragen
              - was kostet ein reisepass
              - neuer pass fuer den urlaub
              - kinderreisepass
          - id: wohnsitz-anmelden
            examples:
              - wohnung anmelden
              - bin umgezogen wo melde ich mich an
              - ummelden nach umzug
        """,
        "Intents/gespraech.yaml": """
        intents:
          - id: begruessung
            answer: Guten Tag! Wie kann ich helfen?
            examples:
              - hallo
              - guten tag
              - moin
          - id: mensch-sprechen
            answer: "Rufen Sie uns an: {hauptamt.telefon}"
            examples:
              - mit einem menschen sprechen
              - echter mitarbeiter bitte
        """,
    ]

    /// Writes the valid fixture, then applies `changes` (nil content deletes the file).
    public init(changes: [String: String?] = [:]) throws {
        directory = TestFolder.run
            .appendingPathComponent("rathaus-catalog-\(UUID().uuidString)", isDirectory: true)
        var files = Self.files
        for (path, content) in changes { files[path] = content }
        for (path, content) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(content.utf8).write(to: url)
        }
        for folder in ["Intents", "Knowledge", "Knowledge/stellen"] {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
    }

    /// Checks the fixture.
    public func check() -> CatalogReport {
        CatalogLoader(directory: directory).check()
    }

    /// Removes the directory.
    public func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// The repository root (to read the shipped catalogue).
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// A matcher for `catalog`; libstemmer always has the German stemmer, so failing is fatal here.
    public static func matcher(_ catalog: Catalog, threshold: Double? = nil) -> IntentMatcher {
        do {
            return try IntentMatcher(catalog: catalog, threshold: threshold)
        } catch {
            fatalError("\(error)")
        }
    }

    /// The shipped Musterstadt catalogue, loaded once per test process.
    public static let shipped: Catalog = {
        do {
            return try CatalogLoader(directory: repositoryRoot).load()
        } catch {
            fatalError("shipped catalogue does not load:\n\(error)")
        }
    }()
}
