import Foundation
import Testing

@testable import RathausCatalog

@Suite("Opening hours in the opening_hours syntax")
struct OpeningHoursTests {
    static let example = "Mo,Tu,Fr 08:00-12:30; We 08:00-12:30,14:00-16:00; Th 08:00-18:00; Sa[1] 09:00-12:00; PH off"
    static let nrw = PublicHolidays(land: "DE-NW")!

    static func date(_ iso: String) -> CalendarDate {
        CalendarDate(iso: iso)!
    }

    static func time(_ text: String) -> ClockTime {
        ClockTime(text)!
    }

    /// The intervals as "08:00-12:30" texts, easy to compare.
    static func spans(_ hours: OpeningHours, _ iso: String, holidays: PublicHolidays = nrw) -> [String] {
        hours.intervals(on: date(iso), holidays: holidays).map(\.description)
    }

    @Test("Clock times: German text, range, minutes and coding")
    func clockTime() throws {
        #expect(Self.time("08:00").german == "8:00")
        #expect(Self.time("12:30").german == "12:30")
        #expect(Self.time("9:05").description == "09:05")
        #expect(Self.time("24:00") == .endOfDay)
        #expect(Self.time("13:45").minutesSinceMidnight == 825)
        #expect(ClockTime(minutesSinceMidnight: 825) == Self.time("13:45"))
        #expect(ClockTime("24:30") == nil)
        #expect(ClockTime("12:60") == nil)
        #expect(ClockTime("7:5") == nil)
        #expect(ClockTime("0800") == nil)
        #expect(Self.time("08:00") < Self.time("08:01"))
        let json = try JSONEncoder().encode([Self.time("08:00")])
        #expect(String(decoding: json, as: UTF8.self) == #"["08:00"]"#)
        #expect(try JSONDecoder().decode([ClockTime].self, from: json) == [Self.time("08:00")])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ClockTime].self, from: Data(#"["25:00"]"#.utf8)) }
    }

    @Test("Weekdays and their place in the month")
    func weekdays() {
        #expect(Self.date("2027-03-06").dayOfWeek == .saturday)
        #expect(Self.date("2027-03-06").nthWeekdayInMonth == 1)
        #expect(Self.date("2027-03-13").nthWeekdayInMonth == 2)
        #expect(Self.date("2027-03-27").isLastWeekdayOfKindInMonth)
        #expect(!Self.date("2027-03-20").isLastWeekdayOfKindInMonth)
        #expect(Weekday.sunday.next == .monday)
        #expect(Weekday.thursday.german == "Donnerstag")
    }

    @Test("The example: each weekday gets its own times")
    func example() throws {
        let hours = try OpeningHours(Self.example)
        #expect(hours.text == Self.example)
        #expect(hours.rules.count == 5)
        #expect(Self.spans(hours, "2027-03-08") == ["08:00-12:30"])  // Monday
        #expect(Self.spans(hours, "2027-03-09") == ["08:00-12:30"])  // Tuesday
        #expect(Self.spans(hours, "2027-03-10") == ["08:00-12:30", "14:00-16:00"])  // Wednesday
        #expect(Self.spans(hours, "2027-03-11") == ["08:00-18:00"])  // Thursday
        #expect(Self.spans(hours, "2027-03-12") == ["08:00-12:30"])  // Friday
        #expect(Self.spans(hours, "2027-03-14").isEmpty)  // Sunday: no rule
    }

    @Test("First Saturday of the month open, second closed")
    func nthSaturday() throws {
        let hours = try OpeningHours(Self.example)
        #expect(Self.spans(hours, "2027-03-06") == ["09:00-12:00"])
        #expect(Self.spans(hours, "2027-03-13").isEmpty)
        #expect(hours.isOpen(on: Self.date("2027-03-06"), at: Self.time("10:00"), holidays: Self.nrw))
        #expect(!hours.isOpen(on: Self.date("2027-03-13"), at: Self.time("10:00"), holidays: Self.nrw))
    }

    @Test("Last and several Saturdays of the month")
    func lastSaturday() throws {
        let hours = try OpeningHours("Sa[1,3] 09:00-12:00; Sa[-1] 10:00-11:00")
        #expect(Self.spans(hours, "2027-03-06") == ["09:00-12:00"])
        #expect(Self.spans(hours, "2027-03-13").isEmpty)
        #expect(Self.spans(hours, "2027-03-20") == ["09:00-12:00"])
        #expect(Self.spans(hours, "2027-03-27") == ["10:00-11:00"])
    }

    @Test("Open and closed at the edges of an interval")
    func isOpen() throws {
        let hours = try OpeningHours(Self.example)
        let wednesday = Self.date("2027-03-10")
        #expect(!hours.isOpen(on: wednesday, at: Self.time("07:59"), holidays: Self.nrw))
        #expect(hours.isOpen(on: wednesday, at: Self.time("08:00"), holidays: Self.nrw))
        #expect(hours.isOpen(on: wednesday, at: Self.time("12:29"), holidays: Self.nrw))
        #expect(!hours.isOpen(on: wednesday, at: Self.time("12:30"), holidays: Self.nrw))
        #expect(hours.isOpen(on: wednesday, at: Self.time("15:00"), holidays: Self.nrw))
    }

    @Test("Easter Monday 2027 is closed in NW")
    func easterMonday() throws {
        let hours = try OpeningHours(Self.example)
        #expect(Self.spans(hours, "2027-03-29").isEmpty)
        #expect(!hours.isOpen(on: Self.date("2027-03-29"), at: Self.time("09:00"), holidays: Self.nrw))
        #expect(Self.spans(hours, "2027-04-05") == ["08:00-12:30"])  // the Monday after
    }

    @Test("Public holidays are closed even without a PH rule")
    func holidaysClosedByDefault() throws {
        let hours = try OpeningHours("Mo-Fr 08:00-12:00")
        #expect(Self.spans(hours, "2027-03-29").isEmpty)
        #expect(Self.spans(hours, "2027-05-27").isEmpty)  // Fronleichnam in NW
        #expect(Self.spans(hours, "2027-05-27", holidays: PublicHolidays(land: "NI")!) == ["08:00-12:00"])
    }

    @Test("A PH rule can open on public holidays")
    func holidayRuleOpens() throws {
        let hours = try OpeningHours("Mo-Fr 08:00-12:00; PH 10:00-11:00")
        #expect(Self.spans(hours, "2027-03-29") == ["10:00-11:00"])
        #expect(Self.spans(hours, "2027-03-30") == ["08:00-12:00"])
        let combined = try OpeningHours("Mo-Sa 08:00-12:00; PH,Su off")
        #expect(Self.spans(combined, "2027-03-29").isEmpty)
        #expect(Self.spans(combined, "2027-03-27") == ["08:00-12:00"])
    }

    @Test("Dec 24 off overrides a Friday")
    func christmasEve() throws {
        let hours = try OpeningHours("Mo-Fr 08:00-16:00; Dec 24 off")
        #expect(Self.spans(hours, "2027-12-24").isEmpty)
        #expect(Self.spans(hours, "2027-12-17") == ["08:00-16:00"])
        let reversed = try OpeningHours("Dec 24 off; Mo-Fr 08:00-16:00")
        #expect(Self.spans(reversed, "2027-12-24") == ["08:00-16:00"])  // the later rule wins
    }

    @Test("Date lists, date ranges and times on dates")
    func monthDays() throws {
        let hours = try OpeningHours("Mo-Fr 08:00-16:00; Dec 24,31 09:00-11:00; Dec 27-30 off")
        #expect(Self.spans(hours, "2027-12-31") == ["09:00-11:00"])
        #expect(Self.spans(hours, "2027-12-24") == ["09:00-11:00"])
        #expect(Self.spans(hours, "2027-12-27").isEmpty)
        #expect(Self.spans(hours, "2027-12-30").isEmpty)
        #expect(Self.spans(hours, "2027-12-23") == ["08:00-16:00"])
        let holiday = try OpeningHours("Dec 26 10:00-12:00")
        #expect(Self.spans(holiday, "2027-12-26") == ["10:00-12:00"])  // a date rule names the holiday itself
    }

    @Test("Later rules replace earlier ones for the days they match")
    func laterRuleWins() throws {
        let hours = try OpeningHours("Mo-Fr 08:00-16:00; We off; Fr 08:00-12:00")
        #expect(Self.spans(hours, "2027-03-08") == ["08:00-16:00"])
        #expect(Self.spans(hours, "2027-03-10").isEmpty)
        #expect(Self.spans(hours, "2027-03-12") == ["08:00-12:00"])
    }

    @Test("Ranges across Sunday, lower case and spaces after commas")
    func lenientSyntax() throws {
        let hours = try OpeningHours("fr-mo 10:00-12:00, 13:00 - 14:00 ; ph closed")
        #expect(Self.spans(hours, "2027-03-12") == ["10:00-12:00", "13:00-14:00"])
        #expect(Self.spans(hours, "2027-03-14") == ["10:00-12:00", "13:00-14:00"])
        #expect(Self.spans(hours, "2027-03-10").isEmpty)
        let touching = try OpeningHours("Mo 08:00-12:00,12:00-14:00")
        #expect(Self.spans(touching, "2027-03-08") == ["08:00-14:00"])
    }

    @Test("Next opening from Friday afternoon is Monday morning")
    func nextOpeningMonday() throws {
        let hours = try OpeningHours(Self.example)
        let next = hours.nextOpening(after: Self.date("2027-03-12"), at: Self.time("13:00"), holidays: Self.nrw)
        #expect(next?.date == Self.date("2027-03-15"))
        #expect(next?.interval.description == "08:00-12:30")
    }

    @Test("Next opening from Friday afternoon before the first Saturday is Saturday")
    func nextOpeningSaturday() throws {
        let hours = try OpeningHours(Self.example)
        let next = hours.nextOpening(after: Self.date("2027-03-05"), at: Self.time("13:00"), holidays: Self.nrw)
        #expect(next?.date == Self.date("2027-03-06"))
        #expect(next?.interval.opens == Self.time("09:00"))
    }

    @Test("Next opening skips Easter Monday and counts later today")
    func nextOpeningOtherCases() throws {
        let hours = try OpeningHours(Self.example)
        let afterEaster = hours.nextOpening(after: Self.date("2027-03-26"), at: Self.time("07:00"), holidays: Self.nrw)
        #expect(afterEaster?.date == Self.date("2027-03-30"))  // Good Friday, Saturday, Sunday, Easter Monday closed
        let sameDay = hours.nextOpening(after: Self.date("2027-03-10"), at: Self.time("10:00"), holidays: Self.nrw)
        #expect(sameDay?.date == Self.date("2027-03-10"))
        #expect(sameDay?.interval.opens == Self.time("14:00"))
        let exactly = hours.nextOpening(after: Self.date("2027-03-11"), at: Self.time("08:00"), holidays: Self.nrw)
        #expect(exactly?.date == Self.date("2027-03-12"))  // strictly after: Thursday 8:00 itself does not count
        let never = try OpeningHours("Dec 24 09:00-10:00")
        #expect(never.nextOpening(after: Self.date("2027-03-01"), at: Self.time("00:00"), holidays: Self.nrw) == nil)
        #expect(never.nextOpening(after: Self.date("2027-12-01"), at: Self.time("00:00"), holidays: Self.nrw)?.date == Self.date("2027-12-24"))
    }

    @Test("German lines of the example")
    func germanLinesExample() throws {
        let hours = try OpeningHours(Self.example)
        #expect(
            hours.germanLines() == [
                "Montag, Dienstag und Freitag 8:00 bis 12:30 Uhr",
                "Mittwoch 8:00 bis 12:30 Uhr und 14:00 bis 16:00 Uhr",
                "Donnerstag 8:00 bis 18:00 Uhr",
                "jeden 1. Samstag im Monat 9:00 bis 12:00 Uhr",
                "an Feiertagen geschlossen",
            ])
    }

    @Test("German lines group runs of weekdays and name dates")
    func germanLinesGrouping() throws {
        let hours = try OpeningHours("Mo-Fr 08:00-16:00; Sa[1,-1] 09:00-12:00; Dec 24,31 off; Dec 27-30 09:00-12:00; PH 10:00-11:00")
        #expect(
            hours.germanLines() == [
                "Montag bis Freitag 8:00 bis 16:00 Uhr",
                "jeden 1. und letzten Samstag im Monat 9:00 bis 12:00 Uhr",
                "24. und 31. Dezember geschlossen",
                "27. bis 30. Dezember 9:00 bis 12:00 Uhr",
                "an Feiertagen 10:00 bis 11:00 Uhr",
            ])
        let mixed = try OpeningHours("Mo-We,Fr 08:00-12:00; Th 14:00-18:00; Sa-Su off")
        #expect(
            mixed.germanLines() == [
                "Montag bis Mittwoch und Freitag 8:00 bis 12:00 Uhr", "Donnerstag 14:00 bis 18:00 Uhr", "an Feiertagen geschlossen",
            ])
        #expect(try OpeningHours("Mo-Su 00:00-24:00").germanLines().first == "täglich 0:00 bis 24:00 Uhr")
        #expect(try OpeningHours("Mo-Fr 08:00-12:00; Fr[-1] off").germanLines()[1] == "jeden letzten Freitag im Monat geschlossen")
    }

    @Test(
        "Invalid texts give German messages that name the rule",
        arguments: [
            (
                "Mo-Fx 08:00-12:00", 1, 0,
                "Die Regel „Mo-Fx 08:00-12:00“ hat einen unbekannten Wochentag „Fx“. Erlaubt sind Mo, Tu, We, Th, Fr, Sa, Su und PH."
            ),
            ("Mo 08:00-12:00; Di 08:00-12:00", 2, 16, "hat einen unbekannten Wochentag „Di“. Meinen Sie Tu?"),
            ("Mo-Fr", 1, 0, "Die Regel „Mo-Fr“ hat keine Zeiten."),
            ("Mo-Fr 8-12", 1, 0, "hat keine Zeiten. Schreiben Sie Zeiten mit Doppelpunkt"),
            ("08:00-12:00", 1, 0, "Die Regel „08:00-12:00“ nennt keine Tage."),
            ("Mo 12:00-08:00", 1, 0, "endet die Zeitspanne „12:00-08:00“ nicht nach ihrem Beginn"),
            ("Mo 08:00-25:00", 1, 0, "hat eine ungültige Uhrzeit „25:00“"),
            ("Mo 08:00", 1, 0, "hat eine ungültige Zeitspanne „08:00“"),
            ("Mo 08:00-12:00,11:00-14:00", 1, 0, "überschneiden sich die Zeitspannen „08:00-12:00“ und „11:00-14:00“"),
            ("Mo 08:00-12:00;  Sa[6] 09:00-12:00", 2, 17, "hat eine ungültige Angabe „Sa[6]“"),
            ("PH[1] off", 1, 0, "hat eine ungültige Angabe „PH[1]“"),
            ("PH-Su off", 1, 0, "steht PH in einem Bereich"),
            ("Mo,,Tu 08:00-12:00", 1, 0, "hat eine leere Angabe in der Liste der Tage"),
            ("Dec 32 off", 1, 0, "hat ein ungültiges Datum „Dec 32“"),
            ("Feb 30 off", 1, 0, "hat ein ungültiges Datum „Feb 30“"),
            ("Dec 26-24 off", 1, 0, "hat ein ungültiges Datum „Dec 26-24“"),
            ("Dez 24 off", 1, 0, "hat einen unbekannten Monat „Dez“. Meinen Sie Dec?"),
            ("24 Dec off", 1, 0, "nennt vor „24 Dec“ keinen Monat"),
            ("Mo off 08:00-12:00", 1, 0, "darf nach „off“ nichts mehr folgen"),
            ("", 0, 0, "Die Öffnungszeiten sind leer."),
            (" ; ", 0, 0, "Die Öffnungszeiten sind leer."),
        ])
    func invalid(text: String, ruleNumber: Int, position: Int, message: String) {
        #expect {
            _ = try OpeningHours(text)
        } throws: { error in
            guard let error = error as? OpeningHoursError else { return false }
            return error.ruleNumber == ruleNumber && error.position == position && error.description.contains(message)
        }
    }

    @Test("The error names the rule as written")
    func errorFields() {
        do {
            _ = try OpeningHours("Mo-Fr 08:00-12:00; Sa 9-12")
            Issue.record("The text should not parse.")
        } catch {
            #expect(error.rule == "Sa 9-12")
            #expect(error.ruleNumber == 2)
            #expect(error.position == 19)
            #expect(error.message.hasPrefix("Die Regel „Sa 9-12“"))
        }
    }
}
