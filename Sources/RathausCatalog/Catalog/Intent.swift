/// Something a citizen can mean, read from a file in `Intents/`.
///
/// A service intent shares its id with a knowledge entry and is answered from it; a conversational
/// intent (greeting, thanks, …) carries its own answer text instead.
public struct Intent: Sendable, Hashable, Codable {
    /// Stable id.
    public let id: String
    /// Example utterances, as citizens write them.
    public let examples: [String]
    /// An answer template for intents without a knowledge entry; may contain placeholders such as
    /// `{hauptamt.telefon}`.
    public let answer: String?
    /// Where the intent was defined, for messages to staff.
    public let source: SourceLocation

    /// Creates an intent.
    public init(id: String, examples: [String], answer: String? = nil, source: SourceLocation) {
        self.id = id
        self.examples = examples
        self.answer = answer
        self.source = source
    }
}

/// A file and line in the catalogue.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Path relative to the catalogue directory.
    public let file: String
    /// Line, starting at 1.
    public let line: Int

    /// Creates a location.
    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    /// `file:line`.
    public var description: String { "\(file):\(line)" }
}
