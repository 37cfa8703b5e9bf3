import RathausCatalog

/// Reads dates and times the way German citizens write them.
///
/// Dates: "3.4.2027", "03.04.27", "3.4.", "3. April", "3. April 2027", "2027-04-03", "heute",
/// "morgen", "übermorgen", "(am) Montag", "nächsten Montag", "in zwei Wochen", "in 3 Tagen",
/// "in einem Monat". Times: "14:30", "14.30", "14 Uhr", "14 Uhr 30", "9". Relative forms count
/// from `today`, which callers pass in so that tests can fix it.
public enum GermanDateReader {
    static let months = [
        "januar": 1, "jan": 1, "jänner": 1, "februar": 2, "feb": 2, "märz": 3, "marz": 3, "maerz": 3,
        "mär": 3, "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
        "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10,
        "november": 11, "nov": 11, "dezember": 12, "dez": 12,
    ]
    static let weekdays = [
        "montag": 1, "dienstag": 2, "mittwoch": 3, "donnerstag": 4, "freitag": 5, "samstag": 6,
        "sonnabend": 6, "sonntag": 7,
    ]
    static let numberWords = [
        "ein": 1, "eine": 1, "einem": 1, "einer": 1, "einen": 1, "zwei": 2, "drei": 3, "vier": 4,
        "fünf": 5, "funf": 5, "fuenf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10,
        "elf": 11, "zwölf": 12, "zwolf": 12, "zwoelf": 12,
    ]

    /// The date `text` names, or nil when it names none.
    public static func date(_ text: String, today: CalendarDate) -> CalendarDate? {
        let lowered = text.lowercased()
        let words = lowered.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "." && $0 != "-" })
            .map { String($0) }
        let plainWords = words.map { $0.trimmingDots }
        if plainWords.contains("übermorgen") || plainWords.contains("ubermorgen") || plainWords.contains("uebermorgen") {
            return today.adding(days: 2)
        }
        if plainWords.contains("morgen") { return today.adding(days: 1) }
        if plainWords.contains("heute") { return today }
        if let date = numericDate(words, today: today) { return date }
        if let date = namedMonthDate(plainWords, today: today) { return date }
        if let index = plainWords.firstIndex(of: "in"), index + 2 < plainWords.count {
            let amountWord = plainWords[index + 1], unit = plainWords[index + 2]
            if let amount = Int(amountWord) ?? numberWords[amountWord] {
                if unit.hasPrefix("tag") { return today.adding(days: amount) }
                if unit.hasPrefix("woche") { return today.adding(days: 7 * amount) }
                if unit.hasPrefix("monat") { return today.adding(months: amount) }
                if unit.hasPrefix("jahr") { return today.adding(months: 12 * amount) }
            }
        }
        for (position, word) in plainWords.enumerated() {
            guard let weekday = weekdays[word] else { continue }
            let next = position > 0 && ["nächsten", "nachsten", "naechsten", "kommenden", "nächster", "nachster"].contains(plainWords[position - 1])
            var ahead = (weekday - today.weekday + 7) % 7
            if ahead == 0 { ahead = 7 }
            if next, ahead < 7, plainWords.contains("woche") { ahead += 7 }
            return today.adding(days: ahead)
        }
        return nil
    }

    /// "3.4.2027", "03.04.27", "3.4.", "2027-04-03".
    private static func numericDate(_ words: [String], today: CalendarDate) -> CalendarDate? {
        for word in words {
            if word.contains("-"), let date = CalendarDate(iso: word) { return date }
            let parts = word.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count >= 2, let day = Int(parts[0]), let month = Int(parts[1]) else { continue }
            let yearText = parts.count >= 3 ? String(parts[2]) : ""
            if yearText.isEmpty {
                return upcoming(day: day, month: month, today: today)
            }
            guard var year = Int(yearText) else { continue }
            if yearText.count == 2 { year += year > (today.year % 100) + 20 ? 1900 : 2000 }
            if let date = CalendarDate(year: year, month: month, day: day) { return date }
        }
        return nil
    }

    /// "3. April", "3. April 2027", "am 3 april".
    private static func namedMonthDate(_ words: [String], today: CalendarDate) -> CalendarDate? {
        for (position, word) in words.enumerated() {
            guard let month = months[word], position > 0, let day = Int(words[position - 1]) else { continue }
            if position + 1 < words.count, let year = Int(words[position + 1]), words[position + 1].count == 4 {
                return CalendarDate(year: year, month: month, day: day)
            }
            return upcoming(day: day, month: month, today: today)
        }
        return nil
    }

    /// The next time this day and month come, today included.
    private static func upcoming(day: Int, month: Int, today: CalendarDate) -> CalendarDate? {
        guard let thisYear = CalendarDate(year: today.year, month: month, day: day) else {
            return CalendarDate(year: today.year + 1, month: month, day: day)
        }
        return thisYear < today ? CalendarDate(year: today.year + 1, month: month, day: day) : thisYear
    }

    /// The time `text` names, or nil.
    public static func time(_ text: String) -> TimeOfDay? {
        let lowered = text.lowercased()
        let words = lowered.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != ":" && $0 != "." }).map { String($0).trimmingDots }
        for (position, word) in words.enumerated() {
            let parts = word.split(whereSeparator: { $0 == ":" || $0 == "." })
            if parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), parts[1].count == 2 {
                return TimeOfDay(hour: hour, minute: minute)
            }
            guard parts.count == 1, let hour = Int(word), word.count <= 2 else { continue }
            var minute = 0
            if position + 2 < words.count, words[position + 1] == "uhr", let extra = Int(words[position + 2]) { minute = extra }
            if hour <= 23 { return TimeOfDay(hour: hour, minute: minute) }
        }
        return nil
    }
}

extension String {
    /// The text without leading and trailing dots ("3." → "3").
    var trimmingDots: String {
        var text = Substring(self)
        while text.hasSuffix(".") { text = text.dropLast() }
        while text.hasPrefix(".") { text = text.dropFirst() }
        return String(text)
    }
}
