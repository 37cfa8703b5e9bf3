import ArgumentParser
import Foundation
import RathausServer
import RathausStore

/// `rathaus maintenance on|off|status`: switches the web chat off for citizens and on again. The
/// switch is a row in the database, which every `rathaus serve` on it reads every few seconds.
struct MaintenanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maintenance",
        abstract: "Schaltet den Web-Chat für Wartungsarbeiten ab (on) und wieder ein (off); status zeigt den Stand.")

    /// What to do.
    enum Action: String, ExpressibleByArgument, CaseIterable {
        case on, off, status
    }

    @OptionGroup var storage: DatabaseOptions
    @Argument(help: "on, off oder status.") var action: Action = .status
    @Option(name: .long, help: "Text für die Bürgerinnen und Bürger (Standard: ein kurzer Hinweis auf Wartungsarbeiten).") var message: String?
    @Option(name: .long, help: "Konfigurationsdatei: ihre database und ihr server.maintenance.") var config: String?

    func run() throws {
        let configured = try configuredMaintenance()
        let store = try storage.open(configuredPath: configured.database)
        let text = message?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let text, text.isEmpty || text.count > ServerConfiguration.maximumMessageLength {
            StandardError.write("--message braucht einen Text mit höchstens \(ServerConfiguration.maximumMessageLength) Zeichen.\n")
            throw ExitCode(64)
        }
        switch action {
        case .on:
            try store.switchMaintenanceOn(message: text)
            print("Wartung an: neue Gespräche und Nachrichten bekommen 503 mit diesem Text:\n\(text ?? MaintenanceMode.defaultMessage)")
        case .off:
            let wasOn = try store.switchMaintenanceOff()
            print(wasOn ? "Wartung aus: der Chat antwortet wieder." : "Die Wartung war nicht mit „rathaus maintenance on“ eingeschaltet.")
            if configured.maintenance != nil {
                print("Achtung: server.maintenance in \(config ?? "der Konfiguration") hält den Chat weiter aus; löschen Sie den Eintrag.")
            }
        case .status:
            let switched = try store.maintenanceSwitch()
            if let switched {
                print("Wartung an seit \(ISO8601DateFormatter().string(from: switched.since)): \(switched.message ?? MaintenanceMode.defaultMessage)")
            } else if let maintenance = configured.maintenance {
                print("Wartung an (server.maintenance in \(config ?? "der Konfiguration")): \(maintenance.message ?? MaintenanceMode.defaultMessage)")
            } else {
                print("Wartung aus.")
            }
        }
        // Only the server reads the switch; a running one follows within its check interval.
        fflush(nil)
    }

    /// The config's database path and `server.maintenance`, when `--config` is given.
    private func configuredMaintenance() throws -> (database: String?, maintenance: ServerConfiguration.Maintenance?) {
        guard let config else { return (nil, nil) }
        let delivery = try DeliveryOptions.load(config, requiresDepartments: false)
        do {
            return (delivery.database, try ServerConfiguration(contentsOf: URL(fileURLWithPath: config)).maintenance)
        } catch {
            StandardError.write("Die Konfiguration \(config) enthält Fehler:\n\(error)\n")
            throw ExitCode(1)
        }
    }
}
