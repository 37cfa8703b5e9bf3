/// Finds the vocabulary words within a small Damerau-Levenshtein distance of a misspelt word.
///
/// Symmetric-delete index (as in SymSpell): every vocabulary word is stored under itself and under
/// each form with one letter deleted; a query looks up its own forms with up to two letters deleted
/// and verifies each candidate with the true distance. Lookup costs a few dozen hash probes instead of
/// a scan of the vocabulary.
public struct TypoIndex: Sendable {
    private var candidates: [String: [Int32]] = [:]
    private let words: [String]
    private let frequencies: [Int]

    /// Builds the index over `words` (with how often each occurs in the catalogue, to break ties).
    public init(words: [String: Int]) {
        let sorted = words.keys.sorted()
        self.words = sorted
        self.frequencies = sorted.map { words[$0]! }
        for (index, word) in sorted.enumerated() where word.count >= 4 {
            let characters = Array(word)
            candidates[word, default: []].append(Int32(index))
            for position in characters.indices {
                var deleted = characters
                deleted.remove(at: position)
                candidates[String(deleted), default: []].append(Int32(index))
            }
        }
    }

    /// The edits allowed for a word of this length: none up to 3 letters, one up to 7, then two.
    public static func allowedDistance(forLength length: Int) -> Int {
        switch length {
        case ..<4: 0
        case 4...7: 1
        default: 2
        }
    }

    /// The closest vocabulary word within the allowed distance, preferring the more frequent one.
    public func correction(for word: String) -> String? {
        let characters = Array(word)
        let limit = Self.allowedDistance(forLength: characters.count)
        guard limit > 0 else { return nil }
        var forms: Set<String> = [word]
        var frontier: [[Character]] = [characters]
        for _ in 0..<limit {
            var next: [[Character]] = []
            for form in frontier where form.count > 3 {
                for position in form.indices {
                    var deleted = form
                    deleted.remove(at: position)
                    if forms.insert(String(deleted)).inserted { next.append(deleted) }
                }
            }
            frontier = next
        }
        var best: (index: Int, distance: Int)?
        var checked: Set<Int32> = []
        for form in forms {
            guard let found = candidates[form] else { continue }
            for index in found where checked.insert(index).inserted {
                let candidate = words[Int(index)]
                let distance = EditDistance.damerauLevenshtein(characters, Array(candidate))
                guard distance <= limit, distance <= Self.allowedDistance(forLength: candidate.count) else { continue }
                // Smallest distance first, then the more frequent word, then the alphabetically first.
                let key = (distance, -frequencies[Int(index)], Int(index))
                if let current = best, (current.distance, -frequencies[current.index], current.index) <= key { continue }
                best = (Int(index), distance)
            }
        }
        return best.map { words[$0.index] }
    }
}
