import RathausCatalog

/// Finds the vocabulary words within a small Damerau-Levenshtein distance of a misspelt word.
///
/// Symmetric-delete index (as in SymSpell): every vocabulary word is stored under itself and under
/// each form with one letter deleted; a query looks up its own forms with up to two letters deleted
/// (and, for a swap with one more slip, with a swap undone and up to one letter deleted) and
/// verifies each candidate with the true distance. Runs of one letter are squeezed to one first,
/// in words and queries alike, so a doubled or tripled letter ("hhausnnummerr") costs nothing; the
/// unsqueezed distance only breaks ties. Forms are never built as strings: each is keyed by a
/// 64-bit hash put together from the word's prefix hashes in constant time (``FormHasher``), so a
/// lookup costs a few hundred hash probes at most and no allocation per form. A hash collision can
/// only add a candidate, which the distance check then rejects.
public struct TypoIndex: Sendable {
    /// The number of the candidate list of each form's hash.
    private let forms: HashTable
    /// Lists of vocabulary word numbers, one per form hash.
    private let candidates: FlatLists<Int32>
    private let words: [String]
    private let wordBytes: [[UInt8]]
    private let frequencies: [Int]
    /// The longest indexed word, in bytes with runs squeezed.
    private let longestWord: Int
    /// Every byte that occurs in an indexed word.
    private let knownBytes: Set<UInt8>

    /// Builds the index over `words` (with how often each occurs in the catalogue, to break ties).
    public init(words: [String: Int]) {
        let sorted = words.keys.sorted()
        self.words = sorted
        self.wordBytes = sorted.map { Self.squeezed(Array($0.utf8)) }
        self.frequencies = sorted.map { words[$0]! }
        var builder = FlatLists<Int32>.KeyedBuilder()
        var keys: [UInt64] = []
        for (index, bytes) in wordBytes.enumerated() where sorted[index].utf8.count >= 4 {
            let hasher = FormHasher(bytes)
            keys.removeAll(keepingCapacity: true)
            keys.append(hasher.whole)
            for position in bytes.indices {
                let key = hasher.skipping(position)
                if !keys.contains(key) { keys.append(key) }
            }
            for key in keys { builder.add(Int32(index), under: key) }
        }
        (forms, candidates) = builder.build()
        let squeezedWords = wordBytes
        let indexed = squeezedWords.indices.filter { sorted[$0].utf8.count >= 4 }.map { squeezedWords[$0] }
        self.longestWord = indexed.reduce(0) { max($0, $1.count) }
        self.knownBytes = Set(indexed.joined())
    }

    /// False when no word made of `parts` pieces, each an indexed word with at most `distance` edits,
    /// can be `word`; then there is no need to search. A word is too long when, squeezed, it has
    /// more bytes than `parts` of the longest word plus the edits; and each byte that occurs in no
    /// indexed word costs an edit (a letter of a script the catalogue does not use, an emoji).
    /// This bounds a search's work by the catalogue's longest word, never by the length of a message.
    public func mayCorrect(_ word: String, parts: Int = 1, distance: Int) -> Bool {
        Self.mayCorrect(Self.squeezed(Array(word.utf8)), parts: parts, distance: distance, longestWord: longestWord, knownBytes: knownBytes)
    }

    private static func mayCorrect(_ squeezed: [UInt8], parts: Int, distance: Int, longestWord: Int, knownBytes: Set<UInt8>) -> Bool {
        guard squeezed.count <= parts * (longestWord + distance) else { return false }
        var unknown = 0
        for byte in squeezed where !knownBytes.contains(byte) {
            unknown += 1
            if unknown > parts * distance { return false }
        }
        return true
    }

    /// Up to this length a typed word is corrected only for dropped, doubled and swapped letters: a
    /// substituted letter counts twice. Short real words differ from each other by one letter
    /// ("welt", "weit"; "fast", "fest"), while slips in short words are mostly of the other kinds.
    public static let swapsOnlyLength = 6

    /// The edits allowed for a word of this length: none up to 3 letters, one up to 7, then two.
    public static func allowedDistance(forLength length: Int) -> Int {
        switch length {
        case ..<4: 0
        case 4...7: 1
        default: 2
        }
    }

    /// The closest vocabulary word within the allowed distance (and at most `maximumDistance`),
    /// preferring the more frequent one.
    public func correction(for word: String, maximumDistance: Int = .max) -> String? {
        let original = Array(word.utf8)
        let bytes = Self.squeezed(original)
        // The search reaches as far as the typed word's length allows; each candidate is then held
        // to what its own length allows.
        let limit = min(maximumDistance, Self.allowedDistance(forLength: original.count))
        guard limit > 0,
            Self.mayCorrect(bytes, parts: 1, distance: limit, longestWord: longestWord, knownBytes: knownBytes)
        else { return nil }
        let substitutionCost = original.count <= Self.swapsOnlyLength ? 2 : 1
        var closest: [Int] = []
        var closestDistance = limit + 1
        // Words already measured; few, so a list is quicker than a set.
        var checked: [Int32] = []
        // Verifies every word stored under the form `key`, keeping the closest.
        func consider(_ key: UInt64) {
            guard let list = forms[key] else { return }
            for index in candidates[Int(list)] where !checked.contains(index) {
                checked.append(index)
                let distance = EditDistance.damerauLevenshtein(
                    bytes, wordBytes[Int(index)], limit: min(limit, closestDistance),
                    substitutionCost: substitutionCost)
                guard distance <= limit, distance <= closestDistance,
                    distance <= Self.allowedDistance(forLength: words[Int(index)].utf8.count)
                else { continue }
                if distance < closestDistance { closest.removeAll() }
                closestDistance = distance
                closest.append(Int(index))
            }
        }
        // The query's forms with up to one letter deleted find every word within one edit; only
        // when there is none do the forms with two letters deleted come in.
        let hasher = FormHasher(bytes)
        consider(hasher.whole)
        for position in bytes.indices { consider(hasher.skipping(position)) }
        if closestDistance > 1, limit >= 2, bytes.count > 4 {
            for form in hasher.skippingTwoForms() { consider(form) }
            // Two deletions cannot undo a swap together with another slip ("blgaubigte" for
            // "beglaubigte"): each swap of neighbours is undone in turn, then one letter more
            // (deleting one of the swapped pair gives a form already tried above).
            let swaps = bytes.indices.dropLast().filter { bytes[$0] != bytes[$0 + 1] }
            for form in hasher.swappedForms(at: swaps) { consider(form) }
        }
        // Among the closest: the smallest unsqueezed distance, then the more frequent word, then
        // the alphabetically first (the lowest number).
        // Each candidate's unsqueezed distance is computed once, not once per comparison, and
        // not at all when there is only one.
        if closest.count == 1 { return words[closest[0]] }
        let best =
            closest
            .map { (exact: EditDistance.damerauLevenshtein(original, Array(words[$0].utf8)), index: $0) }
            .min { ($0.exact, -frequencies[$0.index], $0.index) < ($1.exact, -frequencies[$1.index], $1.index) }
        return best.map { words[$0.index] }
    }

    /// `bytes` with every run of one letter squeezed to a single letter.
    private static func squeezed(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        for byte in bytes where byte != result.last { result.append(byte) }
        return result
    }
}
