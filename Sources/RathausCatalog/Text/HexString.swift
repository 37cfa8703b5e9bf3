extension Sequence<UInt8> {
    /// The bytes as lower-case hexadecimal, two digits each (for digests).
    public var hexString: String {
        let digits = Array("0123456789abcdef")
        var hex = ""
        for byte in self {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return hex
    }
}
