import ArgumentParser
import Foundation
import Hummingbird
import Logging
import RathausServer
import RathausStore
import ServiceLifecycle

extension ServeCommand {
    /// Seconds between two looks at every town's files and maintenance switch: with 400 towns,
    /// every 2 s cost about 14 % of a core while idle, every 5 s about a third of that.
    static let tenantCheckSeconds: Double = 5

    /// Raises the soft limit of open files to the hard one: each town's SQLite database holds about
    /// five files open, and 400 towns pass the soft limit of 1,024 that systemd gives a service.
    static func raiseOpenFileLimit(logger: Logger) {
        #if os(Linux)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        let soft = limit.rlim_cur
        limit.rlim_cur = limit.rlim_max
        if setrlimit(resource, &limit) == 0 {
            logger.info("open file limit raised", metadata: ["from": "\(soft)", "to": "\(limit.rlim_max)"])
        }
    }

    /// `rathaus serve --tenants DIR`: every town in `directory` in one server, each with its own
    /// catalogue, settings, rate limit, data and delivery worker, chosen by host name or `/t/{key}/`.
    func serveTenants(in directory: URL, logger: Logger) async throws {
        let started = Date()
        Self.raiseOpenFileLimit(logger: logger)
        // `--config`'s `server:` section is every town's default (behind a proxy: trust_forwarded_for).
        let defaults = try loadServerConfiguration()
        let tenants: [Tenant]
        do {
            tenants = try TenantDirectory.load(directory, defaults: defaults)
        } catch {
            StandardError.write("Die Gemeinden in \(directory.path) enthalten Fehler:\n\(error)\n")
            throw ExitCode(1)
        }
        // The widget and its pages are those of the shared catalogue (`--catalog`), for every town.
        let web = StaticFiles(directory: options.directory.appendingPathComponent("Web"))
        var services: [any Service] = []
        var towns: [ServedTown] = []
        for tenant in tenants {
            do {
                towns.append(try ServedTown(tenant, web: web, retentionDays: storage.retentionDays, logger: logger))
            } catch {
                StandardError.write("Die Datenbank \(ConversationStore.shownLocation(tenant.database)) lässt sich nicht öffnen: \(error)\n")
                throw ExitCode(1)
            }
        }
        for town in towns {
            if let delivery = town.tenant.delivery, !delivery.endpoints.isEmpty {
                services.append(DeliveryService(store: town.store, configuration: delivery, interval: 1, logger: town.logger))
            }
            let settings = town.tenant.folder.appendingPathComponent(Tenant.configurationFile)
            services.append(
                MaintenanceWatcher(
                    mode: town.maintenance, store: town.store,
                    configFile: FileManager.default.fileExists(atPath: settings.path) ? settings : nil,
                    checkInterval: Self.tenantCheckSeconds, logger: town.logger))
        }
        services.append(
            CatalogWatcher(
                catalogues: towns.map { .init(key: $0.tenant.key, live: $0.tenant.live, metrics: $0.metrics) },
                checkInterval: Self.tenantCheckSeconds,
                logger: logger))
        let app = Application(
            responder: ServedTown.router(towns), configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { [host, port] channel in
                print("Rathaus lauscht auf http://\(channel.localAddress?.ipAddress ?? host):\(channel.localAddress?.port ?? port)")
                fflush(nil)
            },
            logger: logger)
        services.append(app)
        logger.info(
            "starting",
            metadata: [
                "towns": "\(tenants.count)", "load_seconds": "\(String(format: "%.2f", Date().timeIntervalSince(started)))",
                "delivery_workers": "\(tenants.filter { !($0.delivery?.endpoints.isEmpty ?? true) }.count)",
            ])
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        logger.info("stopped")
    }
}
