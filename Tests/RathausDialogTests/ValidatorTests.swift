import Testing

@testable import RathausCatalog
@testable import RathausDialog

@Suite("Field validators")
struct ValidatorTests {
    /// Monday, 30 November 2026.
    static let today = CalendarDate(year: 2026, month: 11, day: 30)!

    static func field(_ kind: FieldKind, id: String = "feld") -> FormField {
        FormField(id: id, kind: kind, label: "Feld", prompt: "?", help: "Weil.")
    }

    static func validate(_ input: String, _ kind: FieldKind) -> Result<FieldValue, FieldValidator.Rejection> {
        FieldValidator.validate(input, for: field(kind), today: today)
    }

    static func value(_ input: String, _ kind: FieldKind) -> FieldValue? {
        try? validate(input, kind).get()
    }

    static func message(_ input: String, _ kind: FieldKind) -> String? {
        if case .failure(let rejection) = validate(input, kind) { return rejection.message }
        return nil
    }

    @Test("30 November 2026 is a Monday, and date arithmetic crosses months and years")
    func calendar() {
        #expect(Self.today.weekday == 1)
        #expect(Self.today.adding(days: 2) == CalendarDate(year: 2026, month: 12, day: 2))
        #expect(Self.today.adding(days: 33) == CalendarDate(year: 2027, month: 1, day: 2))
        #expect(Self.today.adding(days: -30) == CalendarDate(year: 2026, month: 10, day: 31))
        #expect(CalendarDate(year: 2027, month: 1, day: 31)!.adding(months: 1) == CalendarDate(year: 2027, month: 2, day: 28))
        #expect(CalendarDate(year: 2027, month: 2, day: 29) == nil)
    }

    @Test(
        "German and relative dates against a fixed today",
        arguments: [
            ("heute", "2026-11-30"), ("morgen", "2026-12-01"), ("übermorgen", "2026-12-02"), ("uebermorgen", "2026-12-02"),
            ("nächsten Montag", "2026-12-07"), ("am Freitag", "2026-12-04"), ("in zwei Wochen", "2026-12-14"),
            ("in 3 Tagen", "2026-12-03"), ("in einem Monat", "2026-12-30"), ("3.4.2027", "2027-04-03"), ("03.04.27", "2027-04-03"),
            ("3. April", "2027-04-03"), ("am 3 april 2028", "2028-04-03"), ("12.5.", "2027-05-12"), ("2027-01-15", "2027-01-15"),
            ("31.12.", "2026-12-31"),
        ])
    func dates(_ case: (String, String)) {
        #expect(Self.value(`case`.0, .date(earliest: nil, latest: nil))?.canonical == `case`.1)
    }

    @Test(
        "dates that are no dates, and dates outside the limits, say why",
        arguments: [
            ("irgendwann", "nicht als Datum"), ("31.4.2027", "nicht als Datum"), ("morgen", "zu früh"), ("in einer woche", "zu früh"),
            ("in zwei Wochen", nil), ("3.4.2027", "zu spät"),
        ] as [(String, String?)])
    func dateLimits(_ case: (String, String?)) {
        let kind = FieldKind.date(earliest: DateBound("today+14d"), latest: DateBound("today+3m"))
        if let expected = `case`.1 {
            #expect(Self.message(`case`.0, kind)?.contains(expected) == true, "\(Self.message(`case`.0, kind) ?? "accepted")")
        } else {
            #expect(Self.value(`case`.0, kind) != nil)
        }
    }

    @Test("a birth date cannot lie in the future")
    func pastOnly() {
        let kind = FieldKind.date(earliest: DateBound("today-120y"), latest: DateBound("today"))
        #expect(Self.value("1.1.1990", kind) != nil)
        #expect(Self.message("morgen", kind)?.contains("Zukunft") == true)
    }

    @Test(
        "date bounds read today, offsets in days, weeks, months and years, and fixed dates",
        arguments: [
            ("today", "2026-11-30"), ("today+14d", "2026-12-14"), ("today+1w", "2026-12-07"), ("today+6m", "2027-05-30"),
            ("today-18y", "2008-11-30"), ("2027-12-31", "2027-12-31"),
        ])
    func bounds(_ case: (String, String)) {
        #expect(DateBound(`case`.0)?.resolve(today: Self.today).description == `case`.1)
    }

    @Test("times", arguments: [("14:30", "14:30"), ("14.30", "14:30"), ("9 Uhr", "09:00"), ("um 10 uhr 15", "10:15"), ("7", "07:00")])
    func times(_ case: (String, String)) {
        #expect(Self.value(`case`.0, .time(earliest: nil, latest: nil))?.canonical == `case`.1)
    }

    @Test("times outside the opening hours and non-times are rejected")
    func timeLimits() {
        let kind = FieldKind.time(earliest: TimeOfDay("08:00"), latest: TimeOfDay("16:00"))
        #expect(Self.message("7:30", kind)?.contains("zu früh") == true)
        #expect(Self.message("17 Uhr", kind)?.contains("zu spät") == true)
        #expect(Self.message("mittags", kind)?.contains("Uhrzeit") == true)
        #expect(Self.value("12:00", kind) != nil)
    }

    @Test("numbers with comma, words and limits")
    func numbers() {
        let kind = FieldKind.number(min: 0.5, max: 5, integer: false, unit: "Kubikmeter")
        #expect(Self.value("2,5", kind) == .number(2.5))
        #expect(Self.value("ca. 3 kubikmeter", kind) == .number(3))
        #expect(Self.value("zwei", kind) == .number(2))
        #expect(Self.message("8", kind)?.contains("höchstens 5 Kubikmeter") == true)
        #expect(Self.message("0,2", kind)?.contains("mindestens 0,5 Kubikmeter") == true)
        #expect(Self.message("viel", kind)?.contains("Zahl") == true)
        #expect(Self.message("2,5", .number(min: nil, max: nil, integer: true, unit: nil))?.contains("ganze Zahl") == true)
    }

    @Test("postal codes have five digits and may be restricted to the town")
    func postalCodes() {
        let town = FieldKind.plz(allowed: ["12345", "12346"])
        #expect(Self.value("12345", town) == .text("12345"))
        #expect(Self.message("1234", town)?.contains("5 Ziffern") == true)
        #expect(Self.message("54321", town)?.contains("nicht in Musterstadt") == true)
        #expect(Self.value("54321", .plz(allowed: [])) == .text("54321"))
    }

    @Test(
        "street addresses need a street and a house number",
        arguments: [
            ("Hauptstraße 5", true), ("Am Markt 12a", true), ("Lindenweg 7 b", true), ("Hauptstraße", false), ("5", false), ("", false),
        ])
    func streetAddresses(_ case: (String, Bool)) {
        #expect((Self.value(`case`.0, .streetAddress) != nil) == `case`.1)
    }

    @Test(
        "names are letters, spaces and hyphens",
        arguments: [
            ("Anna Müller-Schmidt", true), ("O'Brien", true), ("René Dupont", true), ("R2D2", false), ("A", false), ("anna@x.de", false),
        ])
    func names(_ case: (String, Bool)) {
        #expect((Self.value(`case`.0, .name) != nil) == `case`.1)
    }

    @Test(
        "e-mail addresses",
        arguments: [
            ("anna@example.org", true), ("Anna.Mueller@stadt.musterstadt.de", true), ("anna@example", false), ("anna.example.org", false),
            ("anna @example.org", false), ("@example.org", false),
        ])
    func emails(_ case: (String, Bool)) {
        #expect((Self.value(`case`.0, .email) != nil) == `case`.1)
    }

    @Test(
        "German phone numbers in national and +49 form",
        arguments: [
            ("0123 456789", "+49123456789"), ("+49 123 456789", "+49123456789"), ("0049 (0)30/1234567", "+49301234567"),
            ("030-1234567", "+49301234567"),
            ("0176 12345678", "+4917612345678"), ("12345", nil), ("+1 555 1234567", nil), ("ruf mich an", nil),
        ] as [(String, String?)])
    func phones(_ case: (String, String?)) {
        #expect(Self.value(`case`.0, .phone)?.canonical == `case`.1)
    }

    @Test(
        "valid IBANs of several countries pass the mod-97 check",
        arguments: [
            "DE89 3704 0044 0532 0130 00", "DE02120300000000202051", "DE02 5001 0517 0137 0750 30", "AT611904300234573201",
            "CH9300762011623852957", "NL91ABNA0417164300", "GB82 WEST 1234 5698 7654 32", "BE68539007547034",
        ])
    func validIBANs(_ iban: String) {
        #expect(Self.value(iban, .iban(countries: [])) == .text(IBAN.compact(iban)))
    }

    @Test(
        "invalid IBANs get a sentence saying what is wrong",
        arguments: [
            ("DE89 3704 0044 0532 0130 01", "Prüfziffer"), ("DE89 3704 0044 0532 0130", "22 Zeichen, Ihre hat 20"),
            ("DE89 3704 0044 0532 0130 0000", "22 Zeichen, Ihre hat 24"), ("XX89370400440532013000", "kein Ländercode"),
            ("DE8937040044053201300!", "zwei Buchstaben"), ("DEAB370400440532013000", "zwei Buchstaben"),
            ("NL91ABNA0417164301", "Prüfziffer"),
        ])
    func invalidIBANs(_ case: (String, String)) {
        let message = Self.message(`case`.0, .iban(countries: []))
        #expect(message?.contains(`case`.1) == true, "\(message ?? "accepted")")
    }

    @Test("an IBAN is shown in groups of four with all but the last four digits masked")
    func maskedIBAN() {
        #expect(IBAN.grouped("DE89370400440532013000") == "DE89 3704 0044 0532 0130 00")
        #expect(IBAN.masked("DE89370400440532013000") == "DE•• •••• •••• •••• ••30 00")
        #expect(Self.message("AT611904300234573201", .iban(countries: ["DE"]))?.contains("DE") == true)
    }

    static let options = [
        ChoiceOption(id: "moebel", label: "Möbel", synonyms: ["schrank", "sofa"]),
        ChoiceOption(id: "elektro", label: "Elektrogeräte"), ChoiceOption(id: "sonstiges", label: "Sonstiges"),
    ]

    @Test(
        "a choice by number, label, synonym or id",
        arguments: [
            ("2", "elektro"), ("Möbel", "moebel"), ("moebel", "moebel"), ("ein altes Sofa", "moebel"), ("elektrogeräte bitte", "elektro"),
            ("3", "sonstiges"),
        ])
    func choices(_ case: (String, String)) {
        #expect(Self.value(`case`.0, .choice(Self.options)) == .choice(`case`.1))
    }

    @Test("an answer that is none of the options lists them")
    func invalidChoice() {
        #expect(Self.message("4", .choice(Self.options))?.contains("1. Möbel, 2. Elektrogeräte, 3. Sonstiges") == true)
        #expect(Self.message("garten", .choice(Self.options)) != nil)
    }

    @Test(
        "yes and no the way people say them",
        arguments: [
            ("ja", true), ("jo", true), ("klar", true), ("gerne", true), ("passt", true), ("ja, passt so", true), ("Okay!", true),
            ("nein", false), ("nee", false), ("lieber nicht", false), ("nö", false), ("auf keinen Fall", false),
        ])
    func yesNo(_ case: (String, Bool)) {
        #expect(Self.value(`case`.0, .yesNo) == .bool(`case`.1))
    }

    @Test(
        "a yes or no phrase counts only as whole words, and not knowing is neither",
        arguments: [
            ("ja gerne", true as Bool?), ("ne danke", false), ("eher nicht so", false), ("keine ahnung", nil), ("jahr", nil),
            ("nebenan", nil), ("weiß ich nicht", nil), ("ich bin mir nicht sicher", nil), ("klar doch", true),
        ])
    func yesNoPhrases(_ case: (String, Bool?)) {
        #expect(FieldValidator.yesNo(`case`.0) == `case`.1)
    }

    @Test("an unclear answer to a yes/no question asks for ja or nein")
    func unclearYesNo() {
        #expect(Self.message("vielleicht", .yesNo)?.contains("Ja oder Nein") == true)
    }

    @Test("free text has length limits")
    func text() {
        let kind = FieldKind.text(minLength: 3, maxLength: 10)
        #expect(Self.value("Sofa", kind) == .text("Sofa"))
        #expect(Self.message("ab", kind)?.contains("mindestens 3") == true)
        #expect(Self.message("ein sehr langer Text", kind)?.contains("höchstens 10") == true)
    }
}
