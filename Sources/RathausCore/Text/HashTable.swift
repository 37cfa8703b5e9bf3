/// A hash table from 64-bit hashes to small numbers, with open addressing on the hash itself.
///
/// The keys are already well-mixed hashes (features, letter trigrams, typo forms), so a lookup
/// needs no second hash function: it probes from the key's own bits. The matcher looks up every
/// feature of every message here, which is why it does not use `Dictionary` and its SipHash.
struct HashTable: Sendable {
    /// Keys; 0 marks an empty slot (the key 0 itself is kept aside).
    private let keys: [UInt64]
    private let values: [Int32]
    private let mask: Int
    private let zeroValue: Int32?

    /// A table holding `pairs`; for a key given twice the last value counts.
    init(_ pairs: some Sequence<(key: UInt64, value: Int32)>) {
        let pairs = Array(pairs)
        var capacity = 16
        while capacity < 2 * pairs.count { capacity *= 2 }
        var keys = [UInt64](repeating: 0, count: capacity)
        var values = [Int32](repeating: -1, count: capacity)
        var zeroValue: Int32?
        for (key, value) in pairs {
            guard key != 0 else { zeroValue = value; continue }
            var slot = Self.start(key, capacity - 1)
            while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & (capacity - 1) }
            keys[slot] = key
            values[slot] = value
        }
        self.keys = keys
        self.values = values
        self.mask = capacity - 1
        self.zeroValue = zeroValue
    }

    /// The value stored for `key`, or nil.
    subscript(key: UInt64) -> Int32? {
        guard key != 0 else { return zeroValue }
        var slot = Self.start(key, mask)
        return keys.withUnsafeBufferPointer { keys in
            while true {
                let found = keys[slot]
                if found == key { return values[slot] }
                if found == 0 { return nil }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The first slot to probe: the key's high bits folded onto its low ones.
    private static func start(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: key ^ (key >> 29) ^ (key >> 47)) & mask
    }
}
