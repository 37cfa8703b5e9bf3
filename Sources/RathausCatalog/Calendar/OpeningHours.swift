/// Opening hours in a subset of the OpenStreetMap `opening_hours` syntax, reasoned about the calendar.
///
/// Supported syntax:
/// - Rules are separated by `;` and read in order. A later rule that matches a day replaces earlier rules for that day.
/// - A rule is a day selector followed by times: `Mo-Fr 08:00-12:00`.
/// - Weekdays `Mo Tu We Th Fr Sa Su`, lists `Mo,Tu,Fr`, ranges `Mo-Fr` (also across Sunday, `Fr-Mo`), combinations
///   `Mo-We,Fr`.
/// - The n-th weekday of the month: `Sa[1]`, `Sa[1,3]`, `Sa[-1]` for the last one (1 to 5 and -1).
/// - `PH` selects statutory public holidays, also in lists: `PH,Su off`.
/// - Dates: `Dec 24`, `Dec 24,31`, `Dec 24-26`, `Dec 24,Jan 1` (English month abbreviations `Jan` to `Dec`).
/// - Times: `08:00-12:30`, several separated by commas `08:00-12:30,14:00-16:00`; the end may be `24:00`, a span may not
///   run past midnight.
/// - `off` or `closed` instead of times closes the selected days. Every rule needs times or `off`.
///
/// Public holidays are closed unless a rule with `PH`, or a date rule that names the day, comes last for that day.
/// Weekday rules never apply on a public holiday. A day that no rule matches is closed.
public struct OpeningHours: Sendable, Hashable {
    /// One span of time in which the office is open, from `opens` (included) to `closes` (excluded).
    public struct Interval: Sendable, Hashable, CustomStringConvertible {
        /// The time the office opens.
        public let opens: ClockTime
        /// The time the office closes; after `opens`.
        public let closes: ClockTime

        /// The interval, or nil when `closes` is not after `opens`.
        public init?(opens: ClockTime, closes: ClockTime) {
            guard opens < closes else { return nil }
            self.opens = opens
            self.closes = closes
        }

        /// Whether the office is open at `time` in this interval: from `opens` up to, not including, `closes`.
        public func contains(_ time: ClockTime) -> Bool {
            opens <= time && time < closes
        }

        /// German, "8:00 bis 12:30 Uhr".
        public var german: String {
            "\(opens.german) bis \(closes.german) Uhr"
        }

        /// The `opening_hours` form, "08:00-12:30".
        public var description: String {
            "\(opens)-\(closes)"
        }
    }

    /// The text as written, e.g. `Mo-Fr 08:00-12:00; PH off`.
    public let text: String

    /// The rules in the order written.
    let rules: [Rule]

    /// Reads `text`; throws an error naming the rule and what is wrong.
    public init(_ text: String) throws(OpeningHoursError) {
        self.text = text
        var rules: [Rule] = []
        var offset = 0
        for piece in text.split(separator: ";", omittingEmptySubsequences: false) {
            defer { offset += piece.count + 1 }
            let rule = String(piece).trimmed
            guard !rule.isEmpty else { continue }
            let context = RuleContext(
                rule: rule, number: rules.count + 1, position: offset + piece.prefix(while: \.isWhitespace).count)
            rules.append(try context.parse())
        }
        guard !rules.isEmpty else {
            throw OpeningHoursError(
                rule: text, ruleNumber: 0, position: 0,
                message: "Die Öffnungszeiten sind leer. Schreiben Sie zum Beispiel „Mo-Fr 08:00-12:00; PH off“.")
        }
        self.rules = rules
    }

    /// The intervals in which the office is open on `date`, earliest first; empty when it is closed all day.
    public func intervals(on date: CalendarDate, holidays: PublicHolidays) -> [Interval] {
        let isHoliday = holidays.isHoliday(date)
        return rules.last { $0.matches(date, isHoliday: isHoliday) }?.intervals ?? []
    }

    /// Whether the office is open on `date` at `time`.
    public func isOpen(on date: CalendarDate, at time: ClockTime, holidays: PublicHolidays) -> Bool {
        intervals(on: date, holidays: holidays).contains { $0.contains(time) }
    }

    /// The next time the office opens strictly after `time` on `date`: later on the same day, or on one of the next
    /// `searchDays` days; nil when it does not open in that time.
    public func nextOpening(
        after date: CalendarDate, at time: ClockTime, holidays: PublicHolidays, searchDays: Int = 62
    ) -> (date: CalendarDate, interval: Interval)? {
        if let interval = intervals(on: date, holidays: holidays).first(where: { $0.opens > time }) {
            return (date, interval)
        }
        for offset in stride(from: 1, through: searchDays, by: 1) {
            let day = date.adding(days: offset)
            if let interval = intervals(on: day, holidays: holidays).first { return (day, interval) }
        }
        return nil
    }

    /// The rules as German lines for citizens, e.g. "Montag bis Freitag 8:00 bis 16:00 Uhr".
    ///
    /// Weekdays come first, those with equal times on one line ("Montag, Dienstag und Freitag 8:00 bis 12:30 Uhr");
    /// closed weekdays are left out. Then come the n-th weekdays ("jeden 1. Samstag im Monat 9:00 bis 12:00 Uhr") and
    /// the dates ("24. Dezember geschlossen"). The last line always tells public holidays: "an Feiertagen geschlossen",
    /// also when no rule names `PH`, since holidays are closed then; or their times when a `PH` rule opens.
    public func germanLines() -> [String] {
        lines(in: .german)
    }

    /// The rules as lines for citizens in `language` (English: "Monday to Friday 8:00–16:00"), in
    /// the order of ``germanLines()``; Leichte Sprache reads them in German.
    public func lines(in language: Language) -> [String] {
        let wording = language == .english ? Wording.english : Wording.german
        var plain: [Weekday: [Interval]] = [:]
        for rule in rules {
            guard case .weekdays(let selector) = rule.selector else { continue }
            for day in selector.days { plain[day] = rule.intervals }
        }

        var groups: [(days: [Weekday], intervals: [Interval])] = []
        for day in Weekday.allCases {
            guard let intervals = plain[day], !intervals.isEmpty else { continue }
            if let index = groups.firstIndex(where: { $0.intervals == intervals }) {
                groups[index].days.append(day)
            } else {
                groups.append(([day], intervals))
            }
        }
        var lines = groups.map { "\(wording.days($0.days)) \(wording.intervals($0.intervals))" }

        for (index, rule) in rules.enumerated() {
            guard case .weekdays(let selector) = rule.selector else { continue }
            for nth in selector.nth {
                let replacedLater = rules[(index + 1)...].contains {
                    if case .weekdays(let later) = $0.selector { later.days.contains(nth.weekday) } else { false }
                }
                let matters = !rule.intervals.isEmpty || !(plain[nth.weekday] ?? []).isEmpty
                guard !replacedLater, matters else { continue }
                lines.append("\(wording.nth(nth.occurrences, nth.weekday)) \(wording.intervals(rule.intervals))")
            }
        }

        for rule in rules {
            guard case .monthDays(let ranges) = rule.selector else { continue }
            lines.append("\(wording.dates(ranges)) \(wording.intervals(rule.intervals))")
        }

        let holidayRule = rules.last {
            if case .weekdays(let selector) = $0.selector { selector.publicHoliday } else { false }
        }
        lines.append("\(wording.onHolidays) \(wording.intervals(holidayRule?.intervals ?? []))")
        return lines
    }
}

// MARK: - Rules

extension OpeningHours {
    /// One rule: which days it selects and the times on those days.
    struct Rule: Sendable, Hashable {
        /// The rule as written, trimmed.
        let source: String
        /// The days the rule applies to.
        let selector: Selector
        /// The times on those days, earliest first; empty for `off`.
        let intervals: [Interval]

        /// Whether the rule applies to `date`; weekday rules apply to public holidays only through `PH`.
        func matches(_ date: CalendarDate, isHoliday: Bool) -> Bool {
            switch selector {
            case .monthDays(let ranges):
                return ranges.contains { $0.contains(date) }
            case .weekdays(let selector):
                if isHoliday { return selector.publicHoliday }
                return selector.days.contains(date.dayOfWeek) || selector.nth.contains { $0.matches(date) }
            }
        }
    }

    /// The day part of a rule.
    enum Selector: Sendable, Hashable {
        case weekdays(WeekdaySelector)
        case monthDays([MonthDayRange])
    }

    /// Weekdays, n-th weekdays of the month and public holidays, as in `Mo-Fr,Sa[1],PH`.
    struct WeekdaySelector: Sendable, Hashable {
        /// Every such weekday.
        var days: Set<Weekday> = []
        /// Only some occurrences of a weekday in the month.
        var nth: [NthWeekday] = []
        /// Whether `PH` is in the list.
        var publicHoliday = false
    }

    /// Some occurrences of one weekday in a month, `Sa[1,-1]`.
    struct NthWeekday: Sendable, Hashable {
        let weekday: Weekday
        /// 1 to 5 from the start of the month, -1 for the last.
        let occurrences: [Int]

        func matches(_ date: CalendarDate) -> Bool {
            guard date.dayOfWeek == weekday else { return false }
            return occurrences.contains { $0 == -1 ? date.isLastWeekdayOfKindInMonth : $0 == date.nthWeekdayInMonth }
        }
    }

    /// Days `first` to `last` of one month, every year: `Dec 24-26`.
    struct MonthDayRange: Sendable, Hashable {
        let month: Int
        let first: Int
        let last: Int

        func contains(_ date: CalendarDate) -> Bool {
            date.month == month && (first...last).contains(date.day)
        }
    }
}

// MARK: - Wording

extension OpeningHours {
    static let germanMonths = [
        "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember",
    ]

    /// How the lines of opening hours are worded in one language.
    struct Wording: Sendable {
        let weekday: @Sendable (Weekday) -> String
        let months: [String]
        let and: String
        let to: String
        let daily: String
        let closed: String
        let onHolidays: String
        /// "8:00 bis 12:30 Uhr", "8:00–12:30".
        let interval: @Sendable (Interval) -> String
        /// "jeden 1. und 3. Samstag im Monat", "every 1st and 3rd Saturday of the month".
        let everyNth: @Sendable (_ ordinals: String, _ weekday: String) -> String
        let ordinal: @Sendable (Int) -> String
        let last: String
        /// "24. Dezember", "24 December".
        let dayOfMonth: @Sendable (_ days: String, _ month: String) -> String
        let dayNumber: @Sendable (Int) -> String

        static let german = Wording(
            weekday: \.german, months: germanMonths, and: "und", to: "bis", daily: "täglich", closed: "geschlossen",
            onHolidays: "an Feiertagen", interval: \.german, everyNth: { "jeden \($0) \($1) im Monat" }, ordinal: { "\($0)." },
            last: "letzten", dayOfMonth: { "\($0) \($1)" }, dayNumber: { "\($0)." })

        static let english = Wording(
            weekday: \.english,
            months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
            and: "and", to: "to", daily: "daily", closed: "closed", onHolidays: "on public holidays",
            interval: { "\($0.opens.german)–\($0.closes.german)" }, everyNth: { "every \($0) \($1) of the month" },
            ordinal: { $0 == 1 ? "1st" : $0 == 2 ? "2nd" : $0 == 3 ? "3rd" : "\($0)th" }, last: "last",
            dayOfMonth: { "\($0) \($1)" }, dayNumber: { "\($0)" })

        /// "a", "a und b", "a, b und c".
        func list(_ items: [String]) -> String {
            guard items.count > 1 else { return items.first ?? "" }
            return items.dropLast().joined(separator: ", ") + " \(and) " + items.last!
        }

        /// "geschlossen", "8:00 bis 12:30 Uhr und 14:00 bis 16:00 Uhr".
        func intervals(_ intervals: [Interval]) -> String {
            intervals.isEmpty ? closed : list(intervals.map(interval))
        }

        /// Runs of three or more days as "Montag bis Freitag", others one by one: "Montag bis Mittwoch und Freitag".
        func days(_ days: [Weekday]) -> String {
            let sorted = days.sorted()
            if sorted == Weekday.allCases { return daily }
            var runs: [[Weekday]] = []
            for day in sorted {
                if let last = runs.last?.last, last.rawValue + 1 == day.rawValue {
                    runs[runs.count - 1].append(day)
                } else {
                    runs.append([day])
                }
            }
            let items = runs.flatMap { run in
                run.count >= 3 ? ["\(weekday(run.first!)) \(to) \(weekday(run.last!))"] : run.map(weekday)
            }
            return list(items)
        }

        /// "jeden 1. und letzten Samstag im Monat".
        func nth(_ occurrences: [Int], _ day: Weekday) -> String {
            everyNth(list(occurrences.map { $0 == -1 ? last : ordinal($0) }), weekday(day))
        }

        /// "24. Dezember", "24. und 31. Dezember", "24. bis 26. Dezember", "24. Dezember und 1. Januar".
        func dates(_ ranges: [MonthDayRange]) -> String {
            var groups: [(month: Int, days: [String])] = []
            for range in ranges {
                let days = range.first == range.last ? dayNumber(range.first) : "\(dayNumber(range.first)) \(to) \(dayNumber(range.last))"
                if groups.last?.month == range.month {
                    groups[groups.count - 1].days.append(days)
                } else {
                    groups.append((range.month, [days]))
                }
            }
            return list(groups.map { dayOfMonth(list($0.days), months[$0.month - 1]) })
        }
    }
}

// MARK: - Parsing

/// One rule being read, with what an error needs to name it.
private struct RuleContext {
    let rule: String
    let number: Int
    let position: Int

    static let weekdayCodes = Dictionary(uniqueKeysWithValues: Weekday.allCases.map { ($0.openingHoursCode.lowercased(), $0) })
    static let germanWeekdayCodes = ["di": "Tu", "mi": "We", "do": "Th", "so": "Su"]
    static let monthCodes = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    static let germanMonthCodes = ["mär": "Mar", "mrz": "Mar", "mai": "May", "okt": "Oct", "dez": "Dec"]
    static let allowedWeekdays = "Erlaubt sind Mo, Tu, We, Th, Fr, Sa, Su und PH."

    func failure(_ message: String) -> OpeningHoursError {
        OpeningHoursError(rule: rule, ruleNumber: number, position: position, message: message)
    }

    /// The rule, or the first problem in it.
    func parse() throws(OpeningHoursError) -> OpeningHours.Rule {
        let tokens = rule.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let timeStart = tokens.firstIndex(where: { $0.contains(":") || Self.isOff($0) }) else {
            throw failure(
                "Die Regel „\(rule)“ hat keine Zeiten. Schreiben Sie Zeiten mit Doppelpunkt wie 08:00-12:00 oder „off“ für geschlossen.")
        }
        guard timeStart > 0 else {
            throw failure("Die Regel „\(rule)“ nennt keine Tage. Schreiben Sie zum Beispiel „Mo-Fr \(rule)“.")
        }
        let selector = try parseSelector(tokens[..<timeStart].joined(separator: " "))
        let intervals = try parseTimes(Array(tokens[timeStart...]))
        return OpeningHours.Rule(source: rule, selector: selector, intervals: intervals)
    }

    static func isOff(_ token: String) -> Bool {
        ["off", "closed"].contains(token.lowercased())
    }

    // MARK: Times

    func parseTimes(_ tokens: [String]) throws(OpeningHoursError) -> [OpeningHours.Interval] {
        if Self.isOff(tokens[0]) {
            guard tokens.count == 1 else {
                throw failure("In der Regel „\(rule)“ darf nach „\(tokens[0])“ nichts mehr folgen.")
            }
            return []
        }
        var intervals: [OpeningHours.Interval] = []
        for span in tokens.joined().split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            let ends = span.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard ends.count == 2 else {
                throw failure("Die Regel „\(rule)“ hat eine ungültige Zeitspanne „\(span)“. Schreiben Sie Zeitspannen wie 08:00-12:30.")
            }
            var times: [ClockTime] = []
            for end in ends {
                guard let time = ClockTime(end) else {
                    throw failure("Die Regel „\(rule)“ hat eine ungültige Uhrzeit „\(end)“. Erlaubt sind 00:00 bis 24:00.")
                }
                times.append(time)
            }
            guard let interval = OpeningHours.Interval(opens: times[0], closes: times[1]) else {
                throw failure(
                    "In der Regel „\(rule)“ endet die Zeitspanne „\(span)“ nicht nach ihrem Beginn. Zeiten über Mitternacht sind nicht möglich.")
            }
            intervals.append(interval)
        }
        intervals.sort { $0.opens < $1.opens }
        var merged: [OpeningHours.Interval] = []
        for interval in intervals {
            guard let previous = merged.last, interval.opens <= previous.closes else {
                merged.append(interval)
                continue
            }
            guard interval.opens == previous.closes else {
                throw failure("In der Regel „\(rule)“ überschneiden sich die Zeitspannen „\(previous)“ und „\(interval)“.")
            }
            merged[merged.count - 1] = OpeningHours.Interval(opens: previous.opens, closes: interval.closes)!
        }
        return merged
    }

    // MARK: Selectors

    func parseSelector(_ text: String) throws(OpeningHoursError) -> OpeningHours.Selector {
        let firstWord = String(text.prefix(while: \.isLetter)).lowercased()
        var depth = 0
        let hasLooseDigit = text.contains { character in
            if character == "[" { depth += 1 } else if character == "]" { depth -= 1 }
            return depth == 0 && character.isNumber
        }
        if Self.monthCodes.contains(firstWord) || Self.germanMonthCodes[firstWord] != nil || hasLooseDigit {
            return .monthDays(try parseMonthDays(text))
        }
        return .weekdays(try parseWeekdays(text))
    }

    /// `Mo-We,Fr,Sa[1,3],PH`.
    func parseWeekdays(_ text: String) throws(OpeningHoursError) -> OpeningHours.WeekdaySelector {
        var selector = OpeningHours.WeekdaySelector()
        for item in Self.splitOutsideBrackets(text) {
            if item.isEmpty {
                throw failure("Die Regel „\(rule)“ hat eine leere Angabe in der Liste der Tage. Prüfen Sie die Kommas.")
            }
            if item.lowercased() == "ph" {
                selector.publicHoliday = true
            } else if let bracket = item.firstIndex(of: "[") {
                selector.nth.append(try parseNth(item, bracket: bracket))
            } else if item.contains("-") {
                let ends = item.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
                guard ends.count == 2 else {
                    throw failure("Die Regel „\(rule)“ hat einen ungültigen Bereich „\(item)“. Schreiben Sie Bereiche wie Mo-Fr.")
                }
                if ends.contains(where: { $0.lowercased() == "ph" }) {
                    throw failure("In der Regel „\(rule)“ steht PH in einem Bereich. Schreiben Sie PH allein, etwa „Mo-Fr,PH“.")
                }
                var day = try weekday(ends[0])
                let last = try weekday(ends[1])
                selector.days.insert(day)
                while day != last {
                    day = day.next
                    selector.days.insert(day)
                }
            } else {
                selector.days.insert(try weekday(item))
            }
        }
        return selector
    }

    /// `Sa[1,-1]`.
    func parseNth(_ item: String, bracket: String.Index) throws(OpeningHoursError) -> OpeningHours.NthWeekday {
        let base = String(item[..<bracket]).trimmed
        let invalid = failure(
            "Die Regel „\(rule)“ hat eine ungültige Angabe „\(item)“. Erlaubt sind [1] bis [5] und [-1] für den letzten im Monat, etwa Sa[1,3]."
        )
        guard item.hasSuffix("]"), base.lowercased() != "ph", !base.contains("-") else { throw invalid }
        let inner = item[item.index(after: bracket)..<item.index(before: item.endIndex)]
        var occurrences: [Int] = []
        for number in inner.split(separator: ",", omittingEmptySubsequences: false) {
            guard let value = Int(String(number).trimmed), (1...5).contains(value) || value == -1 else { throw invalid }
            if !occurrences.contains(value) { occurrences.append(value) }
        }
        return OpeningHours.NthWeekday(weekday: try weekday(base), occurrences: occurrences)
    }

    func weekday(_ code: String) throws(OpeningHoursError) -> Weekday {
        if let day = Self.weekdayCodes[code.lowercased()] { return day }
        let hint = Self.germanWeekdayCodes[code.lowercased()].map { " Meinen Sie \($0)?" } ?? ""
        throw failure("Die Regel „\(rule)“ hat einen unbekannten Wochentag „\(code)“.\(hint) \(Self.allowedWeekdays)")
    }

    /// `Dec 24,31`, `Dec 24-26`, `Dec 24,Jan 1`.
    func parseMonthDays(_ text: String) throws(OpeningHoursError) -> [OpeningHours.MonthDayRange] {
        var ranges: [OpeningHours.MonthDayRange] = []
        var month: Int?
        for item in text.split(separator: ",", omittingEmptySubsequences: false).map({ String($0).trimmed }) {
            let monthWord = String(item.prefix(while: \.isLetter))
            if !monthWord.isEmpty {
                month = try monthNumber(monthWord)
            }
            guard let month else {
                throw failure("Die Regel „\(rule)“ nennt vor „\(item)“ keinen Monat. Schreiben Sie zum Beispiel „Dec 24“.")
            }
            let days = item.dropFirst(monthWord.count).filter { !$0.isWhitespace }
            let ends = days.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
            let limit = CalendarDate.days(inMonth: month, year: 2000)
            guard (1...2).contains(ends.count), let first = ends.first!, let last = ends.last!,
                (1...limit).contains(first), (first...limit).contains(last)
            else {
                throw failure(
                    "Die Regel „\(rule)“ hat ein ungültiges Datum „\(item)“. Schreiben Sie Daten wie Dec 24, Dec 24,31 oder Dec 24-26.")
            }
            ranges.append(OpeningHours.MonthDayRange(month: month, first: first, last: last))
        }
        return ranges
    }

    func monthNumber(_ word: String) throws(OpeningHoursError) -> Int {
        if let index = Self.monthCodes.firstIndex(of: word.lowercased()) { return index + 1 }
        let hint = Self.germanMonthCodes[word.lowercased()].map { " Meinen Sie \($0)?" } ?? ""
        throw failure(
            "Die Regel „\(rule)“ hat einen unbekannten Monat „\(word)“.\(hint) Erlaubt sind Jan, Feb, Mar, Apr, May, Jun, Jul, Aug, Sep, Oct, Nov und Dec."
        )
    }

    /// Splits at commas that are not inside `[...]`, trimming each item.
    static func splitOutsideBrackets(_ text: String) -> [String] {
        var items: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            switch character {
            case "[": depth += 1
            case "]": depth -= 1
            case "," where depth == 0:
                items.append(current.trimmed)
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        items.append(current.trimmed)
        return items
    }
}
