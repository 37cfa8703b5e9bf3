extension Sequence<UInt8> {
    /// The bytes as lower-case hexadecimal, two digits each (for digests).
    public var hexString: String {
        reduce(into: "") { hex, byte in
            if byte < 16 { hex += "0" }
            hex += String(byte, radix: 16)
        }
    }
}
