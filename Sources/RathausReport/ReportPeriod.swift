import Foundation
import RathausCatalog

/// The days a report covers, from ``since`` to ``until`` inclusive, as the town's calendar
/// (Europe/Berlin) counts them.
public struct ReportPeriod: Sendable, Hashable {
    /// The first day.
    public let since: CalendarDate
    /// The last day.
    public let until: CalendarDate

    /// Days a report covers when no start is given.
    public static let defaultDays = 30

    /// The period from `since` to `until`; nil when `until` is before `since`.
    public init?(since: CalendarDate, until: CalendarDate) {
        guard until >= since else { return nil }
        self.since = since
        self.until = until
    }

    /// The last ``defaultDays`` days up to and including `today`, or from `since` when given, up
    /// to `until` when given.
    public static func resolve(since: CalendarDate?, until: CalendarDate?, today: CalendarDate) -> ReportPeriod? {
        let last = until ?? today
        return ReportPeriod(since: since ?? last.adding(days: -(defaultDays - 1)), until: last)
    }

    /// The first moment of the period: midnight at the start of ``since`` in the town.
    public var start: Date { Self.midnight(of: since) }
    /// The moment after the period: midnight at the end of ``until`` in the town.
    public var end: Date { Self.midnight(of: until.adding(days: 1)) }

    /// Every day of the period, in order.
    public var days: [CalendarDate] {
        (0...until.days(since: since)).map { since.adding(days: $0) }
    }

    /// The town's calendar.
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin") ?? .current
        return calendar
    }()

    /// Midnight at the start of `day` in the town.
    static func midnight(of day: CalendarDate) -> Date {
        calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
    }
}

/// The town's day of timestamps as the store writes them (UTC, `2026-11-30 23:15:02.123`),
/// worked out once per UTC hour: the time zone changes only on the hour.
struct TownDays {
    private var byHour: [Substring: CalendarDate] = [:]

    /// The town's day of `timestamp`; nil when it is not a timestamp.
    mutating func day(of timestamp: String) -> CalendarDate? {
        let hour = timestamp.prefix(13)
        if let known = byHour[hour] { return known }
        let parts = hour.split(whereSeparator: { $0 == "-" || $0 == " " }).compactMap { Int($0) }
        guard parts.count == 4 else { return nil }
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        guard let moment = utc.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: parts[3])) else { return nil }
        let day = CalendarDate.today(now: moment)
        byHour[hour] = day
        return day
    }
}
