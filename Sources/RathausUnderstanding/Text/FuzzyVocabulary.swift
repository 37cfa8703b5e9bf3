/// Finds the vocabulary word that shares the most letter trigrams with a badly misspelt word.
///
/// The fallback after ``TypoIndex``: a long word with more slips than the edit distance allows
/// ("btrreuungslpatz") still keeps most of its trigrams in place. Similarity is the Dice
/// coefficient of the two words' trigram sets (with `<` and `>` marking the ends); a word counts as
/// the same only from ``minimumSimilarity`` on, so real words the catalogue does not know stay
/// unknown. Trigrams are kept as 64-bit hashes in an inverted index, so lookup builds no strings.
public struct FuzzyVocabulary: Sendable {
    /// Words shorter than this are never matched: too few trigrams to tell a slip from another word.
    public static let minimumLength = 7
    /// Dice similarity from which two words count as the same.
    public static let minimumSimilarity = 0.5

    private let words: [String]
    private let trigramCounts: [Int32]
    /// The most trigrams of any indexed word.
    private let mostTrigrams: Int
    /// The number of the posting list of each trigram hash.
    private let trigramLists: HashTable
    /// Lists of vocabulary word numbers, one per trigram.
    private let postings: FlatLists<Int32>

    /// Indexes every word of at least ``minimumLength`` letters.
    public init(words vocabulary: some Sequence<String>) {
        let words = vocabulary.filter { $0.utf8.count >= Self.minimumLength }.sorted()
        var counts: [Int32] = []
        var builder = FlatLists<Int32>.KeyedBuilder()
        for (index, word) in words.enumerated() {
            let trigrams = Self.trigrams(of: word)
            counts.append(Int32(trigrams.count))
            for trigram in trigrams { builder.add(Int32(index), under: trigram) }
        }
        (trigramLists, postings) = builder.build()
        self.words = words
        self.trigramCounts = counts
        self.mostTrigrams = Int(counts.max() ?? 0)
    }

    /// The most similar vocabulary word, if one reaches ``minimumSimilarity`` (ties: alphabetically first).
    public func nearest(to word: String) -> String? {
        guard word.utf8.count >= Self.minimumLength else { return nil }
        let trigrams = Self.trigrams(of: word)
        let lists = trigrams.compactMap { trigramLists[$0] }
        // No word can reach the similarity needed when too few of the trigrams occur in the
        // vocabulary at all (another script, emoji) or when the word has far more trigrams than any
        // vocabulary word (a very long word): with s shared trigrams the similarity is at most
        // 2s / (trigrams + s), and s is at most the found trigrams and the most of any word.
        let mostShared = min(lists.count, mostTrigrams)
        guard 2 * Double(mostShared) / Double(trigrams.count + mostShared) >= Self.minimumSimilarity else { return nil }
        // Shared trigrams per vocabulary word, counted in a dense array; only touched words are read.
        var shared = [UInt16](repeating: 0, count: words.count)
        var touched: [Int32] = []
        touched.reserveCapacity(256)
        shared.withUnsafeMutableBufferPointer { shared in
            for list in lists {
                for index in postings[Int(list)] {
                    if shared[Int(index)] == 0 { touched.append(index) }
                    shared[Int(index)] &+= 1
                }
            }
        }
        var best: (index: Int32, similarity: Double)?
        for index in touched {
            let similarity = 2 * Double(shared[Int(index)]) / Double(Int(trigramCounts[Int(index)]) + trigrams.count)
            if let current = best, current.similarity > similarity || (current.similarity == similarity && current.index < index) { continue }
            best = (index, similarity)
        }
        guard let best, best.similarity >= Self.minimumSimilarity else { return nil }
        return words[Int(best.index)]
    }

    /// The distinct trigram hashes of `word` with its ends marked.
    private static func trigrams(of word: String) -> [UInt64] {
        let bytes = [UInt8(ascii: "<")] + Array(word.utf8) + [UInt8(ascii: ">")]
        var result: [UInt64] = []
        for start in 0...(bytes.count - 3) {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes[start..<(start + 3)] { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            result.append(hash)
        }
        // Sorted to drop repeats in n log n steps also for a very long word; the order is not used.
        result.sort()
        return result.indices.filter { $0 == 0 || result[$0] != result[$0 - 1] }.map { result[$0] }
    }
}
