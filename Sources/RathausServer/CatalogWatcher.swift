import Foundation
import Logging
import RathausConversations
import ServiceLifecycle
import UnixSignals

/// Reloads the catalogue on SIGHUP and when its files change (checked every few seconds). A
/// catalogue with errors is refused and logged; the running one stays.
public struct CatalogWatcher: Service {
    let live: LiveCatalog
    let metrics: ServerMetrics
    let checkInterval: Double
    let logger: Logger

    /// A watcher over `live`, checking the files every `checkInterval` seconds (0: SIGHUP only).
    public init(live: LiveCatalog, metrics: ServerMetrics, checkInterval: Double, logger: Logger) {
        self.live = live
        self.metrics = metrics
        self.checkInterval = checkInterval
        self.logger = logger
    }

    /// Runs until the service group shuts down.
    public func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in signals.cancelOnGracefulShutdown() {
                    await reload(reason: "SIGHUP")
                }
            }
            if checkInterval > 0 {
                group.addTask {
                    var seen = live.fingerprint()
                    while !Task.isCancelled {
                        do {
                            try await Task.sleep(for: .seconds(checkInterval))
                        } catch {
                            return
                        }
                        let now = live.fingerprint()
                        if now != seen {
                            seen = now
                            await reload(reason: "file change")
                        }
                    }
                }
            }
            try? await gracefulShutdown()
            group.cancelAll()
        }
    }

    /// Reloads off the cooperative pool and logs the outcome.
    func reload(reason: String) async {
        let live = self.live
        do {
            let engine = try await Blocking.run { try live.reload() }
            metrics.record(reload: true)
            logger.info("catalogue reloaded", metadata: ["reason": "\(reason)", "intents": "\(engine.catalog.intents.count)"])
        } catch {
            metrics.record(reload: false)
            logger.error("catalogue refused, the running one stays", metadata: ["reason": "\(reason)", "problems": "\(error)"])
        }
    }
}
