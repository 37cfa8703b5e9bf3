import ArgumentParser
import Foundation
import RathausCatalog
import RathausDelivery
import RathausServer

/// `rathaus check`: reads the whole catalogue and reports every problem with file and line.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Prüft den Katalog und nennt jeden Fehler mit Datei und Zeile.")

    @OptionGroup var options: CatalogOptions
    @Flag(name: .long, help: "Ausgabe als JSON.") var json = false
    @Flag(name: .customLong("hinweise"), help: "Auch Hinweise zeigen, die kein Fehler sind (Verneinungen in Leichter Sprache).") var notes = false
    @Option(name: .long, help: "Statt des Katalogs die Konfigurationsdatei prüfen (Adressen und Schlüssel der Stellen).") var config: String?
    @Option(name: .long, help: "Statt des Katalogs alle Gemeinden eines Ordners prüfen, wie serve --tenants sie lädt.") var tenants: String?

    func run() throws {
        if let tenants {
            do {
                let towns = try TenantDirectory.load(URL(fileURLWithPath: tenants, isDirectory: true))
                let hosts = towns.reduce(0) { $0 + $1.hosts.count }
                print("\(towns.count) Gemeinden in Ordnung (\(hosts) Hostnamen, je Gemeinde auch /t/SCHLÜSSEL/).")
            } catch {
                print(error.description)
                throw ExitCode(1)
            }
            return
        }
        if let config {
            var problems: [String] = []
            var summary = ""
            do {
                let configuration = try DeliveryConfiguration(contentsOf: URL(fileURLWithPath: config), requiresDepartments: false)
                summary =
                    configuration.endpoints.isEmpty
                    ? "keine Stellen (rathaus serve speichert Anträge nur)"
                    : "\(configuration.endpoints.count) Stellen mit Adresse"
                        + (configuration.endpoints["default"] == nil ? " (ohne default)" : " (mit default)")
                let networks = configuration.endpoints.values.map(\.network)
                if case let mutual = networks.filter({ $0.clientCertificate != nil }).count, mutual > 0 {
                    summary += ", \(mutual) mit Client-Zertifikat"
                }
                if case let proxied = networks.filter({ $0.proxy != nil }).count, proxied > 0 { summary += ", \(proxied) über Proxy" }
            } catch {
                problems.append("\(error)")
            }
            do {
                let server = try ServerConfiguration(contentsOf: URL(fileURLWithPath: config))
                summary += ", \(server.corsOrigins.count) erlaubte Ursprünge für das Widget"
            } catch {
                problems.append("\(error)")
            }
            guard problems.isEmpty else {
                print(problems.joined(separator: "\n"))
                throw ExitCode(1)
            }
            print("Konfiguration in Ordnung: \(summary).")
            return
        }
        let report = CatalogLoader(directory: options.directory).check()
        if json {
            print(try JSONLine.string(CheckOutput(report: report)))
        } else if report.problems.isEmpty {
            let counts = report.counts
            print(
                "Katalog in Ordnung: \(counts.departments) Stellen, \(counts.intents) Intents, \(counts.services) Leistungen, "
                    + "\(counts.forms) Formulare, \(counts.referrals) Verweise, \(counts.outOfScopeExamples) Beispiele außerhalb des Angebots.")
        } else {
            for problem in report.problems { print(problem.description) }
            print("\(report.problems.count) Fehler gefunden.")
        }
        if !json, !report.notes.isEmpty {
            if notes {
                for note in report.notes { print(note.description) }
            } else {
                print("Leichte Sprache: Verneinungen in \(report.notes.count) Dateien (einzeln mit --hinweise).")
            }
        }
        if !report.problems.isEmpty { throw ExitCode(1) }
    }
}

/// The JSON printed by `rathaus check --json`.
struct CheckOutput: Encodable {
    let ok: Bool
    let counts: CatalogReport.Counts
    let problems: [CatalogProblem]
    /// What is worth a look but no error (negations in Leichte Sprache).
    let notes: [CatalogProblem]

    init(report: CatalogReport) {
        ok = report.problems.isEmpty
        counts = report.counts
        problems = report.problems
        notes = report.notes
    }
}
