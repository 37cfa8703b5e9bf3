import Foundation
import Logging
import RathausConversations
import ServiceLifecycle
import UnixSignals

/// Reloads the towns of `serve --tenants`: a town whose own files changed within a few seconds,
/// and on SIGHUP the shared catalogues and then every town. A catalogue with errors is refused and
/// logged; the running one stays. One watcher for all towns, so that 400 towns cost one loop.
public struct TenantWatcher: Service {
    let towns: [(key: String, live: LiveCatalog, metrics: ServerMetrics)]
    let checkInterval: Double
    let logger: Logger

    /// A watcher over `towns` (each with its key, catalogue and metrics), checking their files every
    /// `checkInterval` seconds (0: SIGHUP only).
    public init(towns: [(key: String, live: LiveCatalog, metrics: ServerMetrics)], checkInterval: Double, logger: Logger) {
        self.towns = towns
        self.checkInterval = checkInterval
        self.logger = logger
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
                    var seen = (try? await Blocking.run { towns.map { $0.live.fingerprint() } }) ?? []
                    while !Task.isCancelled {
                        do {
                            try await Task.sleep(for: .seconds(checkInterval))
                        } catch {
                            return
                        }
                        guard let now = try? await Blocking.run({ towns.map { $0.live.fingerprint() } }) else { continue }
                        for index in towns.indices where index < seen.count && now[index] != seen[index] {
                            await reload(towns[index], reason: "file change")
                        }
                        seen = now
                    }
                }
            }
            try? await gracefulShutdown()
            group.cancelAll()
        }
    }

    /// Reloads every shared catalogue, then every town over the new ones.
    func reloadEverything() async {
        var bases: [ObjectIdentifier: SharedCatalog] = [:]
        for town in towns {
            if let base = town.live.base { bases[ObjectIdentifier(base)] = base }
        }
        for base in bases.values {
            do {
                try await Blocking.run { try base.reload() }
                logger.info("shared catalogue reloaded", metadata: ["folder": "\(base.directory.path)"])
            } catch {
                logger.error("shared catalogue refused, the running one stays", metadata: ["problems": "\(error)"])
            }
        }
        for town in towns { await reload(town, reason: "SIGHUP") }
    }

    /// Reloads one town off the cooperative pool and logs the outcome.
    private func reload(_ town: (key: String, live: LiveCatalog, metrics: ServerMetrics), reason: String) async {
        let live = town.live
        do {
            let engine = try await Blocking.run { try live.reload() }
            town.metrics.record(reload: true)
            logger.info("catalogue reloaded", metadata: ["town": "\(town.key)", "reason": "\(reason)", "intents": "\(engine.catalog.intents.count)"])
        } catch {
            town.metrics.record(reload: false)
            logger.error(
                "catalogue refused, the running one stays", metadata: ["town": "\(town.key)", "reason": "\(reason)", "problems": "\(error)"])
        }
    }
}
