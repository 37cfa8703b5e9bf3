import Foundation

/// Turns citizen text into comparable word tokens.
///
/// Steps: Unicode NFC, lower case, accents and umlauts folded (ä, ae and a all become a; ß becomes
/// ss), everything that is not a letter or digit becomes a word boundary (punctuation, emoji).
/// Examples and queries go through the same steps, so "Müll", "muell" and "mull" meet.
public enum TextNormalizer {
    /// The folded words of `text`, in order.
    public static func tokens(_ text: String) -> [String] {
        simpleTokens(text) ?? fold(text).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }

    /// The same tokens as ``tokens(_:)`` in one pass over the text's scalars, for text made of ASCII,
    /// the precomposed German letters ä, ö, ü and ß, typographic punctuation and emoji; `nil` for any
    /// other character (accents, decomposed umlauts, flags ...), which takes the general path
    /// through Foundation.
    static func simpleTokens(_ text: String) -> [String]? {
        var tokens: [String] = []
        var word: [UInt8] = []
        var previous: UInt32 = 0
        for scalar in text.unicodeScalars {
            var value = scalar.value
            if value >= 0x41, value <= 0x5A { value += 32 }  // A-Z
            switch value {
            case 0x61...0x7A, 0x30...0x39:  // a-z, 0-9
                let isUmlautE = value == 0x65 && (previous == 0x61 || previous == 0x6F || previous == 0x75)
                if !isUmlautE { word.append(UInt8(value)) }
            case 0xC4, 0xE4: word.append(UInt8(ascii: "a"))  // Ä ä
            case 0xD6, 0xF6: word.append(UInt8(ascii: "o"))  // Ö ö
            case 0xDC, 0xFC: word.append(UInt8(ascii: "u"))  // Ü ü
            case 0xDF: word += [UInt8(ascii: "s"), UInt8(ascii: "s")]  // ß
            case 0x200B...0x200F, 0x2060...0x206F, 0xFE00...0xFE0F, 0x1F3FB...0x1F3FF:
                // Joiners, variation selectors and skin tones belong to the character before
                // them: after a letter the general path keeps them with it.
                guard word.isEmpty else { return nil }
            case 0x2000...0x206F, 0x2190...0x23FF, 0x2500...0x2775, 0x2794...0x27BF, 0x1F300...0x1FAFF:
                // Typographic punctuation („ “ – …), arrows, technical signs, shapes, symbols,
                // dingbats but their circled digits, and emoji: no letter or digit among them, so
                // word boundaries, as on the general path.
                if !word.isEmpty {
                    tokens.append(String(decoding: word, as: UTF8.self))
                    word.removeAll(keepingCapacity: true)
                }
            case 0x80...: return nil
            default:
                if !word.isEmpty {
                    tokens.append(String(decoding: word, as: UTF8.self))
                    word.removeAll(keepingCapacity: true)
                }
            }
            previous = value
        }
        if !word.isEmpty { tokens.append(String(decoding: word, as: UTF8.self)) }
        return tokens
    }

    /// `text` in lower case with umlauts, ß and accents folded; separators are kept.
    public static func fold(_ text: String) -> String {
        let lowered = text.precomposedStringWithCanonicalMapping.lowercased()
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(lowered.unicodeScalars.count)
        var previous: Unicode.Scalar?
        for scalar in lowered.unicodeScalars {
            switch scalar {
            case "ä": scalars.append("a")
            case "ö": scalars.append("o")
            case "ü": scalars.append("u")
            case "ß":
                scalars.append("s")
                scalars.append("s")
            case "e" where previous == "a" || previous == "o" || previous == "u":
                // "ae", "oe", "ue" are how umlauts are written without a German keyboard.
                break
            default:
                if scalar.value < 0x80 {
                    scalars.append(scalar)
                } else {
                    scalars.append(contentsOf: String(scalar).folding(options: .diacriticInsensitive, locale: nil).unicodeScalars)
                }
            }
            previous = scalar
        }
        return String(scalars)
    }
}
