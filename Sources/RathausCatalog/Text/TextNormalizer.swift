import Foundation

/// Turns citizen text into comparable word tokens.
///
/// Steps: Unicode NFC, lower case, accents and umlauts folded (ä, ae and a all become a; ß becomes
/// ss), everything that is not a letter or digit becomes a word boundary (punctuation, emoji).
/// Examples and queries go through the same steps, so "Müll", "muell" and "mull" meet.
public enum TextNormalizer {
    /// The folded words of `text`, in order: ``fold(_:)``, then split at every character that is
    /// neither a letter nor a digit (as `Character.isLetter` and `isNumber` tell).
    public static func tokens(_ text: String) -> [String] {
        let folded = fold(text)
        // Folded German is ASCII, split by its bytes at far less cost than into characters; other
        // scripts are split by characters.
        guard folded.utf8.allSatisfy({ $0 < 0x80 }) else {
            return folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        }
        return folded.utf8.split(whereSeparator: { !isASCIILetterOrDigit($0) }).map { String(decoding: $0, as: UTF8.self) }
    }

    /// a-z, A-Z or 0-9.
    private static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// `text` in lower case with umlauts, ß and accents folded; separators are kept.
    public static func fold(_ text: String) -> String {
        // Text whose scalars all lie below U+0300 (Latin letters with their accents, as German is
        // written; the combining marks begin there) is already in canonical form.
        let isComposed = text.unicodeScalars.allSatisfy { $0.value < 0x300 }
        let lowered = isComposed ? text.lowercased() : text.precomposedStringWithCanonicalMapping.lowercased()
        var folded = ""
        folded.reserveCapacity(lowered.utf8.count)
        var previous: Unicode.Scalar?
        // Each distinct character outside ASCII is folded once per text: a long message in another
        // script repeats a few dozen letters, and Foundation's folding of one costs about a microsecond.
        var foldedScalars: [Unicode.Scalar: String] = [:]
        for scalar in lowered.unicodeScalars {
            switch scalar {
            case "ä": folded += "a"
            case "ö": folded += "o"
            case "ü": folded += "u"
            case "ß": folded += "ss"
            case "e" where previous == "a" || previous == "o" || previous == "u":
                // "ae", "oe", "ue" are how umlauts are written without a German keyboard.
                break
            default:
                if scalar.isASCII {
                    folded.unicodeScalars.append(scalar)
                } else {
                    // Folded on its own, not with its neighbours: a combining mark that follows a
                    // letter it cannot be composed with stays ("q̈").
                    if foldedScalars[scalar] == nil {
                        foldedScalars[scalar] = String(scalar).folding(options: .diacriticInsensitive, locale: nil)
                    }
                    folded += foldedScalars[scalar]!
                }
            }
            previous = scalar
        }
        return folded
    }
}
