import Foundation
import Hummingbird
import Logging
import RathausStore

/// One town of `serve --tenants` ready to answer: its API over its own store, its metrics and its
/// maintenance switch, assembled from a ``Tenant``.
public struct ServedTown: Sendable {
    /// The town as read from its folder.
    public let tenant: Tenant
    /// The town's own database.
    public let store: ConversationStore
    /// The town's API (its rate limit, CORS origins and department secrets are its own).
    public let api: ChatAPI
    /// The town's counters, at `/t/{key}/metrics`.
    public let metrics: ServerMetrics
    /// The town's maintenance switch.
    public let maintenance: MaintenanceMode
    /// The server's logger with the town's key in every line (`"town"`).
    public let logger: Logger

    /// Opens `tenant`'s store and builds its API, serving the pages in `web` and logging with the
    /// town's key; conversations are kept `retentionDays` days.
    public init(_ tenant: Tenant, web: StaticFiles?, retentionDays: Int, logger: Logger) throws {
        var townLogger = logger
        townLogger[metadataKey: "town"] = "\(tenant.key)"
        self.logger = townLogger
        self.tenant = tenant
        store = try ConversationStore(path: tenant.database)
        metrics = ServerMetrics()
        maintenance = MaintenanceMode(
            configured: tenant.configuration.maintenance,
            switched: try store.maintenanceSwitch().map { ServerConfiguration.Maintenance(message: $0.message) })
        api = ChatAPI(
            live: tenant.live, store: store, retentionDays: retentionDays, configuration: tenant.configuration,
            metrics: metrics, web: web, logger: townLogger,
            departmentSecrets: tenant.delivery?.endpoints.mapValues(\.secrets) ?? [:], maintenance: maintenance)
    }

    /// The routers of `towns` behind one ``TenantRouter``.
    public static func router(_ towns: [ServedTown]) -> TenantRouter<RouterResponder<RathausRequestContext>> {
        TenantRouter(towns: towns.map { ($0.tenant.key, $0.tenant.hosts, $0.api.router().buildResponder()) })
    }
}
