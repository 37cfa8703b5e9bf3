/// A hash table from 64-bit hashes to small numbers, with open addressing on the hash itself.
///
/// The keys are already well-mixed hashes (features, letter trigrams, typo forms), so a lookup
/// needs no second hash function: it probes from the key's own bits. The matcher looks up every
/// feature of every message here, which is why it does not use `Dictionary` and its SipHash; the
/// index numbers the features of a catalogue here too (``value(for:insertingIfAbsent:)``).
struct HashTable: Sendable {
    /// Keys; 0 marks an empty slot (the key 0 itself is kept aside).
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    private var zeroValue: Int32?
    /// Keys stored in slots (the key 0 not counted).
    private var count = 0

    /// An empty table.
    init() {
        keys = [UInt64](repeating: 0, count: 16)
        values = [Int32](repeating: -1, count: 16)
        mask = 15
    }

    /// A table holding `pairs`; for a key given twice the last value counts.
    init(_ pairs: some Sequence<(key: UInt64, value: Int32)>) {
        let pairs = Array(pairs)
        var capacity = 16
        while capacity < 2 * pairs.count { capacity *= 2 }
        keys = [UInt64](repeating: 0, count: capacity)
        values = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
        for (key, value) in pairs {
            guard key != 0 else {
                zeroValue = value
                continue
            }
            let slot = slot(of: key)
            if keys[slot] == 0 { count += 1 }
            keys[slot] = key
            values[slot] = value
        }
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

    /// The value stored for `key`; when there is none, `value` is stored for it and returned.
    mutating func value(for key: UInt64, insertingIfAbsent value: Int32) -> Int32 {
        guard key != 0 else {
            if let zeroValue { return zeroValue }
            zeroValue = value
            return value
        }
        var slot = slot(of: key)
        if keys[slot] == key { return values[slot] }
        if 2 * (count + 1) > keys.count {
            grow()
            slot = self.slot(of: key)
        }
        keys[slot] = key
        values[slot] = value
        count += 1
        return value
    }

    /// The slot holding `key`, or the empty slot where it would go.
    private func slot(of key: UInt64) -> Int {
        var slot = Self.start(key, mask)
        while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
        return slot
    }

    /// Doubles the slots and places every key again.
    private mutating func grow() {
        let (oldKeys, oldValues) = (keys, values)
        keys = [UInt64](repeating: 0, count: 2 * oldKeys.count)
        values = [Int32](repeating: -1, count: 2 * oldKeys.count)
        mask = keys.count - 1
        for (key, value) in zip(oldKeys, oldValues) where key != 0 {
            let slot = slot(of: key)
            keys[slot] = key
            values[slot] = value
        }
    }

    /// The first slot to probe: the key's high bits folded onto its low ones.
    private static func start(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: key ^ (key >> 29) ^ (key >> 47)) & mask
    }
}
