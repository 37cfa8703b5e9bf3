import Foundation

/// Turns citizen text into comparable word tokens.
///
/// Steps: Unicode NFC, lower case, accents and umlauts folded (ä, ae and a all become a; ß becomes
/// ss), everything that is not a letter or digit becomes a word boundary (punctuation, emoji).
/// Examples and queries go through the same steps, so "Müll", "muell" and "mull" meet.
public enum TextNormalizer {
    /// The folded words of `text`, in order: ``fold(_:)``, then split at every character that is
    /// neither a letter nor a digit.
    public static func tokens(_ text: String) -> [String] {
        fold(text).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }

    /// `text` in lower case with umlauts, ß and accents folded; separators are kept.
    public static func fold(_ text: String) -> String {
        // Text in ASCII is already in canonical form.
        let isASCII = text.utf8.allSatisfy { $0 < 0x80 }
        let lowered = isASCII ? text.lowercased() : text.precomposedStringWithCanonicalMapping.lowercased()
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
