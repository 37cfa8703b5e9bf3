import Foundation
import RathausCatalog

/// Turns what a citizen typed into a field's typed value, or a German sentence saying what is
/// wrong, with an example of what would be right.
public enum FieldValidator {
    /// Why an answer does not fit a field; `message` is shown to the citizen as it is.
    public struct Rejection: Error, Sendable, Hashable {
        /// What is wrong and how it should look, in German (formal, short).
        public let message: String
    }

    /// Validates `input` for `field`; relative dates count from `today`.
    public static func validate(_ input: String, for field: FormField, today: CalendarDate) -> Result<FieldValue, Rejection> {
        let text = input.trimmed
        switch field.kind {
        case .text(let minLength, let maxLength): return validateText(text, minLength: minLength, maxLength: maxLength)
        case .name: return validateName(text)
        case .date(let earliest, let latest): return validateDate(text, earliest: earliest, latest: latest, today: today)
        case .time(let earliest, let latest): return validateTime(text, earliest: earliest, latest: latest)
        case .number(let min, let max, let integer, let unit): return validateNumber(text, min: min, max: max, integer: integer, unit: unit)
        case .plz(let allowed): return validatePostalCode(text, allowed: allowed)
        case .streetAddress: return validateStreetAddress(text)
        case .email: return validateEmail(text)
        case .phone: return validatePhone(text)
        case .iban(let countries): return validateIBAN(text, countries: countries)
        case .choice(let options): return validateChoice(text, options: options)
        case .yesNo: return validateYesNo(text)
        case .document(let accepted):
            return reject("Hier brauche ich eine Datei. \(FormDialog.uploadHint) \(DocumentFile.allowed(accepted))")
        }
    }

    private static func reject(_ message: String) -> Result<FieldValue, Rejection> {
        .failure(Rejection(message: message))
    }

    static func validateText(_ text: String, minLength: Int, maxLength: Int) -> Result<FieldValue, Rejection> {
        if text.count < minLength {
            return reject(
                minLength <= 1 ? "Bitte schreiben Sie etwas dazu." : "Das ist zu kurz: Bitte schreiben Sie mindestens \(minLength) Zeichen.")
        }
        if text.count > maxLength {
            return reject("Das ist zu lang: Bitte schreiben Sie höchstens \(maxLength) Zeichen (jetzt \(text.count)).")
        }
        return .success(.text(text))
    }

    static func validateName(_ text: String) -> Result<FieldValue, Rejection> {
        let letters = text.filter(\.isLetter).count
        let allowed = text.allSatisfy { $0.isLetter || $0 == " " || $0 == "-" || $0 == "'" || $0 == "’" || $0 == "." }
        guard allowed, letters >= 2, text.count <= 100 else {
            return reject("Ein Name besteht aus Buchstaben, Leerzeichen und Bindestrichen, zum Beispiel „Anna Müller-Schmidt“.")
        }
        return .success(.text(text.split(separator: " ").joined(separator: " ")))
    }

    static func validateDate(_ text: String, earliest: DateBound?, latest: DateBound?, today: CalendarDate) -> Result<FieldValue, Rejection> {
        guard let date = GermanDateReader.date(text, today: today) else {
            return reject("Das habe ich nicht als Datum erkannt. Schreiben Sie es bitte so: 3.4.2027, „3. April“ oder „nächsten Montag“.")
        }
        if let earliest = earliest?.resolve(today: today), date < earliest {
            if earliest == today { return reject("Der \(date.german) liegt in der Vergangenheit. Bitte nennen Sie ein Datum ab heute.") }
            return reject("Der \(date.german) ist zu früh: Das Datum muss frühestens der \(earliest.german) sein.")
        }
        if let latest = latest?.resolve(today: today), latest < date {
            if latest == today { return reject("Der \(date.german) liegt in der Zukunft. Bitte nennen Sie ein Datum bis heute.") }
            return reject("Der \(date.german) ist zu spät: Das Datum darf höchstens der \(latest.german) sein.")
        }
        return .success(.date(date))
    }

    static func validateTime(_ text: String, earliest: TimeOfDay?, latest: TimeOfDay?) -> Result<FieldValue, Rejection> {
        guard let time = GermanDateReader.time(text) else {
            return reject("Das habe ich nicht als Uhrzeit erkannt. Schreiben Sie sie bitte so: 14:30 oder „9 Uhr“.")
        }
        if let earliest, time < earliest { return reject("\(time) Uhr ist zu früh: frühestens \(earliest) Uhr.") }
        if let latest, latest < time { return reject("\(time) Uhr ist zu spät: spätestens \(latest) Uhr.") }
        return .success(.time(time))
    }

    static func validateNumber(_ text: String, min: Double?, max: Double?, integer: Bool, unit: String?) -> Result<FieldValue, Rejection> {
        let lowered = text.lowercased()
        var number: Double?
        for word in lowered.split(whereSeparator: { $0.isWhitespace }) {
            let cleaned = word.trimmingCharacters(in: ["(", ")", "~", "?", "!"])
            if let value = Double(cleaned.replacingOccurrences(of: ",", with: ".")) {
                number = value
                break
            }
            if let value = GermanDateReader.numberWords[String(cleaned)] {
                number = Double(value)
                break
            }
        }
        let example = unit.map { "zum Beispiel „2 \($0)“" } ?? "zum Beispiel „2“"
        guard let number else { return reject("Bitte geben Sie eine Zahl an, \(example).") }
        if integer, number != number.rounded() { return reject("Bitte geben Sie eine ganze Zahl an, \(example).") }
        let shown = { (value: Double) in FieldValue.plain(value).replacingOccurrences(of: ".", with: ",") + (unit.map { " \($0)" } ?? "") }
        if let min, number < min { return reject("\(shown(number)) ist zu wenig: mindestens \(shown(min)).") }
        if let max, number > max { return reject("\(shown(number)) ist zu viel: höchstens \(shown(max)).") }
        return .success(.number(number))
    }

    static func validatePostalCode(_ text: String, allowed: [String]) -> Result<FieldValue, Rejection> {
        let digits = text.filter { !$0.isWhitespace }
        guard digits.count == 5, digits.allSatisfy(\.isNumber) else {
            return reject("Eine Postleitzahl hat genau 5 Ziffern, zum Beispiel 12345.")
        }
        if !allowed.isEmpty, !allowed.contains(digits) {
            return reject("Die Postleitzahl \(digits) liegt nicht in Musterstadt. Möglich sind: \(allowed.joined(separator: ", ")).")
        }
        return .success(.text(digits))
    }

    static func validateStreetAddress(_ text: String) -> Result<FieldValue, Rejection> {
        let words = text.split(separator: " ")
        guard let last = words.last, words.count >= 2 || text.contains(where: \.isNumber),
            let firstDigit = text.firstIndex(where: \.isNumber),
            text[..<firstDigit].contains(where: \.isLetter),
            last.first?.isNumber == true || (words.count >= 2 && words[words.count - 2].first?.isNumber == true)
        else {
            return reject("Bitte nennen Sie Straße und Hausnummer, zum Beispiel „Hauptstraße 5a“.")
        }
        return .success(.text(words.joined(separator: " ")))
    }

    static func validateEmail(_ text: String) -> Result<FieldValue, Rejection> {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        let valid =
            parts.count == 2 && !parts[0].isEmpty && !text.contains(" ")
            && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && (parts[1].split(separator: ".").last?.count ?? 0) >= 2
        guard valid else { return reject("Das ist keine gültige E-Mail-Adresse. Sie sieht so aus: name@beispiel.de.") }
        return .success(.text(text.lowercased()))
    }

    static func validatePhone(_ input: String) -> Result<FieldValue, Rejection> {
        // "+49 (0)30 …": the trunk zero in brackets is not dialled after the country code.
        let text = input.replacingOccurrences(of: "(0)", with: "")
        let allowed = text.allSatisfy { $0.isNumber || " /-()+".contains($0) }
        let digits = text.filter(\.isNumber)
        let international = text.hasPrefix("+49") || text.hasPrefix("0049")
        let national = text.first == "0" && !text.hasPrefix("00")
        guard allowed, international || national, (7...15).contains(digits.count) else {
            return reject("Bitte geben Sie eine deutsche Telefonnummer an, zum Beispiel 0123 456789 oder +49 123 456789.")
        }
        let normalised = international ? "+49" + (text.hasPrefix("+49") ? digits.dropFirst(2) : digits.dropFirst(4)) : "+49" + digits.dropFirst()
        return .success(.text(String(normalised)))
    }

    static func validateIBAN(_ text: String, countries: [String]) -> Result<FieldValue, Rejection> {
        let iban = IBAN.compact(text)
        if let problem = IBAN.problem(iban) {
            switch problem {
            case .invalidCharacters:
                return reject("Eine IBAN besteht aus zwei Buchstaben für das Land und Ziffern, zum Beispiel DE89 3704 0044 0532 0130 00.")
            case .unknownCountry(let country):
                return reject("„\(country)“ ist kein Ländercode einer IBAN. Eine deutsche IBAN beginnt mit DE.")
            case .wrongLength(let country, let expected, let actual):
                let name = IBAN.countryNames[country].map { "Eine \($0) IBAN" } ?? "Eine IBAN aus \(country)"
                return reject("\(name) hat \(expected) Zeichen, Ihre hat \(actual). Bitte prüfen Sie, ob eine Ziffer fehlt oder zu viel ist.")
            case .checksum:
                return reject(
                    "Die Prüfziffer der IBAN stimmt nicht: Wahrscheinlich ist eine Ziffer vertauscht oder falsch. Bitte prüfen Sie die IBAN.")
            }
        }
        if !countries.isEmpty, !countries.contains(String(iban.prefix(2))) {
            return reject("Hier ist nur eine IBAN aus \(countries.joined(separator: ", ")) möglich.")
        }
        return .success(.text(iban))
    }

    static func validateChoice(_ text: String, options: [ChoiceOption]) -> Result<FieldValue, Rejection> {
        let folded = TextNormalizer.tokens(text)
        if folded.count == 1, let number = Int(folded[0]), (1...options.count).contains(number) {
            return .success(.choice(options[number - 1].id))
        }
        let answer = folded.joined(separator: " ")
        for option in options {
            let names = [option.label, option.id.replacingOccurrences(of: "_", with: " ")] + option.synonyms
            for name in names {
                let key = TextNormalizer.tokens(name).joined(separator: " ")
                if !key.isEmpty, answer == key || " \(answer) ".contains(" \(key) ") { return .success(.choice(option.id)) }
            }
        }
        let listed = options.enumerated().map { "\($0.offset + 1). \($0.element.label)" }.joined(separator: ", ")
        return reject("Bitte wählen Sie eine der Möglichkeiten, mit der Nummer oder dem Namen: \(listed).")
    }

    /// Words and phrases that mean no; checked before the yes words, so "lieber nicht" is no.
    static let noPhrases = [
        "nein", "nee", "ne", "no", "nö", "no", "nope", "nicht", "niemals", "keinesfalls", "falsch",
        "auf keinen fall", "lieber nicht", "eher nicht", "kein", "keine", "n",
    ]
    static let yesPhrases = [
        "ja", "jo", "jap", "jep", "jup", "yes", "klar", "gerne", "gern", "passt", "ok", "okay",
        "genau", "sicher", "natürlich", "naturlich", "jawohl", "richtig", "stimmt", "einverstanden",
        "j", "japp", "sehr gerne", "mach", "machen", "korrekt", "selbstverständlich", "zustimmen",
    ]

    /// Phrases of someone who does not know; neither yes nor no.
    static let unsurePhrases = [
        "weiss ich nicht", "weiß ich nicht", "weiss nicht", "weiß nicht", "keine ahnung", "vielleicht",
        "unsicher", "mal sehen", "kommt drauf an", "bin mir nicht sicher",
    ]

    /// "ja", "jo", "klar", "gerne", "passt" ... or "nein", "nee", "lieber nicht" ...; nil for anything
    /// else, including "weiß ich nicht".
    public static func yesNo(_ text: String) -> Bool? {
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter })
        if contains(words, anyOf: unsureWords) { return nil }
        if contains(words, anyOf: noWords) { return false }
        if contains(words, anyOf: yesWords) { return true }
        return nil
    }

    /// The phrases above as word sequences, split once.
    private static let unsureWords = unsurePhrases.map { $0.split(separator: " ") }
    private static let noWords = noPhrases.map { $0.split(separator: " ") }
    private static let yesWords = yesPhrases.map { $0.split(separator: " ") }

    /// True when one of `phrases` occurs in `words` as consecutive whole words.
    private static func contains(_ words: [Substring], anyOf phrases: [[Substring]]) -> Bool {
        phrases.contains { phrase in
            words.count >= phrase.count
                && (0...(words.count - phrase.count)).contains { words[$0..<($0 + phrase.count)].elementsEqual(phrase) }
        }
    }

    static func validateYesNo(_ text: String) -> Result<FieldValue, Rejection> {
        guard let answer = yesNo(text) else { return reject("Bitte antworten Sie mit Ja oder Nein.") }
        return .success(.bool(answer))
    }
}
