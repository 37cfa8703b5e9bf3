/// The statutory public holidays (gesetzliche Feiertage) of one German Land.
///
/// Covers the nine nationwide holidays and every holiday that a whole Land keeps, with the years in which
/// holidays were introduced: Reformationstag in Bremen, Hamburg, Niedersachsen and Schleswig-Holstein since 2018
/// (and nationwide once in 2017), Internationaler Frauentag in Berlin since 2019 and in Mecklenburg-Vorpommern
/// since 2023, Weltkindertag in Thüringen since 2019, and Berlin's one-off Tag der Befreiung on 8 May 2020 and 2025.
/// The rules are meant for the years from 1995 on.
///
/// Holidays that only part of a Land keeps are left out: Mariä Himmelfahrt in the mainly Catholic municipalities of
/// Bayern, Fronleichnam in some municipalities of Sachsen and Thüringen, and the Augsburger Friedensfest.
public struct PublicHolidays: Sendable, Hashable {
    /// The Land as a two-letter code without the country prefix, e.g. "NW".
    public let land: String

    /// The two-letter codes of all 16 Länder, as in ISO 3166-2 without "DE-".
    public static let lands = ["BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH"]

    /// The holidays of a Land given as ISO 3166-2 code, "DE-NW", or as "NW" (any case); nil for an unknown code.
    public init?(land: String) {
        var code = land.filter { !$0.isWhitespace }.uppercased()
        if code.hasPrefix("DE-") { code.removeFirst(3) }
        guard Self.lands.contains(code) else { return nil }
        self.land = code
    }

    /// The ISO 3166-2 code, "DE-NW".
    public var isoCode: String { "DE-" + land }

    /// The German name of the holiday on `date`, e.g. "Ostermontag", or nil on a working day.
    public func name(of date: CalendarDate) -> String? {
        holidays(in: date.year).first { $0.date == date }?.name
    }

    /// Whether `date` is a statutory public holiday in this Land.
    public func isHoliday(_ date: CalendarDate) -> Bool {
        name(of: date) != nil
    }

    /// All holidays of `year` in this Land, in calendar order, with their German names.
    public func holidays(in year: Int) -> [(date: CalendarDate, name: String)] {
        let easter = Self.easterSunday(year: year)
        func fixed(_ month: Int, _ day: Int) -> CalendarDate { CalendarDate(year: year, month: month, day: day)! }
        func keptIn(_ lands: String) -> Bool { lands.split(separator: " ").contains { $0 == land } }

        var list: [(date: CalendarDate, name: String)] = [
            (fixed(1, 1), "Neujahr"),
            (easter.adding(days: -2), "Karfreitag"),
            (easter.adding(days: 1), "Ostermontag"),
            (fixed(5, 1), "Tag der Arbeit"),
            (easter.adding(days: 39), "Christi Himmelfahrt"),
            (easter.adding(days: 50), "Pfingstmontag"),
            (fixed(10, 3), "Tag der Deutschen Einheit"),
            (fixed(12, 25), "1. Weihnachtstag"),
            (fixed(12, 26), "2. Weihnachtstag"),
        ]
        if keptIn("BW BY ST") { list.append((fixed(1, 6), "Heilige Drei Könige")) }
        if (land == "BE" && year >= 2019) || (land == "MV" && year >= 2023) {
            list.append((fixed(3, 8), "Internationaler Frauentag"))
        }
        if keptIn("BB") {
            list.append((easter, "Ostersonntag"))
            list.append((easter.adding(days: 49), "Pfingstsonntag"))
        }
        if land == "BE" && (year == 2020 || year == 2025) { list.append((fixed(5, 8), "Tag der Befreiung")) }
        if keptIn("BW BY HE NW RP SL") { list.append((easter.adding(days: 60), "Fronleichnam")) }
        if keptIn("SL") { list.append((fixed(8, 15), "Mariä Himmelfahrt")) }
        if land == "TH" && year >= 2019 { list.append((fixed(9, 20), "Weltkindertag")) }
        if keptIn("BB MV SN ST TH") || (keptIn("HB HH NI SH") && year >= 2018) || year == 2017 {
            list.append((fixed(10, 31), "Reformationstag"))
        }
        if keptIn("BW BY NW RP SL") { list.append((fixed(11, 1), "Allerheiligen")) }
        if keptIn("SN") {
            // The Wednesday before 23 November, i.e. eleven days before the first Sunday of Advent.
            let november22 = fixed(11, 22)
            list.append((november22.adding(days: -((november22.weekday - Weekday.wednesday.rawValue + 7) % 7)), "Buß- und Bettag"))
        }
        return list.sorted { $0.date < $1.date }
    }

    /// Easter Sunday of `year` in the Gregorian calendar, by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    public static func easterSunday(year: Int) -> CalendarDate {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CalendarDate(year: year, month: month, day: day)!
    }
}
