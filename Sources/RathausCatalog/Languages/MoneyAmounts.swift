/// Amounts of money written in a text ("156,00 Euro", "€156.00", "37 EUR"), read as cents so that
/// a translated fee can be compared with the German one whatever the separators.
enum MoneyAmounts {
    /// The amounts in `text`, in cents: numbers with "€", "Euro" or "EUR" right before or after them.
    static func `in`(_ text: String) -> [Int] {
        numbers(in: text, moneyOnly: true)
    }

    /// Every number in `text`, in cents ("40,00 bis 150,00 Euro" gives both), or only those marked
    /// as money when `moneyOnly`.
    static func numbers(in text: String, moneyOnly: Bool = false) -> [Int] {
        let characters = Array(text)
        var amounts: [Int] = []
        var index = 0
        while index < characters.count {
            guard characters[index].isASCIIDigit else {
                index += 1
                continue
            }
            var end = index
            while end < characters.count,
                characters[end].isASCIIDigit
                    || ((characters[end] == "." || characters[end] == ",") && end + 1 < characters.count && characters[end + 1].isASCIIDigit)
            {
                end += 1
            }
            let number = String(characters[index..<end])
            let before = String(characters[max(0, index - 2)..<index])
            let after = String(characters[end..<min(characters.count, end + 5)]).lowercased()
            let isMoney =
                before.contains("€") || after.hasPrefix("€") || after.hasPrefix(" €") || after.hasPrefix(" euro") || after.hasPrefix("euro")
                || after.hasPrefix(" eur")
            if isMoney || !moneyOnly, let cents = cents(number) { amounts.append(cents) }
            index = end
        }
        return amounts
    }

    /// "1.000,50", "1,000.50", "156,00", "37" → cents; the last separator followed by exactly two
    /// digits is the decimal one, every other separator groups thousands.
    static func cents(_ number: String) -> Int? {
        var whole = number, fraction = "00"
        if let last = number.lastIndex(where: { $0 == "." || $0 == "," }), number.distance(from: last, to: number.endIndex) == 3 {
            whole = String(number[..<last])
            fraction = String(number[number.index(after: last)...])
        }
        let digits = whole.filter(\.isASCIIDigit)
        guard let euros = Int(digits), let cents = Int(fraction) else { return nil }
        return euros * 100 + cents
    }

    /// Cents as a German amount ("156,00 Euro").
    static func written(_ cents: Int) -> String {
        let rest = cents % 100
        return "\(cents / 100),\(rest < 10 ? "0" : "")\(rest) Euro"
    }
}
