/// A day of the week, Monday first as in Germany (ISO 8601 numbering).
public enum Weekday: Int, CaseIterable, Sendable, Hashable, Comparable, Codable {
    /// Montag.
    case monday = 1
    /// Dienstag.
    case tuesday
    /// Mittwoch.
    case wednesday
    /// Donnerstag.
    case thursday
    /// Freitag.
    case friday
    /// Samstag.
    case saturday
    /// Sonntag.
    case sunday

    /// The English name, "Monday".
    public var english: String {
        switch self {
        case .monday: "Monday"
        case .tuesday: "Tuesday"
        case .wednesday: "Wednesday"
        case .thursday: "Thursday"
        case .friday: "Friday"
        case .saturday: "Saturday"
        case .sunday: "Sunday"
        }
    }

    /// The German name, "Montag".
    public var german: String {
        switch self {
        case .monday: "Montag"
        case .tuesday: "Dienstag"
        case .wednesday: "Mittwoch"
        case .thursday: "Donnerstag"
        case .friday: "Freitag"
        case .saturday: "Samstag"
        case .sunday: "Sonntag"
        }
    }

    /// The two-letter code of the OpenStreetMap `opening_hours` syntax, "Mo".
    public var openingHoursCode: String {
        switch self {
        case .monday: "Mo"
        case .tuesday: "Tu"
        case .wednesday: "We"
        case .thursday: "Th"
        case .friday: "Fr"
        case .saturday: "Sa"
        case .sunday: "Su"
        }
    }

    /// The day after this one; Monday follows Sunday.
    public var next: Weekday {
        Weekday(rawValue: rawValue % 7 + 1)!
    }

    /// Whether `lhs` comes earlier in the week than `rhs`.
    public static func < (lhs: Weekday, rhs: Weekday) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
