import Foundation
import RathausCatalog
import RathausDialog
import Synchronization

/// The engine (catalogue, matcher, answers) the server answers with. A reload replaces it at once; a
/// catalogue with errors is refused and the running one stays.
public final class LiveCatalog: Sendable {
    /// The folder the catalogue is read from on reload (nil: fixed, never reloaded).
    public let directory: URL?
    private let current: Mutex<ChatEngine>

    /// A live catalogue starting with `engine`; `directory` is where reloads read from.
    public init(engine: ChatEngine, directory: URL? = nil) {
        self.directory = directory
        current = Mutex(engine)
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
        let catalog: Catalog
        do {
            catalog = try CatalogLoader(directory: directory).load()
        } catch {
            throw ReloadFailure(description: error.description)
        }
        let engine = try ChatEngine(catalog: catalog)
        engine.prepareLanguages()
        current.withLock { $0 = engine }
        return engine
    }

    /// A fingerprint of the catalogue files (paths, sizes and modification times under `Intents/` and
    /// `Knowledge/`): it changes when a file is added, removed or saved.
    public func fingerprint() -> Int {
        guard let directory else { return 0 }
        var hasher = Hasher()
        for folder in ["Intents", "Knowledge"] {
            let root = directory.appendingPathComponent(folder)
            let keys: [URLResourceKey] = [.contentModificationDateKey, .fileSizeKey]
            guard let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: keys) else { continue }
            var entries: [(String, Double, Int)] = []
            for case let url as URL in files {
                let values = try? url.resourceValues(forKeys: Set(keys))
                entries.append((url.path, values?.contentModificationDate?.timeIntervalSince1970 ?? 0, values?.fileSize ?? 0))
            }
            for entry in entries.sorted(by: { $0.0 < $1.0 }) {
                hasher.combine(entry.0)
                hasher.combine(entry.1)
                hasher.combine(entry.2)
            }
        }
        return hasher.finalize()
    }
}
