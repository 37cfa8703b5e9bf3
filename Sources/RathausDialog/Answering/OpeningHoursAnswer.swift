import RathausCatalog

/// Answers "is the department open then?" from its opening hours, the town's public holidays and
/// the clock: open or not, from when to when, and the next opening when closed.
struct OpeningHoursAnswer {
    let department: Department
    let hours: OpeningHours
    let holidays: PublicHolidays

    /// Answers for `department`; nil when its file gives its hours only as lines of text.
    init?(department: Department, holidays: PublicHolidays) {
        guard let hours = department.hours else { return nil }
        self.department = department
        self.hours = hours
        self.holidays = holidays
    }

    /// The answer for `day`, seen from `now`.
    func text(for day: DayReference, now: TownTime) -> String {
        switch day {
        case .now:
            let today = hours.intervals(on: now.date, holidays: holidays)
            if let open = today.first(where: { $0.contains(now.time) }) {
                return "\(department.name): jetzt geöffnet, heute bis \(open.closes.german) Uhr."
            }
            return "\(department.name): jetzt geschlossen. " + nextOpening(after: now)
        case .day(let date):
            let intervals = hours.intervals(on: date, holidays: holidays)
            let when = "am \(Self.dayName(date))"
            guard intervals.isEmpty else {
                let times = intervals.map { "von \($0.opens.german) bis \($0.closes.german) Uhr" }.joined(separator: " und ")
                return "\(department.name): \(when), geöffnet \(times)."
            }
            let holiday = holidays.name(of: date).map { " (Feiertag: \($0))" } ?? ""
            return "\(department.name): \(when), geschlossen\(holiday). " + nextOpening(after: TownTime(date: date, time: .startOfDay))
        }
    }

    /// "Nächste Öffnung: Dienstag, 30.03.2027, 8:00 Uhr." (or that none is known).
    private func nextOpening(after moment: TownTime) -> String {
        guard let next = hours.nextOpening(after: moment.date, at: moment.time, holidays: holidays) else {
            return "In den nächsten Wochen ist keine Öffnung eingetragen."
        }
        return "Nächste Öffnung: \(Self.dayName(next.date)), \(next.interval.opens.german) Uhr."
    }

    /// "Samstag, 06.03.2027".
    static func dayName(_ date: CalendarDate) -> String {
        "\(date.dayOfWeek.german), \(date.german)"
    }
}
