import ArgumentParser
import Foundation
import RathausDelivery
import RathausStore

/// `rathaus deliver`: sends confirmed applications to the departments' webhooks.
struct DeliverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliver",
        abstract: "Sendet bestätigte Anträge an die Webhooks der Stellen (mit --once: alles Fällige, dann Ende).")

    @OptionGroup var storage: DatabaseOptions
    @Option(name: .long, help: "Konfigurationsdatei mit den Adressen und Schlüsseln der Stellen.") var config: String
    @Flag(name: .long, help: "Alles Fällige senden und beenden (für cron und Tests).") var once = false
    @Option(name: .long, help: "Sekunden zwischen zwei Durchläufen, wenn nichts fällig ist.") var interval: Double = 1

    func run() throws {
        let configuration = try DeliveryOptions.load(config)
        let store = try storage.open(configuredPath: configuration.database)
        let worker = OutboxWorker(store: store, configuration: configuration)
        repeat {
            let summary = try worker.deliverDue()
            if summary.claimed > 0 || once {
                print(
                    "zugestellt: \(summary.delivered), erneut versuchen: \(summary.retrying), aufgegeben: \(summary.dead), "
                        + "Stelle gesperrt: \(summary.disabled)")
                fflush(nil)
            }
            if summary.dead > 0 {
                StandardError.write("error: \(summary.dead) Zustellung(en) endgültig fehlgeschlagen (rathaus deliveries list --status dead)\n")
            }
            if !once { Thread.sleep(forTimeInterval: interval) }
        } while !once
    }
}

/// Loading the `--config` file with every problem on standard error.
enum DeliveryOptions {
    static func load(_ path: String, requiresDepartments: Bool = true) throws -> DeliveryConfiguration {
        do {
            return try DeliveryConfiguration(contentsOf: URL(fileURLWithPath: path), requiresDepartments: requiresDepartments)
        } catch {
            StandardError.write("Die Konfiguration \(path) enthält Fehler:\n\(error)\n")
            throw ExitCode(1)
        }
    }
}
