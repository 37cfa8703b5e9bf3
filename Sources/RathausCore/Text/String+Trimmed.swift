extension String {
    /// The text without white space and line breaks at either end: what
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` gives, without the detour through
    /// Foundation's `NSString` (it runs for every message).
    public var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
