import Foundation

extension String {
    /// The text without white space and line breaks at either end.
    public var trimmed: String {
        trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
