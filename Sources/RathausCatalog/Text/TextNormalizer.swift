import Foundation

/// Turns citizen text into comparable word tokens.
///
/// Steps: Unicode NFC, lower case, accents and umlauts folded (ä, ae and a all become a; ß becomes
/// ss), everything that is not a letter or digit becomes a word boundary (punctuation, emoji).
/// Examples and queries go through the same steps, so "Müll", "muell" and "mull" meet.
public enum TextNormalizer {
    /// The folded words of `text`, in order: ``fold(_:)``, then split at every character that is
    /// neither a letter nor a digit. A combining mark stays with the letter before it, as it would
    /// in a `Character`; the text is read by Unicode scalars, which took a third of the time of
    /// splitting it into characters.
    public static func tokens(_ text: String) -> [String] {
        var words: [String] = []
        var word = String.UnicodeScalarView()
        for scalar in fold(text).unicodeScalars {
            if isWordScalar(scalar) || !word.isEmpty && isCombiningMark(scalar) {
                word.append(scalar)
            } else if !word.isEmpty {
                words.append(String(word))
                word = String.UnicodeScalarView()
            }
        }
        if !word.isEmpty { words.append(String(word)) }
        return words
    }

    /// A letter or a digit (as `Character.isLetter` and `isNumber` read the first scalar).
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return scalar.properties.numericType != nil
        }
    }

    /// A scalar that extends the character before it: a combining mark or a zero-width joiner.
    private static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        guard !scalar.isASCII else { return false }
        return scalar == "\u{200D}" || scalar.properties.isGraphemeExtend || scalar.properties.generalCategory == .spacingMark
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
