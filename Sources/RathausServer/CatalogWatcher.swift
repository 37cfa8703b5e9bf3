import Foundation
import Logging
import RathausConversations
import ServiceLifecycle
import UnixSignals

/// Reloads catalogues while the server runs: a catalogue whose files changed (checked every few
/// seconds), and on SIGHUP the shared catalogues and then every catalogue. A catalogue with errors
/// is refused and logged; the running one stays. One watcher serves one town or all towns of
/// `serve --tenants`, so that 400 towns cost one loop.
public struct CatalogWatcher: Service {
    /// A catalogue watched, with its town's key (nil for the one town of a plain `serve`, whose log
    /// lines name no town) and the metrics that count its reloads.
    public struct Watched: Sendable {
        let key: String?
        let live: LiveCatalog
        let metrics: ServerMetrics

        /// `live`, of the town `key` (nil: the only one), counted in `metrics`.
        public init(key: String?, live: LiveCatalog, metrics: ServerMetrics) {
            (self.key, self.live, self.metrics) = (key, live, metrics)
        }
    }

    let catalogues: [Watched]
    let checkInterval: Double
    let logger: Logger

    /// A watcher over `catalogues`, checking their files every `checkInterval` seconds (0: SIGHUP only).
    public init(catalogues: [Watched], checkInterval: Double, logger: Logger) {
        self.catalogues = catalogues
        self.checkInterval = checkInterval
        self.logger = logger
    }

    /// A watcher over the one catalogue `live` of a plain `serve`.
    public init(live: LiveCatalog, metrics: ServerMetrics, checkInterval: Double, logger: Logger) {
        self.init(catalogues: [Watched(key: nil, live: live, metrics: metrics)], checkInterval: checkInterval, logger: logger)
    }

    /// Runs until the service group shuts down.
    public func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in signals.cancelOnGracefulShutdown() {
                    await reloadEverything()
                }
            }
            if checkInterval > 0 {
                group.addTask {
                    var seen = (try? await Blocking.run { catalogues.map { $0.live.fingerprint() } }) ?? []
                    while !Task.isCancelled {
                        do {
                            try await Task.sleep(for: .seconds(checkInterval))
                        } catch {
                            return
                        }
                        guard let now = try? await Blocking.run({ catalogues.map { $0.live.fingerprint() } }) else { continue }
                        for index in catalogues.indices where index < seen.count && now[index] != seen[index] {
                            await reload(catalogues[index], reason: "file change")
                        }
                        seen = now
                    }
                }
            }
            try? await gracefulShutdown()
            group.cancelAll()
        }
    }

    /// Reloads every shared catalogue, then every catalogue over the new ones.
    func reloadEverything() async {
        var bases: [ObjectIdentifier: SharedCatalog] = [:]
        for watched in catalogues {
            if let base = watched.live.base { bases[ObjectIdentifier(base)] = base }
        }
        for base in bases.values {
            do {
                try await Blocking.run { try base.reload() }
                logger.info("shared catalogue reloaded", metadata: ["folder": "\(base.directory.path)"])
            } catch {
                logger.error("shared catalogue refused, the running one stays", metadata: ["problems": "\(error)"])
            }
        }
        for watched in catalogues { await reload(watched, reason: "SIGHUP") }
    }

    /// Reloads one catalogue off the cooperative pool and logs the outcome.
    func reload(_ watched: Watched, reason: String) async {
        let live = watched.live
        var metadata: Logger.Metadata = ["reason": "\(reason)"]
        if let key = watched.key { metadata["town"] = "\(key)" }
        do {
            let engine = try await Blocking.run { try live.reload() }
            watched.metrics.record(reload: true)
            metadata["intents"] = "\(engine.catalog.intents.count)"
            logger.info("catalogue reloaded", metadata: metadata)
        } catch {
            watched.metrics.record(reload: false)
            metadata["problems"] = "\(error)"
            logger.error("catalogue refused, the running one stays", metadata: metadata)
        }
    }
}
