import ArgumentParser
import Foundation
import RathausStore

/// `rathaus deliveries …`: what staff see and do about deliveries.
struct DeliveriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliveries",
        abstract: "Zustellungen ansehen, wiederholen und gesperrte Stellen freigeben.",
        subcommands: [List.self, Show.self, Retry.self, Enable.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Alle Zustellungen, neueste zuerst.")
        @OptionGroup var storage: DatabaseOptions
        @Option(name: .long, help: "Nur pending, retrying, delivered, dead oder disabled.") var status: String?
        @Flag(name: .long, help: "Als JSON-Zeilen.") var json = false

        func run() throws {
            for delivery in try storage.open().deliveries(status: status) {
                if json {
                    print(try JSONLine.string(delivery))
                    continue
                }
                print(
                    "\(delivery.reference)  \(delivery.kind)  \(delivery.status)  \(delivery.department)  Versuche: \(delivery.attempts)"
                        + (delivery.lastError.map { "  zuletzt: \($0)" } ?? ""))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Die Versuche einer Zustellung.")
        @OptionGroup var storage: DatabaseOptions
        @Argument(help: "Vorgangsnummer, z. B. MS-2026-000042.") var reference: String

        func run() throws {
            guard let attempts = try storage.open().attempts(reference: reference) else {
                StandardError.write("Die Vorgangsnummer \(reference) gibt es nicht.\n")
                throw ExitCode(1)
            }
            let formatter = ISO8601DateFormatter()
            for attempt in attempts {
                print(
                    "\(formatter.string(from: attempt.startedAt))  \(attempt.status.map { "HTTP \($0)" } ?? attempt.error ?? "?")  \(attempt.durationMilliseconds) ms"
                )
            }
            if attempts.isEmpty { print("Noch kein Versuch.") }
        }
    }

    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Eine Zustellung sofort erneut versuchen (auch aufgegebene).")
        @OptionGroup var storage: DatabaseOptions
        @Argument(help: "Vorgangsnummer.") var reference: String

        func run() throws {
            guard try storage.open().retry(reference: reference) else {
                StandardError.write("Keine offene Zustellung mit der Vorgangsnummer \(reference).\n")
                throw ExitCode(1)
            }
            print("\(reference) wird beim nächsten Durchlauf erneut zugestellt.")
        }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Eine nach 410 gesperrte Stelle wieder freigeben.")
        @OptionGroup var storage: DatabaseOptions
        @Argument(help: "Id der Stelle, z. B. abfallwirtschaft.") var department: String

        func run() throws {
            let changed = try storage.open().enable(department: department)
            print(changed ? "\(department) ist wieder freigegeben." : "\(department) war nicht gesperrt.")
        }
    }
}
