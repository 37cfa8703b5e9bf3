import Foundation

/// Writes human-readable notes to standard error, away from the JSON on standard output.
enum StandardError {
    /// Writes `text` as it is (add the newline yourself).
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
