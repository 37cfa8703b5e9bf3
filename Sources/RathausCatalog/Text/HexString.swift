extension Sequence<UInt8> {
    /// The bytes as lower-case hexadecimal, two digits each (for digests). Inlinable, so that
    /// each caller iterates its own sequence type directly.
    @inlinable public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        for byte in self {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
