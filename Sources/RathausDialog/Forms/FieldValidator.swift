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
    public static func validate(
        _ input: String, for field: FormField, today: CalendarDate, texts: DialogTexts = .german
    ) -> Result<FieldValue, Rejection> {
        let text = input.trimmed
        switch field.kind {
        case .text(let minLength, let maxLength): return validateText(text, minLength: minLength, maxLength: maxLength, texts: texts)
        case .name: return validateName(text, texts: texts)
        case .date(let earliest, let latest): return validateDate(text, earliest: earliest, latest: latest, today: today, texts: texts)
        case .time(let earliest, let latest): return validateTime(text, earliest: earliest, latest: latest, texts: texts)
        case .number(let min, let max, let integer, let unit):
            return validateNumber(text, min: min, max: max, integer: integer, unit: unit, texts: texts)
        case .plz(let allowed): return validatePostalCode(text, allowed: allowed, texts: texts)
        case .streetAddress: return validateStreetAddress(text, texts: texts)
        case .email: return validateEmail(text, texts: texts)
        case .phone: return validatePhone(text, texts: texts)
        case .iban(let countries): return validateIBAN(text, countries: countries, texts: texts)
        case .choice(let options): return validateChoice(text, options: options, texts: texts)
        case .yesNo: return validateYesNo(text, texts: texts)
        case .document(let accepted):
            return reject(texts(.needFile, ["upload_hint": texts(.uploadHint), "allowed": DocumentFile.allowed(accepted)]))
        }
    }

    private static func reject(_ message: String) -> Result<FieldValue, Rejection> {
        .failure(Rejection(message: message))
    }

    static func validateText(_ text: String, minLength: Int, maxLength: Int, texts: DialogTexts = .german) -> Result<FieldValue, Rejection> {
        if text.count < minLength {
            return reject(
                minLength <= 1 ? texts(.textEmpty) : texts(.textTooShort, ["min": "\(minLength)"]))
        }
        if text.count > maxLength {
            return reject(texts(.textTooLong, ["max": "\(maxLength)", "count": "\(text.count)"]))
        }
        return .success(.text(text))
    }

    static func validateName(_ text: String, texts: DialogTexts = .german) -> Result<FieldValue, Rejection> {
        let letters = text.filter(\.isLetter).count
        let allowed = text.allSatisfy { $0.isLetter || $0 == " " || $0 == "-" || $0 == "'" || $0 == "’" || $0 == "." }
        guard allowed, letters >= 2, text.count <= 100 else {
            return reject(texts(.invalidName))
        }
        return .success(.text(text.split(separator: " ").joined(separator: " ")))
    }

    static func validateDate(
        _ text: String, earliest: DateBound?, latest: DateBound?, today: CalendarDate, texts: DialogTexts = .german
    ) -> Result<FieldValue, Rejection> {
        let read = texts.language == .english ? EnglishDateReader.date(text, today: today) : nil
        guard let date = read ?? GermanDateReader.date(text, today: today) else {
            return reject(texts(EnglishDateReader.isAmbiguous(text) ? .ambiguousDate : .invalidDate))
        }
        if let earliest = earliest?.resolve(today: today), date < earliest {
            if earliest == today { return reject(texts(.datePast, ["date": texts.date(date)])) }
            return reject(texts(.dateTooEarly, ["date": texts.date(date), "earliest": texts.date(earliest)]))
        }
        if let latest = latest?.resolve(today: today), latest < date {
            if latest == today { return reject(texts(.dateFuture, ["date": texts.date(date)])) }
            return reject(texts(.dateTooLate, ["date": texts.date(date), "latest": texts.date(latest)]))
        }
        return .success(.date(date))
    }

    static func validateTime(_ text: String, earliest: TimeOfDay?, latest: TimeOfDay?, texts: DialogTexts = .german) -> Result<FieldValue, Rejection>
    {
        guard let read = GermanDateReader.time(text) else {
            return reject(texts(.invalidTime))
        }
        let time = EnglishDateReader.afternoon(read, in: text)
        if let earliest, time < earliest { return reject(texts(.timeTooEarly, ["time": "\(time)", "earliest": "\(earliest)"])) }
        if let latest, latest < time { return reject(texts(.timeTooLate, ["time": "\(time)", "latest": "\(latest)"])) }
        return .success(.time(time))
    }

    static func validateNumber(
        _ text: String, min: Double?, max: Double?, integer: Bool, unit: String?, texts: DialogTexts = .german
    ) -> Result<FieldValue, Rejection> {
        let lowered = text.lowercased()
        var number: Double?
        for word in lowered.split(whereSeparator: { $0.isWhitespace }) {
            let cleaned = word.trimmingCharacters(in: ["(", ")", "~", "?", "!"])
            if let value = Double(cleaned.replacingOccurrences(of: ",", with: ".")) {
                number = value
                break
            }
            if let value = GermanDateReader.numberWords[String(cleaned)] ?? EnglishDateReader.numberWords[String(cleaned)] {
                number = Double(value)
                break
            }
        }
        let example = unit.map { texts(.numberExampleUnit, ["unit": $0]) } ?? texts(.numberExample)
        guard let number else { return reject(texts(.invalidNumber, ["example": example])) }
        if integer, number != number.rounded() { return reject(texts(.notInteger, ["example": example])) }
        let shown = { (value: Double) in FieldValue.number(value).display(for: .number(min: nil, max: nil, integer: false, unit: unit), texts: texts)
        }
        if let min, number < min { return reject(texts(.numberTooSmall, ["number": shown(number), "min": shown(min)])) }
        if let max, number > max { return reject(texts(.numberTooLarge, ["number": shown(number), "max": shown(max)])) }
        return .success(.number(number))
    }

    static func validatePostalCode(_ text: String, allowed: [String], texts: DialogTexts = .german) -> Result<FieldValue, Rejection> {
        let digits = text.filter { !$0.isWhitespace }
        guard digits.count == 5, digits.allSatisfy(\.isNumber) else {
            return reject(texts(.invalidPostalCode))
        }
        if !allowed.isEmpty, !allowed.contains(digits) {
            return reject(texts(.postalCodeElsewhere, ["code": digits, "allowed": allowed.joined(separator: ", ")]))
        }
        return .success(.text(digits))
    }

    static func validateStreetAddress(_ text: String, texts: DialogTexts = .german) -> Result<FieldValue, Rejection> {
        let words = text.split(separator: " ")
        guard let last = words.last, words.count >= 2 || text.contains(where: \.isNumber),
            let firstDigit = text.firstIndex(where: \.isNumber),
            text[..<firstDigit].contains(where: \.isLetter),
            last.first?.isNumber == true || (words.count >= 2 && words[words.count - 2].first?.isNumber == true)
        else {
            return reject(texts(.invalidStreet))
        }
        return .success(.text(words.joined(separator: " ")))
    }

    static func validateEmail(_ text: String, texts: DialogTexts = .german) -> Result<FieldValue, Rejection> {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        let valid =
            parts.count == 2 && !parts[0].isEmpty && !text.contains(" ")
            && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && (parts[1].split(separator: ".").last?.count ?? 0) >= 2
        guard valid else { return reject(texts(.invalidEmail)) }
        return .success(.text(text.lowercased()))
    }

    static func validatePhone(_ input: String, texts: DialogTexts = .german) -> Result<FieldValue, Rejection> {
        // "+49 (0)30 …": the trunk zero in brackets is not dialled after the country code.
        let text = input.replacingOccurrences(of: "(0)", with: "")
        let allowed = text.allSatisfy { $0.isNumber || " /-()+".contains($0) }
        let digits = text.filter(\.isNumber)
        let international = text.hasPrefix("+49") || text.hasPrefix("0049")
        let national = text.first == "0" && !text.hasPrefix("00")
        guard allowed, international || national, (7...15).contains(digits.count) else {
            return reject(texts(.invalidPhone))
        }
        let normalised = international ? "+49" + (text.hasPrefix("+49") ? digits.dropFirst(2) : digits.dropFirst(4)) : "+49" + digits.dropFirst()
        return .success(.text(String(normalised)))
    }

    static func validateIBAN(_ text: String, countries: [String], texts: DialogTexts = .german) -> Result<FieldValue, Rejection> {
        let iban = IBAN.compact(text)
        if let problem = IBAN.problem(iban) {
            switch problem {
            case .invalidCharacters:
                return reject(texts(.ibanFormat))
            case .unknownCountry(let country):
                return reject(texts(.ibanCountry, ["country": country]))
            case .wrongLength(let country, let expected, let actual):
                let name = IBAN.countryNames[country].map { "Eine \($0) IBAN" } ?? "Eine IBAN aus \(country)"
                return reject(texts(.ibanLength, ["name": name, "country": country, "expected": "\(expected)", "actual": "\(actual)"]))
            case .checksum:
                return reject(texts(.ibanChecksum))
            }
        }
        if !countries.isEmpty, !countries.contains(String(iban.prefix(2))) {
            return reject(texts(.ibanCountries, ["countries": countries.joined(separator: ", ")]))
        }
        return .success(.text(iban))
    }

    static func validateChoice(_ text: String, options: [ChoiceOption], texts: DialogTexts = .german) -> Result<FieldValue, Rejection> {
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
        return reject(texts(.invalidChoice, ["options": listed]))
    }

    /// Words and phrases that mean no; checked before the yes words, so "lieber nicht" is no.
    static let noPhrases = [
        "nein", "nee", "ne", "no", "nö", "no", "nope", "nicht", "niemals", "keinesfalls", "falsch",
        "auf keinen fall", "lieber nicht", "eher nicht", "kein", "keine", "n", "no thanks", "not really", "nah",
    ]
    static let yesPhrases = [
        "ja", "jo", "jap", "jep", "jup", "yes", "klar", "gerne", "gern", "passt", "ok", "okay",
        "genau", "sicher", "natürlich", "naturlich", "jawohl", "richtig", "stimmt", "einverstanden",
        "j", "japp", "sehr gerne", "mach", "machen", "korrekt", "selbstverständlich", "zustimmen",
        "yeah", "yep", "sure", "of course", "correct", "i agree", "agreed", "please do", "go ahead",
    ]

    /// Phrases of someone who does not know; neither yes nor no.
    static let unsurePhrases = [
        "weiss ich nicht", "weiß ich nicht", "weiss nicht", "weiß nicht", "keine ahnung", "vielleicht",
        "unsicher", "mal sehen", "kommt drauf an", "bin mir nicht sicher", "don t know", "dont know", "not sure", "maybe",
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

    static func validateYesNo(_ text: String, texts: DialogTexts = .german) -> Result<FieldValue, Rejection> {
        guard let answer = yesNo(text) else { return reject(texts(.answerYesNo)) }
        return .success(.bool(answer))
    }
}
