import Foundation

/// The parsed files of one catalogue folder, in the order they are put together, before they are
/// checked together. A town's files are laid over those of the shared catalogue it builds on.
struct CatalogFiles: Sendable {
    /// One file and what its parser read.
    struct Entry: Sendable {
        /// The path relative to the catalogue folder (`Knowledge/hundesteuer.yaml`).
        let file: String
        /// What the file is.
        let kind: CatalogLoader.FileKind
        /// What it held and its problems.
        let content: CatalogLoader.ReadFile
    }

    /// The files, grouped by kind, each kind in the order of its paths.
    let entries: [Entry]
    /// Problems of the folders themselves (a folder missing).
    let listingProblems: [CatalogProblem]

    /// The town of `Knowledge/gemeinde.yaml`, if the folder has one that could be read.
    var town: Town? {
        for entry in entries {
            if case .town(let town, _) = entry.content.content { return town }
        }
        return nil
    }

    /// These files laid over `base`'s: a file with the same path replaces the base's file, and the
    /// base's translations of it go with it (a town that changes a German text must translate it
    /// anew, or its citizens get the German one); every other file adds to the base. The base's
    /// own `gemeinde.yaml` is left out.
    func overlaid(on base: CatalogFiles) -> CatalogFiles {
        let own = Set(entries.map(\.file))
        let kept = base.entries.filter { entry in
            guard !own.contains(entry.file) else { return false }
            if case .town = entry.kind { return false }
            return !own.contains(TranslationCrossCheck.germanFile(of: entry.file))
        }
        // Kinds in their usual order, and within a kind by path, as if all were one folder.
        let order = entries.map(\.kind.order) + kept.map(\.kind.order)
        let merged = zip(order, entries + kept).sorted { ($0.0, $0.1.file) < ($1.0, $1.1.file) }.map(\.1)
        return CatalogFiles(entries: merged, listingProblems: listingProblems + base.listingProblems)
    }
}
