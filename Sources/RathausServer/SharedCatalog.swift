import Foundation
import RathausCatalog
import RathausDialog
import Synchronization

/// A shared catalogue that towns build on (`basis:` in their `Knowledge/gemeinde.yaml`) and the
/// engine built for it once: every town over it reuses its matchers and its parsed files.
public final class SharedCatalog: Sendable {
    /// The shared catalogue's folder.
    public let directory: URL
    /// Its parsed files, which every town's catalogue is laid over.
    public let files: SharedCatalogs
    private let current: Mutex<ChatEngine>

    /// Loads the catalogue in `directory` and builds its engine in every language (takes a moment:
    /// the matchers are fitted). Throws ``LiveCatalog/ReloadFailure`` when the files have errors.
    public init(directory: URL) throws {
        self.directory = directory.standardizedFileURL
        files = SharedCatalogs()
        current = Mutex(try Self.engine(in: self.directory))
    }

    /// The engine in use now.
    public var engine: ChatEngine { current.withLock { $0 } }

    /// Reads the catalogue again and builds its engine; the towns over it must be reloaded after
    /// this (``LiveCatalog/reload()``). Throws, keeping the running one, when the files have errors.
    public func reload() throws {
        let engine = try Self.engine(in: directory)
        files.forget()
        current.withLock { $0 = engine }
    }

    private static func engine(in directory: URL) throws -> ChatEngine {
        let catalog: Catalog
        do {
            catalog = try CatalogLoader(directory: directory).load()
        } catch {
            throw LiveCatalog.ReloadFailure(description: error.description)
        }
        let engine = try ChatEngine(catalog: catalog)
        engine.prepareLanguages()
        return engine
    }
}
