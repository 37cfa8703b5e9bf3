import Foundation

/// A day in the Gregorian calendar, without time or time zone.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The year, e.g. 2027.
    public let year: Int
    /// The month, 1-12.
    public let month: Int
    /// The day of the month, 1-31.
    public let day: Int

    /// The date, or nil when the day does not exist (31 April).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Self.days(inMonth: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Today in Germany.
    public static func today(now: Date = Date()) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// ISO 8601, "2027-04-03".
    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// German, "03.04.2027".
    public var german: String {
        String(format: "%02d.%02d.%04d", day, month, year)
    }

    /// "3 April 2027", as English readers write a date without ambiguity.
    public var english: String {
        let months = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        ]
        return "\(day) \(months[month - 1]) \(year)"
    }

    /// Reads "2027-04-03".
    public init?(iso text: String) {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let date = CalendarDate(year: parts[0], month: parts[1], day: parts[2]) else { return nil }
        self = date
    }

    /// Days since 1 January of year 1 (proleptic Gregorian), for arithmetic.
    var dayNumber: Int {
        let y = year - 1
        var days = y * 365 + y / 4 - y / 100 + y / 400
        for m in 1..<month { days += Self.days(inMonth: m, year: year) }
        return days + day
    }

    /// The date `count` days later (earlier when negative).
    public func adding(days count: Int) -> CalendarDate {
        var result = self
        var remaining = count
        while remaining != 0 {
            if remaining > 0 {
                let left = Self.days(inMonth: result.month, year: result.year) - result.day
                if remaining <= left { return CalendarDate(year: result.year, month: result.month, day: result.day + remaining)! }
                remaining -= left + 1
                result =
                    result.month == 12
                    ? CalendarDate(year: result.year + 1, month: 1, day: 1)! : CalendarDate(year: result.year, month: result.month + 1, day: 1)!
            } else {
                if -remaining < result.day { return CalendarDate(year: result.year, month: result.month, day: result.day + remaining)! }
                remaining += result.day
                let month = result.month == 1 ? 12 : result.month - 1
                let year = result.month == 1 ? result.year - 1 : result.year
                result = CalendarDate(year: year, month: month, day: Self.days(inMonth: month, year: year))!
            }
        }
        return result
    }

    /// The date `count` months later, on the last day of the month when the day does not exist.
    public func adding(months count: Int) -> CalendarDate {
        let total = year * 12 + (month - 1) + count
        let newYear = total / 12, newMonth = total % 12 + 1
        return CalendarDate(year: newYear, month: newMonth, day: min(day, Self.days(inMonth: newMonth, year: newYear)))!
    }

    /// 1 = Monday ... 7 = Sunday.
    public var weekday: Int {
        (dayNumber - 1) % 7 + 1  // 1 January of year 1 was a Monday
    }

    /// Whether `lhs` is an earlier day than `rhs`.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// A limit for a date field: fixed, or relative to the day the citizen answers.
public enum DateBound: Sendable, Hashable {
    case absolute(CalendarDate)
    case relative(days: Int, months: Int)

    /// Reads `today`, `today+14d`, `today-18y`, `today+6m`, `today+1w` or `2027-12-31`.
    public init?(_ text: String) {
        if let date = CalendarDate(iso: text) {
            self = .absolute(date)
            return
        }
        guard text.hasPrefix("today") else { return nil }
        let rest = text.dropFirst(5)
        if rest.isEmpty {
            self = .relative(days: 0, months: 0)
            return
        }
        guard let sign = rest.first, sign == "+" || sign == "-", let unit = rest.last,
            let amount = Int(rest.dropFirst().dropLast())
        else { return nil }
        let signed = sign == "-" ? -amount : amount
        switch unit {
        case "d": self = .relative(days: signed, months: 0)
        case "w": self = .relative(days: 7 * signed, months: 0)
        case "m": self = .relative(days: 0, months: signed)
        case "y": self = .relative(days: 0, months: 12 * signed)
        default: return nil
        }
    }

    /// The date this bound stands for on `today`.
    public func resolve(today: CalendarDate) -> CalendarDate {
        switch self {
        case .absolute(let date): date
        case .relative(let days, let months): today.adding(months: months).adding(days: days)
        }
    }
}

/// A time of day.
public struct TimeOfDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// 0-23.
    public let hour: Int
    /// 0-59.
    public let minute: Int

    /// The time, or nil when out of range.
    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Reads "07:00".
    public init?(_ text: String) {
        let parts = text.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2, let time = TimeOfDay(hour: parts[0], minute: parts[1]) else { return nil }
        self = time
    }

    /// "07:00".
    public var description: String { String(format: "%02d:%02d", hour, minute) }

    /// Whether `lhs` is an earlier time of day than `rhs`.
    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool {
        (lhs.hour, lhs.minute) < (rhs.hour, rhs.minute)
    }
}
