/// International bank account numbers (ISO 13616): length per country and the mod-97 check.
public enum IBAN {
    /// Lengths of the IBANs of the SEPA countries and a few others.
    static let lengths: [String: Int] = [
        "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "EE": 20,
        "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IS": 26,
        "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31, "NL": 18, "NO": 15, "PL": 28,
        "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "TR": 26, "VA": 22,
    ]

    /// German names of countries, for error messages.
    public static let countryNames: [String: String] = [
        "DE": "deutsche", "AT": "österreichische", "CH": "schweizerische", "NL": "niederländische",
        "BE": "belgische", "FR": "französische", "LU": "luxemburgische", "PL": "polnische", "IT": "italienische",
        "ES": "spanische", "DK": "dänische",
    ]

    /// Why an IBAN is not valid.
    public enum Problem: Sendable, Hashable {
        case unknownCountry(String)
        case wrongLength(country: String, expected: Int, actual: Int)
        case invalidCharacters
        case checksum
    }

    /// `text` without blanks, in capitals.
    public static func compact(_ text: String) -> String {
        String(text.uppercased().filter { !$0.isWhitespace && $0 != "-" })
    }

    /// Checks a compact IBAN; nil when it is valid.
    public static func problem(_ iban: String) -> Problem? {
        guard iban.count >= 2, iban.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            return .invalidCharacters
        }
        let country = String(iban.prefix(2))
        guard country.allSatisfy(\.isLetter) else { return .invalidCharacters }
        guard let length = lengths[country] else { return .unknownCountry(country) }
        guard iban.count == length else { return .wrongLength(country: country, expected: length, actual: iban.count) }
        guard iban.dropFirst(2).prefix(2).allSatisfy(\.isNumber) else { return .invalidCharacters }
        return remainder(iban) == 1 ? nil : .checksum
    }

    /// The IBAN modulo 97, computed digit by digit after moving the first four characters to the end
    /// and writing letters as numbers (A = 10 ... Z = 35).
    static func remainder(_ iban: String) -> Int {
        let rearranged = iban.dropFirst(4) + iban.prefix(4)
        var remainder = 0
        for character in rearranged {
            guard let ascii = character.asciiValue else { return -1 }
            if character.isNumber {
                remainder = (remainder * 10 + Int(ascii - 48)) % 97
            } else {
                remainder = (remainder * 100 + Int(ascii - 55)) % 97
            }
        }
        return remainder
    }

    /// In groups of four: "DE89 3704 0044 0532 0130 00".
    public static func grouped(_ iban: String) -> String {
        var groups: [String] = []
        var rest = Substring(iban)
        while !rest.isEmpty {
            groups.append(String(rest.prefix(4)))
            rest = rest.dropFirst(4)
        }
        return groups.joined(separator: " ")
    }

    /// Grouped, with every character but the country code and the last four replaced by "•":
    /// "DE•• •••• •••• •••• ••30 00".
    public static func masked(_ iban: String) -> String {
        let visible = iban.count - 4
        let characters = iban.enumerated().map { $0.offset < 2 || $0.offset >= visible ? $0.element : "•" }
        return grouped(String(characters))
    }
}
