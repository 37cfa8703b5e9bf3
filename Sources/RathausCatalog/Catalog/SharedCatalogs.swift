import Foundation
import Synchronization

/// The shared catalogues towns build on, each read once and kept for every town that names it
/// (`basis:` in `Knowledge/gemeinde.yaml`): 400 towns over one Land's catalogue read its files once.
public final class SharedCatalogs: Sendable {
    private let read = Mutex<[String: CatalogFiles]>([:])

    /// No catalogue read yet.
    public init() {}

    /// The parsed files of the shared catalogue in `directory`, read on first use. Its file names
    /// in problems start with its path, so that a town's check tells the base's files from its own.
    /// A base that names a base of its own is refused: one level keeps a town's facts easy to find.
    func files(at directory: URL) -> CatalogFiles {
        let key = directory.standardizedFileURL.path
        return read.withLock { cache in
            if let files = cache[key] { return files }
            let loader = CatalogLoader(directory: directory, bases: nil, label: key + "/")
            var files = loader.readFiles()
            if let base = files.town?.base {
                let problem = CatalogProblem(
                    code: .invalidValue, file: key + "/" + CatalogLoader.townFile, line: 1,
                    message: "Die Basis '\(key)' baut selbst auf '\(base)' auf.",
                    fix: "Eine Gemeinde baut auf genau einer Basis auf; löschen Sie 'basis' in der Basis.")
                files = CatalogFiles(entries: files.entries, listingProblems: files.listingProblems + [problem])
            }
            cache[key] = files
            return files
        }
    }

    /// Forgets every catalogue read, so that the next town reads its base anew (after a change to it).
    public func forget() {
        read.withLock { $0.removeAll() }
    }
}
