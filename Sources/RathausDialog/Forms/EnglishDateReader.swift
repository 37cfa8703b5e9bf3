import RathausCatalog

/// Reads dates the way English speakers write them: "March 3", "3 March 2027", "3rd of March",
/// "2027-04-03", "today", "tomorrow", "the day after tomorrow", "(next) Monday", "in two weeks".
/// "3/4/2027" is refused as ambiguous (3 April or 4 March?); "13/4/2027" can only be 13 April.
public enum EnglishDateReader {
    static let months = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5, "june": 6,
        "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10,
        "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]
    static let weekdays = ["monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7]
    static let numberWords = [
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12,
    ]

    /// `time` read from `text` with "pm" taken into account ("2 pm" is 14:00, "12 am" midnight).
    public static func afternoon(_ time: TimeOfDay, in text: String) -> TimeOfDay {
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        let isPM =
            words.contains("pm") || text.lowercased().contains("p.m.")
            || words.contains { $0.hasSuffix("pm") && $0.dropLast(2).allSatisfy(\.isNumber) }
        let isAM = words.contains("am") || words.contains { $0.hasSuffix("am") && $0.dropLast(2).allSatisfy(\.isNumber) }
        if isPM, time.hour < 12 { return TimeOfDay(hour: time.hour + 12, minute: time.minute) ?? time }
        if isAM, time.hour == 12 { return TimeOfDay(hour: 0, minute: time.minute) ?? time }
        return time
    }

    /// The date `text` names, or nil when it names none (or an ambiguous one, see ``isAmbiguous(_:)``).
    public static func date(_ text: String, today: CalendarDate) -> CalendarDate? {
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" && $0 != "/" }).map(String.init)
        if words.contains("today") { return today }
        if words.contains("tomorrow") { return words.contains("after") ? today.adding(days: 2) : today.adding(days: 1) }
        for word in words {
            if word.contains("-"), let date = CalendarDate(iso: word) { return date }
            let parts = word.split(separator: "/").compactMap { Int($0) }
            if parts.count == 3, !isAmbiguous(word) {
                let (day, month) = parts[0] > 12 ? (parts[0], parts[1]) : (parts[1], parts[0])
                return CalendarDate(year: parts[2], month: month, day: day)
            }
        }
        if let date = namedMonthDate(words, today: today) { return date }
        if let index = words.firstIndex(of: "in"), index + 2 < words.count, let amount = Int(words[index + 1]) ?? numberWords[words[index + 1]] {
            let unit = words[index + 2]
            if unit.hasPrefix("day") { return today.adding(days: amount) }
            if unit.hasPrefix("week") { return today.adding(days: 7 * amount) }
            if unit.hasPrefix("month") { return today.adding(months: amount) }
        }
        for (position, word) in words.enumerated() {
            guard let weekday = weekdays[word] else { continue }
            var ahead = (weekday - today.weekday + 7) % 7
            if ahead == 0 { ahead = 7 }
            if position > 0, words[position - 1] == "next", words.contains("week") { ahead += 7 }
            return today.adding(days: ahead)
        }
        return nil
    }

    /// True for "3/4/2027": day and month could be either way round.
    public static func isAmbiguous(_ text: String) -> Bool {
        text.split(whereSeparator: \.isWhitespace).contains { word in
            let parts = word.split(separator: "/").compactMap { Int($0) }
            return parts.count >= 2 && parts[0] <= 12 && parts[1] <= 12 && parts[0] != parts[1]
        }
    }

    /// "March 3", "March 3rd, 2027", "3 March", "3rd of March 2027".
    private static func namedMonthDate(_ words: [String], today: CalendarDate) -> CalendarDate? {
        for (position, word) in words.enumerated() {
            guard let month = months[word] else { continue }
            let before =
                position > 0
                ? dayNumber(words[position - 1]) ?? (position > 1 && words[position - 1] == "of" ? dayNumber(words[position - 2]) : nil) : nil
            let after = position + 1 < words.count ? dayNumber(words[position + 1]) : nil
            guard let day = before ?? after else { continue }
            let yearPosition = before != nil ? position + 1 : position + 2
            if yearPosition < words.count, words[yearPosition].count == 4, let year = Int(words[yearPosition]) {
                return CalendarDate(year: year, month: month, day: day)
            }
            guard let thisYear = CalendarDate(year: today.year, month: month, day: day) else { return nil }
            return thisYear < today ? CalendarDate(year: today.year + 1, month: month, day: day) : thisYear
        }
        return nil
    }

    /// "3", "3rd", "21st" → the day; nil for anything else.
    private static func dayNumber(_ word: String) -> Int? {
        let digits = word.prefix { $0.isNumber }
        guard !digits.isEmpty, digits.count <= 2, ["", "st", "nd", "rd", "th"].contains(String(word.dropFirst(digits.count))) else { return nil }
        return Int(digits).flatMap { (1...31).contains($0) ? $0 : nil }
    }
}
