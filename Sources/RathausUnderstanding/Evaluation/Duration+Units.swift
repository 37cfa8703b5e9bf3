extension Duration {
    /// The duration in microseconds.
    public var microseconds: Double {
        Double(components.seconds) * 1_000_000 + Double(components.attoseconds) / 1_000_000_000_000
    }

    /// The duration in milliseconds.
    public var milliseconds: Double { microseconds / 1_000 }
}
