import RathausCatalog
import RathausUnderstanding

/// The day a question about opening hours is about: "jetzt", "heute", "morgen", "am Samstag",
/// "nächsten Donnerstag", "am 24.12.". Nil when the question names no day.
enum DayReference: Equatable {
    /// This moment ("jetzt", "gerade").
    case now
    /// A given day.
    case day(CalendarDate)

    /// Folded weekday names in German and English, singular and plural ("samstag", "samstags", "saturday").
    private static let weekdays: [String: Weekday] = Dictionary(
        uniqueKeysWithValues: Weekday.allCases.flatMap { day in
            [day.german, day.english].map(TextNormalizer.fold).flatMap { name in [(name, day), (name + "s", day)] }
        })

    /// Folded words that name a day or this moment, in German and English.
    private static let dayWords: Set<String> = [
        "jetzt", "gerade", "aktuell", "momentan", "heute", "morgen", "ubermorgen", "now", "currently", "today", "tomorrow",
    ]

    /// True when `utterance` may name a day: a day word, a weekday or a number. Cheap, so that the
    /// clock is read only for such messages.
    static func mayNameDay(_ utterance: Utterance) -> Bool {
        utterance.containsNumber || utterance.words.contains { dayWords.contains($0) || weekdays[$0] != nil }
    }

    /// The day `utterance` asks about, counted from `now`.
    init?(_ utterance: Utterance, now: TownTime) {
        let words = utterance.words
        if words.contains(where: ["jetzt", "gerade", "aktuell", "momentan", "now", "currently"].contains) {
            self = .now
            return
        }
        if words.contains("heute") || words.contains("today") {
            self = .day(now.date)
            return
        }
        if words.contains("ubermorgen") || words.contains("tomorrow") && words.contains("after") {
            self = .day(now.date.adding(days: 2))
            return
        }
        if words.contains("morgen") || words.contains("tomorrow") {
            self = .day(now.date.adding(days: 1))
            return
        }
        if let day = words.lazy.compactMap({ Self.weekdays[$0] }).first {
            // The next such day, today included ("am Samstag" on a Saturday is today);
            // "nächsten Donnerstag" is the one after today.
            let isNext = words.contains { $0.hasPrefix("nachst") || $0 == "kommenden" || $0 == "next" }
            var date = isNext ? now.date.adding(days: 1) : now.date
            while date.dayOfWeek != day { date = date.adding(days: 1) }
            self = .day(date)
            return
        }
        if utterance.containsNumber, let date = Self.date(in: words, today: now.date) {
            self = .day(date)
            return
        }
        return nil
    }

    /// A date written "24.12." or "24.12.2027" (the words "24", "12" and maybe "2027"); without a
    /// year the next such day.
    private static func date(in words: [String], today: CalendarDate) -> CalendarDate? {
        for index in words.indices.dropLast() {
            guard let day = Int(words[index]), let month = Int(words[index + 1]), (1...31).contains(day), (1...12).contains(month)
            else { continue }
            if index + 2 < words.count, words[index + 2].count == 4, let year = Int(words[index + 2]) {
                return CalendarDate(year: year, month: month, day: day)
            }
            guard let thisYear = CalendarDate(year: today.year, month: month, day: day) else { return nil }
            return thisYear < today ? CalendarDate(year: today.year + 1, month: month, day: day) : thisYear
        }
        return nil
    }
}
