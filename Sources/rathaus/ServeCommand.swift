import ArgumentParser
import Foundation
import Hummingbird
import Logging
import RathausDelivery
import RathausDialog
import RathausServer
import ServiceLifecycle

/// `rathaus serve`: the HTTP API, the widget and the delivery worker in one service group, with
/// graceful shutdown on SIGTERM and SIGINT and catalogue reload on SIGHUP or file change.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Startet den HTTP-Server: Chat-Widget, API unter /api/v1 und (mit --config) die Zustellung.")

    @OptionGroup var options: CatalogOptions
    @OptionGroup var storage: DatabaseOptions
    @Option(name: .long, help: "Adresse, an der der Server lauscht.") var host = "127.0.0.1"
    @Option(name: .long, help: "Port (0: ein freier Port).") var port = 8080
    @Option(name: .long, help: "Konfigurationsdatei: server (CORS, Rahmen, Ratenlimit) und die Stellen für die Zustellung.") var config: String?
    @Option(name: .long, help: "Niedrigste Protokollstufe: debug, info, notice, warning, error.") var logLevel = "info"
    @Option(name: .long, help: "Ordner mit einem Unterordner je Gemeinde: alle Gemeinden in einem Server (siehe docs/tenants.md).")
    var tenants: String?

    func run() async throws {
        guard let level = Logger.Level(rawValue: logLevel) else {
            StandardError.write("Unbekannte Protokollstufe '\(logLevel)'. Möglich sind: debug, info, notice, warning, error.\n")
            throw ExitCode(64)
        }
        LoggingSystem.bootstrap { JSONLogHandler(label: $0, level: level) }
        var logger = Logger(label: "rathaus")
        logger.logLevel = level
        if let tenants {
            try await serveTenants(in: URL(fileURLWithPath: tenants, isDirectory: true), logger: logger)
            return
        }
        let serverConfiguration = try loadServerConfiguration()
        let delivery = try config.map { try DeliveryOptions.load($0, requiresDepartments: false) }
        let catalog = try options.load()
        let store = try storage.open(configuredPath: delivery?.database)
        let engine = try ChatEngine(catalog: catalog)
        // The English matcher and the language detector are fitted before the first citizen comes.
        engine.prepareLanguages()
        let live = LiveCatalog(engine: engine, directory: options.directory)
        let metrics = ServerMetrics()
        let maintenance = MaintenanceMode(
            configured: serverConfiguration.maintenance,
            switched: try store.maintenanceSwitch().map { ServerConfiguration.Maintenance(message: $0.message) })
        let web = StaticFiles(directory: options.directory.appendingPathComponent("Web"))
        let api = ChatAPI(
            live: live, store: store, retentionDays: storage.retentionDays, configuration: serverConfiguration,
            metrics: metrics, web: web, logger: logger,
            departmentSecrets: delivery?.endpoints.mapValues(\.secrets) ?? [:], maintenance: maintenance)
        let app = Application(
            router: api.router(), configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                print("Rathaus lauscht auf http://\(channel.localAddress?.ipAddress ?? host):\(channel.localAddress?.port ?? port)")
                fflush(nil)
            },
            logger: logger)
        var services: [any Service] = []
        let delivers = !(delivery?.endpoints.isEmpty ?? true)
        if let delivery, delivers {
            services.append(DeliveryService(store: store, configuration: delivery, interval: 1, logger: logger))
        } else {
            logger.notice("no departments in --config: confirmed applications are stored but not delivered (rathaus deliver --config FILE)")
        }
        services.append(CatalogWatcher(live: live, metrics: metrics, checkInterval: serverConfiguration.reloadCheckSeconds, logger: logger))
        services.append(
            MaintenanceWatcher(
                mode: maintenance, store: store, configFile: config.map { URL(fileURLWithPath: $0) },
                checkInterval: serverConfiguration.reloadCheckSeconds > 0 ? serverConfiguration.reloadCheckSeconds : 2, logger: logger))
        services.append(app)
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        logger.info(
            "starting",
            metadata: [
                "intents": "\(catalog.intents.count)", "web_files": "\(web.names.count)",
                "delivery": "\(delivers)", "maintenance": "\(maintenance.message != nil)",
            ])
        try await group.run()
        logger.info("stopped")
    }

    /// The `server:` section of `--config`, or the defaults.
    func loadServerConfiguration() throws -> ServerConfiguration {
        guard let config else { return ServerConfiguration() }
        do {
            return try ServerConfiguration(contentsOf: URL(fileURLWithPath: config))
        } catch {
            StandardError.write("Die Konfiguration \(config) enthält Fehler:\n\(error)\n")
            throw ExitCode(1)
        }
    }
}
