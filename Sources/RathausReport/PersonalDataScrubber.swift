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

    /// `text` with every e-mail address, IBAN, reference, street address, phone number and number
    /// of 5 or more digits replaced.
    public static func scrub(_ text: String) -> String {
        guard text.contains(where: { $0.isNumber || $0 == "@" }) else { return text }
        var text = text
        // Anything with an @ in it: an address, however malformed.
        text = text.replacing(/\S*@\S+/, with: "[E-Mail]")
        // An IBAN: country, check digits, then 10 to 30 letters and digits, in groups or not.
        text = text.replacing(/(?i)\b[a-z]{2}\d{2}(?:\s?[a-z0-9]){10,30}\b/, with: "[IBAN]")
        // An application's reference, „MS-2026-000042“.
        text = text.replacing(/(?i)\b[a-z]{2,4}-\d{4}-\d{6}\b/, with: "[Vorgangsnummer]")
        // A street with its house number, and a postal code with its town right after it.
        text = text.replacing(
            /(?i)[\p{L}.\-]*(?:stra(?:ss|ß)e|str\.|weg|gasse|platz|allee|ring|damm|ufer|chaussee|markt)\s*\d+\s?[a-z]?\b(?:,?\s*\d{5}(?:\s+\p{Lu}\p{L}+)?)?/,
            with: "[Adresse]")
        // A phone number: a run of at least 6 digits with spaces, slashes, dashes or brackets between them.
        text = text.replacing(/(?:\+|\(|\b)\d(?:[\s\/()\-]*\d){5,}/) { match in
            match.output.filter(\.isNumber).count >= 6 ? "[Telefon]" : String(match.output)
        }
        // Any number of 5 digits or more (a postal code, a customer number …).
        text = text.replacing(/\d{5,}/, with: "[Zahl]")
        return text
    }
}
