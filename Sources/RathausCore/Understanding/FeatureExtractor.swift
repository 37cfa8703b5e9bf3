/// Turns normalised words into the weighted features the matcher compares: whole words and the
/// character n-grams of each word, so that inflections, compounds and typos still share features.
public struct FeatureExtractor: Sendable {
    /// Weight of a whole-word feature relative to one character n-gram.
    public var wordWeight: Double = 3
    /// Lengths of the character n-grams taken from each word (with `<` and `>` marking its ends).
    public var gramLengths: ClosedRange<Int> = 3...5

    /// Words that carry no meaning for telling services apart.
    public static let stopWords: Set<String> = [
        "a", "ab", "also", "am", "an", "auch", "auf", "aus", "bei", "bin", "bis", "bitte", "da", "dann", "das",
        "dass", "dem", "den", "der", "des", "die", "dir", "doch", "du", "ein", "eine", "einem", "einen", "einer",
        "er", "es", "fur", "gibt", "hab", "habe", "haben", "hat", "hier", "ich", "ihr", "im", "in", "ist", "ja",
        "jetzt", "kann", "konnen", "konnte", "man", "mal", "mein", "meine", "meinem", "meinen", "meiner", "mich", "mir",
        "mit", "muss", "nen", "noch", "nur", "oder", "schon", "sein", "sich", "sie", "sind", "so", "und", "uns",
        "von", "vom", "was", "welche", "welcher", "wie", "wir", "wo", "zu", "zum", "zur", "ne", "n", "mochte",
        "wurde", "gerne", "gern", "eigentlich", "denn", "einfach", "brauch", "brauche", "will", "wollen",
    ]

    /// Creates an extractor with the default weights.
    public init() {}

    /// Features of `text` with their weights (term frequency scaled by kind).
    public func features(of text: String) -> [String: Double] {
        var result: [String: Double] = [:]
        let words = TextNormalizer.tokens(text)
        let meaningful = words.filter { !Self.stopWords.contains($0) }
        // "bis dann" is only stop words, and still means something: then keep them all.
        for word in meaningful.isEmpty ? words : meaningful {
            result["w:" + word, default: 0] += wordWeight
            let marked = Array("<" + word + ">")
            for length in gramLengths where marked.count >= length {
                for start in 0...(marked.count - length) {
                    result["g:" + String(marked[start..<(start + length)]), default: 0] += 1
                }
            }
        }
        return result
    }
}
