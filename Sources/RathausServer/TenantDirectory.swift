import Foundation
import RathausCatalog
import RathausDelivery
import RathausStore
import Synchronization

/// Reads every town of a tenants folder (`rathaus serve --tenants DIR`): each subfolder with a
/// `Knowledge/gemeinde.yaml` is a town. The shared catalogues the towns build on are loaded once
/// each, and the towns over them reuse their matchers.
public enum TenantDirectory {
    /// Everything wrong with the folder: one line per problem, with file and line where known.
    public struct Problems: Error, CustomStringConvertible, Sendable {
        /// The problems.
        public let lines: [String]
        /// The lines, joined.
        public var description: String { lines.joined(separator: "\n") }
    }

    /// Loads every town in `directory`, in the order of their folders; throws ``Problems`` listing
    /// every problem of every town (a town with errors is never served half). `defaults` (from
    /// `serve --config`) are every town's `server:` settings where its own `rathaus.yaml` has none,
    /// but for `hosts`, which are each town's own.
    public static func load(_ directory: URL, defaults: ServerConfiguration = ServerConfiguration()) throws(Problems) -> [Tenant] {
        var shared = defaults
        shared.hosts = []
        let defaults = shared
        let folders = townFolders(in: directory)
        guard !folders.isEmpty else {
            throw Problems(lines: ["\(directory.path): Kein Unterordner enthält Knowledge/gemeinde.yaml; jede Gemeinde braucht einen eigenen Ordner."]
            )
        }
        let bases = Mutex<[String: SharedBase]>([:])
        let results = ParallelWork.map(count: folders.count) { number in
            load(town: folders[number], bases: bases, defaults: defaults)
        }
        var tenants: [Tenant] = [], problems: [String] = []
        for result in results {
            switch result {
            case .success(let tenant): tenants.append(tenant)
            case .failure(let failure): problems += failure.lines
            }
        }
        problems += conflicts(among: tenants)
        // A broken base is reported by every town over it; once is enough.
        var seen: Set<String> = []
        problems = problems.filter { seen.insert($0).inserted }
        guard problems.isEmpty else { throw Problems(lines: problems) }
        return tenants
    }

    /// The subfolders of `directory` that hold a town, sorted by name.
    static func townFolders(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().filter { !$0.hasPrefix(".") }.map { directory.appendingPathComponent($0, isDirectory: true) }
            .filter { FileManager.default.fileExists(atPath: $0.appendingPathComponent("Knowledge/gemeinde.yaml").path) }
    }

    /// One town: its settings, its catalogue over its base (loaded once for all towns), its key.
    private static func load(
        town folder: URL, bases: borrowing Mutex<[String: SharedBase]>, defaults: ServerConfiguration
    ) -> Result<Tenant, Problems> {
        let name = folder.lastPathComponent
        var problems: [String] = []
        var configuration = defaults, delivery: DeliveryConfiguration?
        let settings = folder.appendingPathComponent(Tenant.configurationFile)
        if FileManager.default.fileExists(atPath: settings.path) {
            do {
                configuration = try ServerConfiguration(contentsOf: settings, defaults: defaults)
                delivery = try DeliveryConfiguration(contentsOf: settings, requiresDepartments: false)
            } catch {
                problems += "\(error)".split(separator: "\n").map { "\(name)/\($0)" }
            }
        }
        let live: LiveCatalog
        do {
            if let baseFolder = CatalogLoader(directory: folder).town()?.baseDirectory(from: folder) {
                // The first town over a base loads it; the others wait for it and reuse it.
                let shared = bases.withLock { loaded in
                    if let known = loaded[baseFolder.path] { return known }
                    let base: SharedBase
                    do {
                        base = .loaded(try SharedCatalog(directory: baseFolder))
                    } catch {
                        base = .failed("\(error)")
                    }
                    loaded[baseFolder.path] = base
                    return base
                }
                switch shared {
                case .loaded(let catalog): live = try LiveCatalog(town: folder, base: catalog)
                case .failed(let problems): throw LiveCatalog.ReloadFailure(description: problems)
                }
            } else {
                live = try LiveCatalog(directory: folder)
            }
        } catch {
            let lines = "\(error)".split(separator: "\n").map { $0.hasPrefix("/") ? String($0) : "\(name)/\($0)" }
            return .failure(Problems(lines: problems + lines))
        }
        let town = live.engine.catalog.town
        guard let key = town.key else {
            problems.append("\(name)/Knowledge/gemeinde.yaml:1: Der Gemeindeschlüssel fehlt. Tragen Sie 'gemeindeschluessel: \"…\"' ein (8 Ziffern).")
            return .failure(Problems(lines: problems))
        }
        guard problems.isEmpty else { return .failure(Problems(lines: problems)) }
        // A PostgreSQL URL as written (each town its own database: the tables are not split by town),
        // a file relative to the town's folder.
        let configured = delivery?.database.map {
            ConversationStore.isPostgreSQL($0) || $0.hasPrefix("/") ? $0 : folder.appendingPathComponent($0).path
        }
        let database = configured ?? folder.appendingPathComponent(Tenant.defaultDatabase).path
        return .success(
            Tenant(key: key, name: town.name, folder: folder, live: live, configuration: configuration, delivery: delivery, database: database))
    }

    /// A shared catalogue as the first town over it found it: loaded, or its problems.
    private enum SharedBase: Sendable {
        case loaded(SharedCatalog)
        case failed(String)
    }

    /// Two towns with the same key, host name or database.
    private static func conflicts(among tenants: [Tenant]) -> [String] {
        var problems: [String] = []
        var keys: [String: String] = [:], hosts: [String: String] = [:], databases: [String: String] = [:]
        for tenant in tenants {
            let folder = tenant.folder.lastPathComponent
            if let other = keys.updateValue(folder, forKey: tenant.key) {
                problems.append("\(folder)/Knowledge/gemeinde.yaml: Der Gemeindeschlüssel \(tenant.key) gehört schon zu \(other).")
            }
            for host in tenant.hosts {
                if let other = hosts.updateValue(folder, forKey: host) {
                    problems.append("\(folder)/\(Tenant.configurationFile): Der Hostname \(host) gehört schon zu \(other).")
                }
            }
            let database =
                ConversationStore.isPostgreSQL(tenant.database) ? tenant.database : URL(fileURLWithPath: tenant.database).standardizedFileURL.path
            if let other = databases.updateValue(folder, forKey: database) {
                problems.append(
                    "\(folder)/\(Tenant.configurationFile): Die Datenbank \(ConversationStore.shownLocation(tenant.database)) gehört schon zu \(other)."
                )
            }
        }
        return problems
    }
}
