import Foundation
import RathausCatalog
import RathausDialog
import Synchronization

/// The engine (catalogue, matcher, answers) the server answers with. A reload replaces it at once; a
/// catalogue with errors is refused and the running one stays.
public final class LiveCatalog: Sendable {
    /// The folder the catalogue is read from on reload (nil: fixed, never reloaded).
    public let directory: URL?
    /// The shared catalogue the town builds on, when one server serves several towns; its engine is
    /// reused on reload.
    public let base: SharedCatalog?
    private let current: Mutex<ChatEngine>

    /// A live catalogue starting with `engine`; `directory` is where reloads read from, and `base`
    /// the shared catalogue whose engine a town's reload reuses.
    public init(engine: ChatEngine, directory: URL? = nil, base: SharedCatalog? = nil) {
        self.directory = directory
        self.base = base
        current = Mutex(engine)
    }

    /// The catalogue in `directory`, loaded now with its engine in every language (takes a moment:
    /// the matchers are fitted). Throws ``ReloadFailure`` when its files have errors.
    public convenience init(directory: URL) throws {
        self.init(engine: try Self.engine(directory), directory: directory)
    }

    /// A town's live catalogue: the town in `directory` over `base`, loaded now (quick: nothing is
    /// fitted). Throws ``ReloadFailure`` when its files or its base's have errors.
    public convenience init(town directory: URL, base: SharedCatalog) throws {
        self.init(engine: try Self.townEngine(directory, base: base), directory: directory, base: base)
    }

    /// The engine in use now.
    public var engine: ChatEngine { current.withLock { $0 } }

    /// Why a reload was refused.
    public struct ReloadFailure: Error, CustomStringConvertible {
        /// The problems, one per line, with file and line.
        public let description: String
    }

    /// Loads the catalogue from ``directory`` again and puts it in use; throws, keeping the running
    /// one, when the files have errors. Blocking (it builds the matcher).
    @discardableResult
    public func reload() throws -> ChatEngine {
        guard let directory else { throw ReloadFailure(description: "Der Katalog hat kein Verzeichnis zum Neuladen.") }
        let engine = try base.map { try Self.townEngine(directory, base: $0) } ?? Self.engine(directory)
        current.withLock { $0 = engine }
        return engine
    }

    /// The engine of the catalogue in `directory`, in every language.
    private static func engine(_ directory: URL) throws -> ChatEngine {
        let catalog: Catalog
        do {
            catalog = try CatalogLoader(directory: directory).load()
        } catch {
            throw ReloadFailure(description: error.description)
        }
        let engine = try ChatEngine(catalog: catalog)
        engine.prepareLanguages()
        return engine
    }

    /// The engine of the town in `directory`, laid over `base`'s files and sharing its engine.
    private static func townEngine(_ directory: URL, base: SharedCatalog) throws -> ChatEngine {
        let catalog: Catalog
        do {
            catalog = try CatalogLoader(directory: directory, bases: base.files).load()
        } catch {
            throw ReloadFailure(description: error.description)
        }
        let engine = ChatEngine(town: catalog, sharing: base.engine)
        engine.prepareLanguages()
        return engine
    }

    /// A fingerprint of the catalogue files (paths, sizes and modification times under `Intents/` and
    /// `Knowledge/`): it changes when a file is added, removed or saved. A catalogue that builds on
    /// a shared one read on its own (`serve --catalog TOWN`) counts the shared files too; a town
    /// served with its base (`serve --tenants`) only its own, as the base is reloaded by SIGHUP.
    public func fingerprint() -> Int {
        guard let directory else { return 0 }
        var hasher = Hasher()
        var folders = [directory]
        if base == nil, let shared = engine.catalog.town.baseDirectory(from: directory) {
            folders.append(shared)
        }
        for catalogFolder in folders {
            Self.combine(catalogFolder, into: &hasher)
        }
        return hasher.finalize()
    }

    /// Adds the paths, sizes and modification times of the files under `directory`'s `Intents/`
    /// and `Knowledge/` to `hasher`.
    private static func combine(_ directory: URL, into hasher: inout Hasher) {
        for folder in ["Intents", "Knowledge"] {
            let root = directory.appendingPathComponent(folder).path
            guard let paths = try? FileManager.default.subpathsOfDirectory(atPath: root) else { continue }
            for path in paths.sorted() {
                // POSIX stat, not URL.resourceValues: with 400 towns watched every few seconds,
                // resourceValues made about 40 % of the idle server's work (measured with perf).
                var info = stat()
                guard stat(root + "/" + path, &info) == 0 else { continue }
                hasher.combine(path)
                hasher.combine(info.st_size)
                hasher.combine(info.st_mtim.tv_sec)
                hasher.combine(info.st_mtim.tv_nsec)
            }
        }
    }
}
