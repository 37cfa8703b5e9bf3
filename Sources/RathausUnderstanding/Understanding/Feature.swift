/// One feature the matcher compares: a stem, a character n-gram, a function word or a pair of
/// neighbouring words, kept as a 64-bit hash so that matching builds no strings.
public struct Feature: Hashable, Sendable {
    /// What a feature stands for.
    public enum Kind: UInt8, Sendable {
        /// A word's or a compound part's stem.
        case stem = 1
        /// A character n-gram.
        case gram = 2
        /// A stop word, as a whole word.
        case functionWord = 3
        /// Two neighbouring content words, by their stems.
        case wordPair = 4
    }

    /// What the feature stands for.
    public let kind: Kind
    /// FNV-1a hash of the feature's kind and text.
    public let hash: UInt64

    /// Two features are the same when their hashes are: the kind is part of the hash.
    public static func == (lhs: Feature, rhs: Feature) -> Bool {
        lhs.hash == rhs.hash
    }

    /// Hashes the feature's hash alone (the kind is part of it).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(hash)
    }

    private init(kind: Kind, hash: UInt64) {
        self.kind = kind
        self.hash = hash
    }

    private init(_ kind: Kind, _ scalars: some Sequence<Unicode.Scalar>) {
        self.kind = kind
        self.hash = Self.hash(kind: kind.rawValue, scalars)
    }

    private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// The feature for a word's (or a compound part's) stem.
    public static func stem(_ stem: String) -> Feature {
        Feature(.stem, stem.unicodeScalars)
    }

    /// The feature for a function word (a stop word), which tells little about the service but
    /// much about whether a message is for the town at all ("du", "dich").
    public static func functionWord(_ word: String) -> Feature {
        Feature(.functionWord, word.unicodeScalars)
    }

    /// The feature for two neighbouring content words, by their stems ("hund" then "abmeld"), which
    /// tells apart messages made of the same words in other roles.
    public static func wordPair(_ first: String, _ second: String) -> Feature {
        // The same hash as of the text "first second", without building it.
        let firstAndSpace = hash(continuing: hash(kind: Kind.wordPair.rawValue, first.unicodeScalars), CollectionOfOne(" "))
        return Feature(kind: .wordPair, hash: hash(continuing: firstAndSpace, second.unicodeScalars))
    }

    /// The feature for a character n-gram; `<` and `>` mark a word's ends.
    public static func gram(_ gram: String) -> Feature {
        Feature(.gram, gram.unicodeScalars)
    }

    /// The feature for the n-gram `scalars[range]`, without building a string.
    static func gram(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Feature {
        Feature(.gram, scalars[range])
    }

    /// FNV-1a hash of the kind, then the scalars.
    private static func hash(kind: UInt8, _ scalars: some Sequence<Unicode.Scalar>) -> UInt64 {
        hash(continuing: (offsetBasis ^ UInt64(kind)) &* prime, scalars)
    }

    /// FNV-1a: `value` continued with the scalars.
    private static func hash(continuing value: UInt64, _ scalars: some Sequence<Unicode.Scalar>) -> UInt64 {
        var value = value
        for scalar in scalars {
            value = (value ^ UInt64(scalar.value)) &* prime
        }
        return value
    }
}
