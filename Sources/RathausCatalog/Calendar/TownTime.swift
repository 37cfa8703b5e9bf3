import Foundation

/// A moment as the town's clocks show it: a date and a time of day in Germany.
public struct TownTime: Sendable, Hashable {
    /// The day.
    public let date: CalendarDate
    /// The time of day.
    public let time: ClockTime

    /// A moment from its parts.
    public init(date: CalendarDate, time: ClockTime) {
        self.date = date
        self.time = time
    }

    /// `now` in Germany (Europe/Berlin).
    public static func current(now: Date = Date()) -> TownTime {
        let parts = germanCalendar.dateComponents([.year, .month, .day, .hour, .minute], from: now)
        return TownTime(
            date: CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!,
            time: ClockTime(hour: parts.hour!, minute: parts.minute!)!)
    }

    /// The Gregorian calendar in Germany's time zone, made once.
    private static let germanCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin") ?? .current
        return calendar
    }()

    /// Reads "2027-03-06T10:00" (ISO 8601, local time, as tests and `--now` give it).
    public init?(iso text: String) {
        let parts = text.split(separator: "T", maxSplits: 1).map(String.init)
        guard parts.count == 2, let date = CalendarDate(iso: parts[0]), let time = ClockTime(parts[1]) else { return nil }
        self.init(date: date, time: time)
    }
}
