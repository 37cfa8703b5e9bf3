import RathausCatalog

/// One message of a citizen, analysed once: trimmed, cut to ``maximumLength`` characters, and
/// split into folded words. Understanding, the dialog and answering all read this value instead of
/// trimming and splitting the text again.
///
/// The work per message is bounded: only the first ``maximumWords`` pieces of text between spaces,
/// within the first ``maximumAnalysedScalars`` Unicode scalars, are split into words. A question to
/// the town fits in far less (the longest line of the evaluation and development sets has 43 words
/// in 232 characters); the limit keeps a long text in another script, a wall of emoji or of
/// misspellings from costing more than a question does.
public struct Utterance: Sendable, Hashable {
    /// The longest message analysed, in characters (the web API refuses longer ones; the terminal
    /// and `rathaus ask`/`eval` analyse the first this many characters).
    public static let maximumLength = 1_000
    /// The most pieces of text between spaces that are split into ``words``.
    public static let maximumWords = 64
    /// The most Unicode scalars of the message that are split into ``words``.
    public static let maximumAnalysedScalars = 320

    /// The message as written, trimmed and at most ``maximumLength`` characters long.
    public let text: String
    /// The folded words of ``text``'s analysed beginning (see ``analysedBeginning(of:)`` and
    /// `TextNormalizer.tokens`), in order.
    public let words: [String]
    /// True when the message was longer than ``maximumLength`` and only its beginning was analysed.
    public let wasShortened: Bool
    /// True when ``text`` holds a digit 0-9 ("12.5."): dates, postal codes and amounts are read
    /// from such digits only.
    public let containsNumber: Bool
    /// True when ``text`` holds a question mark.
    public let hasQuestionMark: Bool

    /// Analyses `raw`.
    public init(_ raw: String) {
        let trimmed = raw.trimmed
        // A text has at least as many bytes as characters; only a long one needs its characters counted.
        wasShortened = trimmed.utf8.count > Self.maximumLength && trimmed.count > Self.maximumLength
        text = wasShortened ? String(trimmed.prefix(Self.maximumLength)) : trimmed
        words = TextNormalizer.tokens(String(Self.analysedBeginning(of: text)))
        containsNumber = text.utf8.contains { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        hasQuestionMark = text.unicodeScalars.contains("?")
    }

    /// True when the message holds nothing but white space.
    public var isEmpty: Bool { text.isEmpty }

    /// The beginning of `text` whose words are analysed: up to the end of its ``maximumWords``-th
    /// piece between white space, and within its first ``maximumAnalysedScalars`` scalars, cut at
    /// the last white space there (or, in one long piece, at that scalar). A word never spans white
    /// space, so the words of this beginning are those of the pieces it holds.
    static func analysedBeginning(of text: String) -> Substring {
        var pieces = 0
        var inPiece = false
        var lastSpace: String.Index?
        for (count, index) in text.unicodeScalars.indices.enumerated() {
            let isSpace = isWhitespace(text.unicodeScalars[index])
            if count == maximumAnalysedScalars { return text[..<(isSpace ? index : lastSpace ?? index)] }
            if isSpace { lastSpace = index }
            if !isSpace && !inPiece {
                if pieces == maximumWords { return text[..<index] }
                pieces += 1
            }
            inPiece = !isSpace
        }
        return text[...]
    }

    /// White space as `Unicode.Scalar.Properties.isWhitespace` reads it, without looking up the
    /// properties of ASCII scalars.
    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || ("\t"..."\r").contains(scalar) : scalar.properties.isWhitespace
    }
}
