import Foundation
import Logging
import RathausConversations
import RathausStore
import ServiceLifecycle
import Synchronization

/// Keeps ``MaintenanceMode`` up to date while the server runs: every few seconds it reads the
/// database's switch (`rathaus maintenance on|off`) and, when the config file changed, its
/// `server.maintenance`. A config file with errors is logged and changes nothing.
public struct MaintenanceWatcher: Service {
    let mode: MaintenanceMode
    let store: ConversationStore
    let configFile: URL?
    let checkInterval: Double
    let logger: Logger
    private let seenConfig = ConfigFingerprint()

    /// A watcher setting `mode` from `store` and `configFile` (nil: none) every `checkInterval` seconds.
    public init(mode: MaintenanceMode, store: ConversationStore, configFile: URL?, checkInterval: Double, logger: Logger) {
        self.mode = mode
        self.store = store
        self.configFile = configFile
        self.checkInterval = checkInterval
        self.logger = logger
    }

    /// Runs until the service group shuts down.
    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await check()
                try await Task.sleep(for: .seconds(checkInterval))
            }
        }
    }

    /// Reads both switches once and logs when maintenance starts or ends.
    public func check() async {
        let wasOn = mode.message != nil
        if let configFile, let fingerprint = seenConfig.changed(configFile) {
            do {
                let configuration = try await Blocking.run { try ServerConfiguration(contentsOf: configFile) }
                mode.setConfigured(configuration.maintenance)
                seenConfig.accept(fingerprint)
            } catch {
                seenConfig.accept(fingerprint)
                logger.error("config refused, maintenance unchanged", metadata: ["problems": "\(error)"])
            }
        }
        let store = self.store
        do {
            let switched = try await Blocking.run { try store.maintenanceSwitch() }
            mode.setSwitched(switched.map { ServerConfiguration.Maintenance(message: $0.message) })
        } catch {
            logger.error("maintenance switch unreadable, unchanged", metadata: ["error": "\(error)"])
        }
        let isOn = mode.message != nil
        if isOn != wasOn { logger.notice(isOn ? "maintenance on: new turns get 503" : "maintenance off") }
    }
}

/// The size and modification time of the config file last read, to read it again only after a change.
private final class ConfigFingerprint: Sendable {
    private let last = Mutex<[Double]?>(nil)

    /// The file's fingerprint when it differs from the last one accepted, else nil.
    func changed(_ url: URL) -> [Double]? {
        let values = try? url.resourceValues(forKeys: [.contentModificationDateKey, .fileSizeKey])
        let fingerprint = [values?.contentModificationDate?.timeIntervalSince1970 ?? 0, Double(values?.fileSize ?? -1)]
        return last.withLock { $0 } == fingerprint ? nil : fingerprint
    }

    /// Remembers `fingerprint` as read.
    func accept(_ fingerprint: [Double]) {
        last.withLock { $0 = fingerprint }
    }
}
