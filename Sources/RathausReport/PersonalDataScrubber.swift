/// Removes what could identify a citizen from a question before the report shows it: e-mail
/// addresses, IBANs, application references, street addresses with a house number (and the postal
/// code with them), phone numbers and any number of 5 digits or more, each replaced by a
/// placeholder in brackets („[E-Mail]“).
///
/// It errs on the side of removing: a date written with spaces may become „[Telefon]“. Text
/// without a digit and without „@“ cannot hold any of these and is returned as it is.
public enum PersonalDataScrubber {
    /// The placeholders, as they appear in scrubbed text.
    public static let placeholders = ["[E-Mail]", "[IBAN]", "[Vorgangsnummer]", "[Adresse]", "[Telefon]", "[Zahl]"]

    // A pattern runs only on text that has what it needs: twelve digits for an IBAN (every
    // country's has more; a shorter one is still a run of digits, below), a dash for a reference, a
    // street word for an address. Swift's regular expressions cost about 0.1 ms per text here, more
    // than everything else the report does with it, so e-mail addresses and runs of digits, the
    // common cases, are found by the plain code below (`rathaus report` over the 100,000
    // conversations of Benchmarks/report.py: 3.3-4.9 s in three runs with a pattern for each, then
    // 3.0-3.7 s in five runs; not alternated, on a busy host).

    /// An IBAN: country, check digits, then 10 to 30 letters and digits, in groups or not.
    nonisolated(unsafe) private static let iban = /(?i)\b[a-z]{2}\d{2}(?:\s?[a-z0-9]){10,30}\b/
    /// An application's reference, „MS-2026-000042“.
    nonisolated(unsafe) private static let reference = /(?i)\b[a-z]{2,4}-\d{4}-\d{6}\b/
    /// A street with its house number, and a postal code with its town right after it.
    nonisolated(unsafe) private static let street =
        /(?i)\b[\p{L}.\-]*?(?:stra(?:ss|ß)e|str\.|weg|gasse|platz|allee|ring|damm|ufer|chaussee|markt)\s*\d+\s?[a-z]?\b(?:,?\s*\d{5}(?:\s+\p{Lu}\p{L}+)?)?/
    /// Words (lower case) in a street's name that let the street pattern run.
    private static let streetWords = ["str", "weg", "gasse", "platz", "allee", "ring", "damm", "ufer", "chaussee", "markt"]
    /// What may stand between the digits of a phone number.
    private static let digitSeparators: Set<Character> = [" ", "/", "(", ")", "-"]

    /// `text` with every e-mail address, IBAN, reference, street address, phone number and number
    /// of 5 or more digits replaced.
    public static func scrub(_ text: String) -> String {
        let digits = text.filter(isDigit).count
        let hasAt = text.contains { $0 == "@" }
        guard digits > 0 || hasAt else { return text }
        var text = text
        if hasAt {
            // Anything with an @ in it: an address, however malformed.
            text = text.split(separator: " ", omittingEmptySubsequences: false).map { $0.contains { $0 == "@" } ? "[E-Mail]" : String($0) }
                .joined(separator: " ")
        }
        guard digits > 0 else { return text }
        if digits >= 12 { text = text.replacing(iban, with: "[IBAN]") }
        if digits >= 10, text.contains(where: { $0 == "-" }) { text = text.replacing(reference, with: "[Vorgangsnummer]") }
        let lowered = text.lowercased()
        if streetWords.contains(where: { lowered.contains($0) }) { text = text.replacing(street, with: "[Adresse]") }
        return replacingDigitRuns(in: text)
    }

    /// `text` with every run of digits (with spaces, slashes, dashes or brackets between them, a
    /// „+“ or „(“ before) replaced: by „[Telefon]“ when it has 6 digits or more, by „[Zahl]“ when
    /// it has 5 in a row; shorter runs („2 Sofas“, „12.5.“) stay.
    static func replacingDigitRuns(in text: String) -> String {
        let characters = Array(text)
        var out = ""
        var index = 0
        while index < characters.count {
            let opensRun =
                isDigit(characters[index])
                || (characters[index] == "+" || characters[index] == "(") && index + 1 < characters.count && isDigit(characters[index + 1])
            guard opensRun else {
                out.append(characters[index])
                index += 1
                continue
            }
            // The run ends after its last digit; separators after it are no part of it.
            var end = index + 1, digits = 0, inARow = 0, longest = 0
            for position in index..<characters.count {
                let character = characters[position]
                if isDigit(character) {
                    digits += 1
                    inARow += 1
                    longest = max(longest, inARow)
                    end = position + 1
                } else if digitSeparators.contains(character) || position == index {
                    inARow = 0
                } else {
                    break
                }
            }
            out += digits >= 6 ? "[Telefon]" : longest >= 5 ? "[Zahl]" : String(characters[index..<end])
            index = end
        }
        return out
    }

    private static func isDigit(_ character: Character) -> Bool {
        ("0"..."9").contains(character)
    }
}
