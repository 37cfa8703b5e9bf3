/// A time on the wall clock of a day, from 0:00 to 24:00 inclusive, to the minute.
///
/// 24:00 is the end of the day and may close an opening interval; it is the only time with hour 24.
public struct ClockTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The hour, 0-24 (24 only with minute 0).
    public let hour: Int
    /// The minute, 0-59.
    public let minute: Int

    /// The time, or nil when out of range.
    public init?(hour: Int, minute: Int = 0) {
        guard (0...24).contains(hour), (0...59).contains(minute), hour < 24 || minute == 0 else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// The time that many minutes after midnight, 0-1440, or nil when out of range.
    public init?(minutesSinceMidnight minutes: Int) {
        guard (0...1440).contains(minutes) else { return nil }
        self.init(hour: minutes / 60, minute: minutes % 60)
    }

    /// Reads "08:00", "8:00" or "24:00"; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hour = Int(parts[0]), let minute = Int(parts[1])
        else { return nil }
        self.init(hour: hour, minute: minute)
    }

    /// Midnight at the start of the day, 0:00.
    public static let startOfDay = ClockTime(hour: 0)!

    /// Midnight at the end of the day, 24:00.
    public static let endOfDay = ClockTime(hour: 24)!

    /// Minutes since midnight, 0-1440.
    public var minutesSinceMidnight: Int {
        hour * 60 + minute
    }

    /// German style without a leading zero on the hour: "8:00", "12:30".
    public var german: String {
        minute < 10 ? "\(hour):0\(minute)" : "\(hour):\(minute)"
    }

    /// The `opening_hours` style with two-digit hour: "08:00".
    public var description: String {
        (hour < 10 ? "0" : "") + german
    }

    /// Whether `lhs` is earlier in the day than `rhs`.
    public static func < (lhs: ClockTime, rhs: ClockTime) -> Bool {
        lhs.minutesSinceMidnight < rhs.minutesSinceMidnight
    }

    /// Reads a string like "08:00".
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let time = ClockTime(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Keine gültige Uhrzeit: \(text). Erwartet wird etwa 08:00.")
        }
        self = time
    }

    /// Writes a string like "08:00".
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
