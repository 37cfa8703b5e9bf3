extension CalendarDate {
    /// The day of the week as a ``Weekday``; ``weekday`` gives the same as a number.
    public var dayOfWeek: Weekday {
        Weekday(rawValue: weekday)!
    }

    /// Which occurrence of its weekday in the month this day is: 1 for the first Saturday, 2 for the second, up to 5.
    public var nthWeekdayInMonth: Int {
        (day - 1) / 7 + 1
    }

    /// Whether no later day of the same weekday follows in this month, e.g. the last Saturday.
    public var isLastWeekdayOfKindInMonth: Bool {
        day + 7 > Self.days(inMonth: month, year: year)
    }

    /// The number of days in this date's month, 28 to 31.
    public var daysInMonth: Int {
        Self.days(inMonth: month, year: year)
    }
}

extension CalendarDate {
    /// Days from `other` to this date (negative when `other` is later).
    public func days(since other: CalendarDate) -> Int {
        dayNumber - other.dayNumber
    }
}
