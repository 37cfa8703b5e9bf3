import ArgumentParser
import Foundation
import RathausDelivery
import RathausStore
import Synchronization

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
        let owner = "deliver-" + UUID().uuidString.lowercased()
        let worker = OutboxWorker(store: store, configuration: configuration, owner: owner)
        let stopping = StopSignal()
        repeat {
            let summary: OutboxWorker.Summary
            do {
                summary = try worker.deliverDue(while: { !stopping.received })
            } catch {
                // Running as a service, one failed pass is logged and the next one tries again.
                guard !once else { throw error }
                StandardError.write("error: Zustellung fehlgeschlagen: \(error)\n")
                Thread.sleep(forTimeInterval: interval)
                continue
            }
            if summary.claimed > 0 || once {
                print(
                    "zugestellt: \(summary.delivered), erneut versuchen: \(summary.retrying), aufgegeben: \(summary.dead), "
                        + "Stelle gesperrt: \(summary.disabled)")
                fflush(nil)
            }
            if summary.dead > 0 {
                StandardError.write("error: \(summary.dead) Zustellung(en) endgültig fehlgeschlagen (rathaus deliveries list --status dead)\n")
            }
            if !once { stopping.wait(seconds: interval) }
        } while !once && !stopping.received
        // SIGTERM or Ctrl+C: the pass in progress has finished; its leases are given up at once.
        if stopping.received { _ = try? store.releaseLeases(owner: owner) }
    }
}

/// SIGTERM and SIGINT, caught so that `rathaus deliver` finishes its pass and gives up its leases
/// before it exits, as `serve` does.
final class StopSignal {
    /// Set from the signal handlers' queue, read by the command's loop.
    private final class State: Sendable {
        let received = Mutex(false)
        let wakeUp = DispatchSemaphore(value: 0)
    }

    private let state = State()
    /// Kept so that the handlers live as long as this value.
    private var sources: [any DispatchSourceSignal] = []

    init() {
        for number in [SIGTERM, SIGINT] {
            Foundation.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [state] in
                state.received.withLock { $0 = true }
                state.wakeUp.signal()
            }
            source.resume()
            sources.append(source)
        }
    }

    /// True once a signal came.
    var received: Bool { state.received.withLock { $0 } }

    /// Waits `seconds`, or less when a signal comes.
    func wait(seconds: Double) {
        _ = state.wakeUp.wait(timeout: .now() + seconds)
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
