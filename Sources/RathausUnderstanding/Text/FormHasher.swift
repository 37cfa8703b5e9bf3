/// Hashes the forms of one word that the typo index compares — the word itself, the word with one
/// or two letters deleted, the word with two neighbours swapped (and then one letter deleted) —
/// each in constant time.
///
/// A polynomial hash over the bytes (Horner's rule with an odd multiplier, wrapping arithmetic)
/// can be put together from the hashes of pieces: h(X + Y) = h(X) · P^|Y| + h(Y). Prefix hashes
/// and powers are computed once per word, so a form is a handful of multiplications instead of a
/// pass over the word. A final mixing step spreads the bits, since the hash table probes from the
/// key's low bits.
struct FormHasher {
    private static let multiplier: UInt64 = 0x100_0000_01B3
    private let bytes: [UInt8]
    /// `prefixes[k]`: hash of the first `k` bytes.
    private let prefixes: [UInt64]
    /// `powers[k]`: multiplier to the power `k`.
    private let powers: [UInt64]

    /// The powers of the multiplier for words of up to 63 bytes, shared by every hasher.
    private static let commonPowers = powers(upTo: 64)

    /// Prepares the forms of `bytes`.
    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        prefixes = [UInt64](unsafeUninitializedCapacity: bytes.count + 1) { prefixes, count in
            var hash: UInt64 = 0
            prefixes[0] = 0
            for (index, byte) in bytes.enumerated() {
                hash = hash &* Self.multiplier &+ Self.value(byte)
                prefixes[index + 1] = hash
            }
            count = bytes.count + 1
        }
        powers = bytes.count < Self.commonPowers.count ? Self.commonPowers : Self.powers(upTo: bytes.count + 1)
    }

    /// The multiplier to the powers `0 ..< count`.
    private static func powers(upTo count: Int) -> [UInt64] {
        var powers: [UInt64] = [1]
        while powers.count < count { powers.append(powers[powers.count - 1] &* multiplier) }
        return powers
    }

    /// The number of bytes of the word.
    var count: Int { bytes.count }

    /// The hash of the whole word.
    var whole: UInt64 { Self.mixed(prefixes[bytes.count]) }

    /// The hash of the word without the byte at `position`.
    func skipping(_ position: Int) -> UInt64 {
        var hash = piece(0, position)
        append(piece(position + 1, bytes.count), length: bytes.count - position - 1, to: &hash)
        return Self.mixed(hash)
    }

    /// The hashes of the word without the bytes at `first` and `second`, for every pair `first <
    /// second`, by `first`, then `second`: all at once, as the typo search asks for them, read
    /// without bounds checks.
    func skippingTwoForms() -> [UInt64] {
        let count = bytes.count
        var forms: [UInt64] = []
        forms.reserveCapacity(count * (count - 1) / 2)
        prefixes.withUnsafeBufferPointer { prefixes in
            powers.withUnsafeBufferPointer { powers in
                func piece(_ start: Int, _ end: Int) -> UInt64 { prefixes[end] &- prefixes[start] &* powers[end - start] }
                for first in 0..<count {
                    let head = piece(0, first)
                    for second in (first + 1)..<count {
                        let hash = head &* powers[second - first - 1] &+ piece(first + 1, second)
                        forms.append(Self.mixed(hash &* powers[count - second - 1] &+ piece(second + 1, count)))
                    }
                }
            }
        }
        return forms
    }

    /// For each of `positions` in turn: the hash of the word with the byte there and the next one
    /// swapped, then those of the swapped word without each other byte in turn (without one of the
    /// pair it is the word without the other, a form of its own). Read without bounds checks.
    func swappedForms(at positions: [Int]) -> [UInt64] {
        let count = bytes.count
        var forms: [UInt64] = []
        forms.reserveCapacity(positions.count * max(1, count - 1))
        prefixes.withUnsafeBufferPointer { prefixes in
            powers.withUnsafeBufferPointer { powers in
                func piece(_ start: Int, _ end: Int) -> UInt64 { prefixes[end] &- prefixes[start] &* powers[end - start] }
                for position in positions {
                    let pair = Self.value(bytes[position + 1]) &* Self.multiplier &+ Self.value(bytes[position])
                    let tail = piece(position + 2, count), tailLength = count - position - 2
                    // Everything before the pair, then the pair, then everything after it.
                    let head = piece(0, position)
                    forms.append(Self.mixed(((head &* powers[2] &+ pair) &* powers[tailLength]) &+ tail))
                    for skipped in 0..<count where skipped != position && skipped != position + 1 {
                        var hash: UInt64
                        if skipped < position {
                            hash = piece(0, skipped) &* powers[position - skipped - 1] &+ piece(skipped + 1, position)
                            hash = (hash &* powers[2] &+ pair) &* powers[tailLength] &+ tail
                        } else {
                            hash = head &* powers[2] &+ pair
                            hash = hash &* powers[skipped - position - 2] &+ piece(position + 2, skipped)
                            hash = hash &* powers[count - skipped - 1] &+ piece(skipped + 1, count)
                        }
                        forms.append(Self.mixed(hash))
                    }
                }
            }
        }
        return forms
    }

    /// The hash of `bytes[start..<end]` (an empty piece hashes to 0).
    private func piece(_ start: Int, _ end: Int) -> UInt64 {
        prefixes[end] &- prefixes[start] &* powers[end - start]
    }

    /// Appends a piece of `length` bytes with hash `piece` to `hash`.
    private func append(_ piece: UInt64, length: Int, to hash: inout UInt64) {
        hash = hash &* powers[length] &+ piece
    }

    /// A byte's value in the polynomial; never 0, so that leading bytes always count.
    private static func value(_ byte: UInt8) -> UInt64 {
        UInt64(byte) &+ 1
    }

    /// The SplitMix64 finaliser: every output bit depends on every input bit.
    private static func mixed(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
