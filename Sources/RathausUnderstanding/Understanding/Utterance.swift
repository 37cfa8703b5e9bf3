import RathausCatalog

/// One message of a citizen, analysed once: trimmed, cut to ``maximumLength`` characters, and
/// split into folded words. Understanding, the dialog and answering all read this value instead of
/// trimming and splitting the text again.
public struct Utterance: Sendable, Hashable {
    /// The longest message analysed, in characters (the web API refuses longer ones; the terminal
    /// and `rathaus ask`/`eval` analyse the first this many characters).
    public static let maximumLength = 1_000

    /// The message as written, trimmed and at most ``maximumLength`` characters long.
    public let text: String
    /// The folded words of ``text`` (see `TextNormalizer.tokens`), in order.
    public let words: [String]
    /// True when the message was longer than ``maximumLength`` and only its beginning was analysed.
    public let wasShortened: Bool

    /// Analyses `raw`.
    public init(_ raw: String) {
        let trimmed = raw.trimmed
        wasShortened = trimmed.count > Self.maximumLength
        text = wasShortened ? String(trimmed.prefix(Self.maximumLength)) : trimmed
        words = TextNormalizer.tokens(text)
    }

    /// True when the message holds nothing but white space.
    public var isEmpty: Bool { text.isEmpty }
}
