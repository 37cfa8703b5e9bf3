import Foundation

/// A moment as text in UTC to the millisecond, written without a `DateFormatter` (slow for
/// something done on every request): `2026-11-30 09:15:02.123`, as GRDB stores dates, or with
/// separator `T` and suffix `Z`, ISO 8601 as the log lines carry it.
public enum UTCTimestamp {
    /// `date` as `yyyy-MM-dd`, `separator`, `HH:mm:ss.SSS`, `suffix`, rounded to the millisecond (as
    /// GRDB's formatter does).
    public static func text(for date: Date, separator: String = " ", suffix: String = "") -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        // Division rounding towards minus infinity, so that dates before 1970 come out right too.
        var seconds = time_t(milliseconds / 1000 - (milliseconds % 1000 < 0 ? 1 : 0))
        let millisecond = Int(milliseconds - Int64(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var text = ""
        text.reserveCapacity(24)
        func append(_ value: Int, digits: Int) {
            let number = String(value)
            text += String(repeating: "0", count: max(0, digits - number.count)) + number
        }
        append(Int(parts.tm_year) + 1900, digits: 4)
        text += "-"
        append(Int(parts.tm_mon) + 1, digits: 2)
        text += "-"
        append(Int(parts.tm_mday), digits: 2)
        text += separator
        append(Int(parts.tm_hour), digits: 2)
        text += ":"
        append(Int(parts.tm_min), digits: 2)
        text += ":"
        append(Int(parts.tm_sec), digits: 2)
        text += "."
        append(millisecond, digits: 3)
        return text + suffix
    }
}
