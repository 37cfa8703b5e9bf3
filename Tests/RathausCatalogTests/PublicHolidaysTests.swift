import Testing

@testable import RathausCatalog

@Suite("Public holidays of the German Länder")
struct PublicHolidaysTests {
    static func date(_ iso: String) -> CalendarDate {
        CalendarDate(iso: iso)!
    }

    static func land(_ code: String) -> PublicHolidays {
        PublicHolidays(land: code)!
    }

    @Test(
        "Easter Sunday by the anonymous Gregorian algorithm",
        arguments: [
            (2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2027, "2027-03-28"),
            (2000, "2000-04-23"), (2019, "2019-04-21"), (2038, "2038-04-25"), (2285, "2285-03-22"),
        ])
    func easter(year: Int, expected: String) {
        #expect(PublicHolidays.easterSunday(year: year) == Self.date(expected))
    }

    @Test("Land codes with and without country prefix, any case")
    func landCodes() {
        #expect(PublicHolidays(land: "DE-NW")?.land == "NW")
        #expect(PublicHolidays(land: "nw")?.isoCode == "DE-NW")
        #expect(PublicHolidays(land: " de-by ")?.land == "BY")
        #expect(PublicHolidays(land: "XX") == nil)
        #expect(PublicHolidays(land: "DE-") == nil)
        #expect(PublicHolidays(land: "NRW") == nil)
        #expect(PublicHolidays.lands.count == 16)
        #expect(PublicHolidays.lands.allSatisfy { PublicHolidays(land: "DE-\($0)") != nil })
    }

    @Test("Movable holidays of 2027 in Nordrhein-Westfalen")
    func movableHolidays() {
        let nrw = Self.land("DE-NW")
        #expect(nrw.name(of: Self.date("2027-03-26")) == "Karfreitag")
        #expect(nrw.name(of: Self.date("2027-03-29")) == "Ostermontag")
        #expect(nrw.name(of: Self.date("2027-05-06")) == "Christi Himmelfahrt")
        #expect(nrw.name(of: Self.date("2027-05-17")) == "Pfingstmontag")
        #expect(nrw.name(of: Self.date("2027-05-27")) == "Fronleichnam")
        #expect(nrw.name(of: Self.date("2027-03-28")) == nil)  // Easter Sunday is no statutory holiday in NW
        #expect(nrw.name(of: Self.date("2027-03-30")) == nil)
    }

    @Test("Fronleichnam 2027 in NW, not in NI")
    func corpusChristi() {
        #expect(Self.land("NW").isHoliday(Self.date("2027-05-27")))
        #expect(!Self.land("NI").isHoliday(Self.date("2027-05-27")))
    }

    @Test(
        "Number of holidays in 2027 per Land",
        arguments: [
            ("BW", 12), ("BY", 12), ("BE", 10), ("BB", 12), ("HB", 10), ("HH", 10), ("HE", 10), ("MV", 11),
            ("NI", 10), ("NW", 11), ("RP", 11), ("SL", 12), ("SN", 11), ("ST", 11), ("SH", 10), ("TH", 11),
        ])
    func counts(land: String, count: Int) {
        let list = Self.land(land).holidays(in: 2027)
        #expect(list.count == count)
        #expect(list.map(\.date) == list.map(\.date).sorted())
    }

    @Test("Holidays that only some Länder keep")
    func perLand() {
        #expect(Self.land("BW").name(of: Self.date("2027-01-06")) == "Heilige Drei Könige")
        #expect(!Self.land("NW").isHoliday(Self.date("2027-01-06")))
        #expect(Self.land("SL").name(of: Self.date("2027-08-15")) == "Mariä Himmelfahrt")
        #expect(!Self.land("BY").isHoliday(Self.date("2027-08-15")))  // only in part of Bayern
        #expect(Self.land("TH").name(of: Self.date("2027-09-20")) == "Weltkindertag")
        #expect(Self.land("NW").name(of: Self.date("2027-11-01")) == "Allerheiligen")
        #expect(!Self.land("HE").isHoliday(Self.date("2027-11-01")))
        #expect(Self.land("BB").name(of: Self.date("2027-05-16")) == "Pfingstsonntag")
        #expect(Self.land("BB").name(of: Self.date("2027-03-28")) == "Ostersonntag")
        #expect(!Self.land("BE").isHoliday(Self.date("2027-05-16")))
    }

    @Test(
        "Buß- und Bettag is the Wednesday before 23 November, in Sachsen only",
        arguments: [
            "2025-11-19", "2026-11-18", "2027-11-17", "2028-11-22", "2029-11-21",
        ])
    func repentanceDay(iso: String) {
        #expect(Self.land("SN").name(of: Self.date(iso)) == "Buß- und Bettag")
        #expect(Self.date(iso).dayOfWeek == .wednesday)
        #expect(!Self.land("BY").isHoliday(Self.date(iso)))
    }

    @Test("Holidays introduced in later years")
    func introducedLater() {
        #expect(!Self.land("BE").isHoliday(Self.date("2018-03-08")))
        #expect(Self.land("BE").name(of: Self.date("2019-03-08")) == "Internationaler Frauentag")
        #expect(!Self.land("MV").isHoliday(Self.date("2022-03-08")))
        #expect(Self.land("MV").isHoliday(Self.date("2023-03-08")))
        #expect(!Self.land("TH").isHoliday(Self.date("2018-09-20")))
        #expect(!Self.land("NI").isHoliday(Self.date("2016-10-31")))
        #expect(Self.land("NI").name(of: Self.date("2018-10-31")) == "Reformationstag")
        #expect(Self.land("BY").name(of: Self.date("2017-10-31")) == "Reformationstag")  // nationwide once
        #expect(!Self.land("BY").isHoliday(Self.date("2018-10-31")))
        #expect(Self.land("SN").isHoliday(Self.date("2016-10-31")))
        #expect(Self.land("BE").name(of: Self.date("2025-05-08")) == "Tag der Befreiung")
        #expect(!Self.land("BE").isHoliday(Self.date("2026-05-08")))
    }

    @Test("Nationwide holidays in every Land")
    func nationwide() {
        for code in PublicHolidays.lands {
            let holidays = Self.land(code)
            #expect(holidays.name(of: Self.date("2027-01-01")) == "Neujahr", "\(code)")
            #expect(holidays.name(of: Self.date("2027-05-01")) == "Tag der Arbeit", "\(code)")
            #expect(holidays.name(of: Self.date("2027-10-03")) == "Tag der Deutschen Einheit", "\(code)")
            #expect(holidays.name(of: Self.date("2027-12-25")) == "1. Weihnachtstag", "\(code)")
            #expect(holidays.name(of: Self.date("2027-12-26")) == "2. Weihnachtstag", "\(code)")
            #expect(!holidays.isHoliday(Self.date("2027-12-24")), "\(code)")
        }
    }
}
