import Foundation
import RathausCatalog
import RathausDelivery

/// One town served by `rathaus serve --tenants DIR`: its folder in `DIR` with its catalogue (most
/// often laid over a shared one), its own settings and its own data (see `docs/tenants.md`).
public struct Tenant: Sendable {
    /// The file in a town's folder with its settings (`server:`, `departments:`, `database:`), optional.
    public static let configurationFile = "rathaus.yaml"
    /// The town's database when its settings name none, in its folder.
    public static let defaultDatabase = "rathaus.sqlite"

    /// The Amtlicher Gemeindeschlüssel, which chooses the town in the path `/t/{key}/…`.
    public let key: String
    /// The town's name.
    public let name: String
    /// The town's folder.
    public let folder: URL
    /// The town's catalogue, reloaded when its files change.
    public let live: LiveCatalog
    /// The town's `server:` settings: its host names, CORS origins, frame ancestors and rate limit.
    public let configuration: ServerConfiguration
    /// The town's departments and delivery settings (nil: it has no settings file).
    public let delivery: DeliveryConfiguration?
    /// The town's database file.
    public let database: String

    /// The town's host names (from ``configuration``).
    public var hosts: [String] { configuration.hosts }
}
