extension Duration {
    /// The duration in milliseconds.
    var milliseconds: Double { microseconds / 1_000 }

    /// The duration in microseconds.
    var microseconds: Double {
        let parts = components
        return Double(parts.seconds) * 1_000_000 + Double(parts.attoseconds) / 1_000_000_000_000
    }
}
