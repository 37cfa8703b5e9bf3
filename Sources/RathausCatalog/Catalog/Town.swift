import Foundation

/// The town itself, read from `Knowledge/gemeinde.yaml`: its name and its Land, which decides the
/// public holidays on which its departments are closed; for a town that builds on a shared
/// catalogue, also that catalogue, its Amtlicher Gemeindeschlüssel and the shared services it
/// does not offer (see `docs/tenants.md`).
public struct Town: Sendable, Hashable {
    /// The town used when a catalogue has no `gemeinde.yaml`.
    public static let standard = Town(name: "Musterstadt", land: "DE-NW")

    /// The town's name.
    public let name: String
    /// The ISO 3166-2 code of its Land ("DE-NW").
    public let land: String
    /// The folder of the shared catalogue this one builds on (`basis:`), as written, relative to
    /// the town's folder; nil for a catalogue of its own.
    public let base: String?
    /// The Amtlicher Gemeindeschlüssel, eight digits (`gemeindeschluessel:`); it names the town
    /// in the path `/t/{key}/…` when one server serves several towns.
    public let key: String?
    /// Services of the shared catalogue the town does not offer (`nicht_angeboten:`).
    public let withdrawn: Set<String>

    /// The folder of the shared catalogue for a town whose catalogue is in `directory` (``base``
    /// is relative to it unless it starts with `/`); nil for a catalogue of its own.
    public func baseDirectory(from directory: URL) -> URL? {
        guard let base else { return nil }
        let url = base.hasPrefix("/") ? URL(fileURLWithPath: base, isDirectory: true) : directory.appendingPathComponent(base, isDirectory: true)
        return url.standardizedFileURL
    }

    /// Creates a town.
    public init(name: String, land: String, base: String? = nil, key: String? = nil, withdrawn: Set<String> = []) {
        self.name = name
        self.land = land
        self.base = base
        self.key = key
        self.withdrawn = withdrawn
    }
}
