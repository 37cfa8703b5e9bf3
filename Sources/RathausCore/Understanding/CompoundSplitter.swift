/// Splits German compounds into parts the catalogue knows: "hundesteueranmeldung" → hundesteuer + anmeldung.
struct CompoundSplitter: Sendable {
    /// Linking letters allowed between the parts of a compound (Fugenelemente).
    private static let linkingElements = ["", "s", "e", "n", "en", "es", "er"]

    /// Catalogue words and stems of three or more letters that may stand as a part.
    private let parts: Set<String>
    /// Every stem of a catalogue word; the last part may be any word with one of these stems.
    private let knownStems: Set<String>
    private let stems: [String: String]
    private let stemmer: SnowballStemmer

    /// Creates a splitter over the catalogue's words and their stems; stop words and numbers are no parts.
    init(stems: [String: String], stopWords: Set<String>, stemmer: SnowballStemmer) {
        var parts: Set<String> = []
        for (word, stem) in stems where !stopWords.contains(word) && !word.allSatisfy(\.isNumber) {
            if word.count >= 3 { parts.insert(word) }
            if stem.count >= 3 { parts.insert(stem) }
        }
        self.parts = parts
        self.knownStems = Set(stems.values)
        self.stems = stems
        self.stemmer = stemmer
    }

    /// True when `stem` is the stem of some catalogue word.
    func isKnown(stem: String) -> Bool {
        knownStems.contains(stem)
    }

    /// The stem of a word: looked up for catalogue words, else computed.
    func stem(of word: String) -> String {
        stems[word] ?? stemmer.stem(word)
    }

    /// Splits `word` into at least two known parts, with the fewest parts; empty if it is no compound.
    ///
    /// A part is a catalogue word or stem of three or more letters; the last part may also be any
    /// word whose stem is known ("anmeldung"); linking letters may follow a part.
    func split(_ word: String) -> [String] {
        let characters = Array(word)
        let count = characters.count
        guard count >= 6 else { return [] }
        // best[i]: fewest parts covering characters[0..<i], with the parts chosen.
        var best: [[String]?] = Array(repeating: nil, count: count + 1)
        best[0] = []
        for start in 0..<(count - 2) {
            guard let before = best[start] else { continue }
            for end in (start + 3)...count where !(start == 0 && end == count) {
                let piece = String(characters[start..<end])
                guard parts.contains(piece) || (end == count && knownStems.contains(stem(of: piece))) else { continue }
                for link in Self.linkingElements {
                    let next = end + link.count
                    guard next <= count, link.isEmpty || String(characters[end..<next]) == link else { continue }
                    if best[next] == nil || best[next]!.count > before.count + 1 { best[next] = before + [piece] }
                }
            }
        }
        guard let parts = best[count], parts.count >= 2 else { return [] }
        return parts
    }
}
