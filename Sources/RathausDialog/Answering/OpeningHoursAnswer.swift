import RathausCatalog

/// Answers "is the department open then?" from its opening hours, the town's public holidays and
/// the clock: open or not, from when to when, and the next opening when closed.
struct OpeningHoursAnswer {
    let department: Department
    let hours: OpeningHours
    let holidays: PublicHolidays
    /// What the answer says, in the conversation's language.
    let texts: DialogTexts

    /// Answers for `department`; nil when its file gives its hours only as lines of text.
    init?(department: Department, holidays: PublicHolidays, texts: DialogTexts = .german) {
        guard let hours = department.hours else { return nil }
        self.department = department
        self.hours = hours
        self.holidays = holidays
        self.texts = texts
    }

    /// The answer for `day`, seen from `now`.
    func text(for day: DayReference, now: TownTime) -> String {
        switch day {
        case .now:
            let today = hours.intervals(on: now.date, holidays: holidays)
            if let open = today.first(where: { $0.contains(now.time) }) {
                return texts(.openNow, ["department": department.name, "time": open.closes.german])
            }
            return texts(.closedNow, ["department": department.name]) + " " + nextOpening(after: now)
        case .day(let date):
            let intervals = hours.intervals(on: date, holidays: holidays)
            guard intervals.isEmpty else {
                let times = intervals.map { texts(.timeRange, ["opens": $0.opens.german, "closes": $0.closes.german]) }
                    .joined(separator: " \(texts(.and)) ")
                return texts(.openOn, ["department": department.name, "day": Self.dayName(date, texts: texts), "times": times])
            }
            let holiday = holidays.name(of: date).map { " " + texts(.holidayNote, ["name": $0]) } ?? ""
            return texts(.closedOn, ["department": department.name, "day": Self.dayName(date, texts: texts), "holiday": holiday]) + " "
                + nextOpening(after: TownTime(date: date, time: .startOfDay))
        }
    }

    /// "Nächste Öffnung: Dienstag, 30.03.2027, 8:00 Uhr." (or that none is known).
    private func nextOpening(after moment: TownTime) -> String {
        guard let next = hours.nextOpening(after: moment.date, at: moment.time, holidays: holidays) else {
            return texts(.noOpening)
        }
        return texts(.nextOpening, ["day": Self.dayName(next.date, texts: texts), "time": next.interval.opens.german])
    }

    /// "Samstag, 06.03.2027", "Saturday, 6 March 2027".
    static func dayName(_ date: CalendarDate, texts: DialogTexts = .german) -> String {
        let weekday = texts.language == .english ? date.dayOfWeek.english : date.dayOfWeek.german
        return "\(weekday), \(texts.date(date))"
    }
}
