/// Splits German compounds into parts the catalogue knows: "hundesteueranmeldung" → hundesteuer + anmeldung.
struct CompoundSplitter: Sendable {
    /// Linking letters allowed between the parts of a compound (Fugenelemente).
    private static let linkingElements: [[UInt8]] = ["", "s", "e", "n", "en", "es", "er"].map { Array($0.utf8) }

    /// Catalogue words and stems of three or more letters that may stand as a part, by the FNV-1a
    /// hash of their bytes, so that trying a piece builds no string.
    private let partNumbers: HashTable
    private let parts: [String]
    /// Every stem of a catalogue word; the last part may be any word with one of these stems.
    private let knownStems: Set<String>
    private let stems: [String: String]
    private let stemmer: SnowballStemmer
    /// The longest part, in bytes: no longer piece of a word can be one.
    private let longestPart: Int
    /// The longest last piece whose stem can be known: the longest known stem plus the most that
    /// the German Snowball stemmer strips ("ern" + "est" + "lichkeit", 14 letters, rounded up).
    private let longestLastPiece: Int

    /// Creates a splitter over the catalogue's words and their stems; stop words and numbers are no parts.
    init(stems: [String: String], stopWords: Set<String>, stemmer: SnowballStemmer) {
        var parts: [UInt64: String] = [:]
        for (word, stem) in stems where !stopWords.contains(word) && !word.allSatisfy(\.isNumber) {
            for part in [word, stem] where part.count >= 3 {
                parts[Self.hash(Array(part.utf8)[...])] = part
            }
        }
        let numbered = Array(parts)
        self.partNumbers = HashTable(numbered.enumerated().map { (key: $0.element.key, value: Int32($0.offset)) })
        self.parts = numbered.map(\.value)
        self.longestPart = numbered.map(\.value.utf8.count).max() ?? 0
        self.longestLastPiece = (stems.values.map(\.utf8.count).max() ?? 0) + 16
        self.knownStems = Set(stems.values)
        self.stems = stems
        self.stemmer = stemmer
    }

    /// True when `bytes` spell a part the splitter knows (a catalogue word or stem of three or more
    /// letters), found without building a string.
    func isPart(_ bytes: ArraySlice<UInt8>) -> Bool {
        partNumbers[Self.hash(bytes)].map { parts[Int($0)].utf8.elementsEqual(bytes) } ?? false
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
    /// word whose stem is known ("anmeldung"); linking letters may follow a part. No piece longer
    /// than the longest part (or, at the end, the longest last piece) is tried, so the work grows
    /// with the word's length times that bound, not with its square.
    func split(_ word: String) -> [String] {
        let bytes = Array(word.utf8)
        let count = bytes.count
        guard count >= 6 else { return [] }
        // best[i]: the fewest parts covering bytes[0..<i], with the last part and where it starts.
        var best: [(parts: Int, piece: String, start: Int)?] = Array(repeating: nil, count: count + 1)
        best[0] = (0, "", 0)
        for start in 0..<(count - 2) {
            guard let before = best[start] else { continue }
            var hash = Self.offsetBasis
            let farthest = min(count, start + max(longestPart, longestLastPiece))
            for end in (start + 1)...farthest {
                hash = Self.extend(hash, bytes[end - 1])
                guard end >= start + 3, !(start == 0 && end == count) else { continue }
                var piece: String?
                if end - start <= longestPart {
                    piece = partNumbers[hash].map { parts[Int($0)] }.flatMap { $0.utf8.elementsEqual(bytes[start..<end]) ? $0 : nil }
                }
                if piece == nil, end == count, end - start <= longestLastPiece {
                    let last = String(decoding: bytes[start..<end], as: UTF8.self)
                    if knownStems.contains(stem(of: last)) { piece = last }
                }
                guard let piece else { continue }
                for link in Self.linkingElements {
                    let next = end + link.count
                    guard next <= count, bytes[end..<next].elementsEqual(link) else { continue }
                    if best[next] == nil || best[next]!.parts > before.parts + 1 { best[next] = (before.parts + 1, piece, start) }
                }
            }
        }
        guard let last = best[count], last.parts >= 2 else { return [] }
        var pieces: [String] = []
        var position = count
        while position > 0, let step = best[position] {
            pieces.append(step.piece)
            position = step.start
        }
        return pieces.reversed()
    }

    private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// One FNV-1a step.
    private static func extend(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    /// FNV-1a hash of `bytes`.
    private static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reduce(offsetBasis, extend)
    }
}
