/// One feature the matcher compares: a stem or a character n-gram, kept as a 64-bit hash so that
/// matching builds no strings.
public struct Feature: Hashable, Sendable {
    /// FNV-1a hash of the feature's kind and text.
    public let hash: UInt64

    private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// The feature for a word's (or a compound part's) stem.
    public static func stem(_ stem: String) -> Feature {
        Feature(hash: hash(kind: 1, stem.unicodeScalars))
    }

    /// The feature for a function word (a stop word), which tells little about the service but
    /// much about whether a message is for the town at all ("du", "dich").
    public static func functionWord(_ word: String) -> Feature {
        Feature(hash: hash(kind: 3, word.unicodeScalars))
    }

    /// The feature for a character n-gram; `<` and `>` mark a word's ends.
    public static func gram(_ gram: String) -> Feature {
        Feature(hash: hash(kind: 2, gram.unicodeScalars))
    }

    /// The feature for the n-gram `scalars[range]`, without building a string.
    static func gram(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Feature {
        Feature(hash: hash(kind: 2, scalars[range]))
    }

    private static func hash<Scalars: Sequence<Unicode.Scalar>>(kind: UInt8, _ scalars: Scalars) -> UInt64 {
        var value = (offsetBasis ^ UInt64(kind)) &* prime
        for scalar in scalars {
            value = (value ^ UInt64(scalar.value)) &* prime
        }
        return value
    }
}
