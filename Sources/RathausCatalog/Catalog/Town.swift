/// The town itself, read from `Knowledge/gemeinde.yaml`: its name and its Land, which decides the
/// public holidays on which its departments are closed.
public struct Town: Sendable, Hashable {
    /// The town used when a catalogue has no `gemeinde.yaml`.
    public static let standard = Town(name: "Musterstadt", land: "DE-NW")

    /// The town's name.
    public let name: String
    /// The ISO 3166-2 code of its Land ("DE-NW").
    public let land: String

    /// Creates a town.
    public init(name: String, land: String) {
        self.name = name
        self.land = land
    }
}
