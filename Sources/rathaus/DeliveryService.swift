import Foundation
import Logging
import RathausConversations
import RathausDelivery
import RathausServer
import RathausStore
import ServiceLifecycle

/// The delivery worker as a service of `rathaus serve`: sends what is due, waits, and again. On
/// graceful shutdown it finishes the pass it is in (every attempt recorded) and gives up its leases.
struct DeliveryService: Service {
    let store: ConversationStore
    let configuration: DeliveryConfiguration
    let interval: Double
    let logger: Logger
    let owner = "serve-" + UUID().uuidString.lowercased()

    func run() async throws {
        let worker = OutboxWorker(store: store, configuration: configuration, owner: owner)
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let summary = try await Blocking.run { try worker.deliverDue() }
                if summary.claimed > 0 {
                    logger.info(
                        "delivery pass",
                        metadata: [
                            "delivered": "\(summary.delivered)", "retrying": "\(summary.retrying)",
                            "dead": "\(summary.dead)", "disabled": "\(summary.disabled)",
                        ])
                }
            } catch {
                logger.error("delivery pass failed", metadata: ["error": "\(type(of: error))"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(interval)) }
        }
        let released = (try? await Blocking.run { [store, owner] in try store.releaseLeases(owner: owner) }) ?? 0
        logger.info("delivery worker stopped", metadata: ["leases_released": "\(released)"])
    }
}
