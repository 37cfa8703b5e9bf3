import Foundation
import Logging
import RathausCore

/// A swift-log handler writing one JSON object per line to standard error: time, level, label,
/// message and metadata. Callers put only counts, routes, codes and durations in metadata, never
/// citizen text.
public struct JSONLogHandler: LogHandler {
    /// The lowest level written.
    public var logLevel: Logger.Level
    /// Metadata attached to every line of this logger.
    public var metadata: Logger.Metadata = [:]
    let label: String

    /// A handler for `label` writing `level` and above.
    public init(label: String, level: Logger.Level = .info) {
        self.label = label
        logLevel = level
    }

    /// Metadata of this logger by key.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes one line for `event`: keys sorted, values as JSON strings.
    public func log(event: LogEvent) {
        var fields = ["time": Self.timestamp(), "level": event.level.rawValue, "logger": label, "message": event.message.description]
        for (key, value) in metadata { fields[key] = value.description }
        for (key, value) in event.metadata ?? [:] { fields[key] = value.description }
        var line = JSONOutput(capacity: 256)
        line.raw("{")
        for (index, key) in fields.keys.sorted().enumerated() {
            if index > 0 { line.raw(",") }
            line.key(key)
            line.string(fields[key]!)
        }
        line.raw("}\n")
        line.bytes.withUnsafeBytes { buffer in _ = write(STDERR_FILENO, buffer.baseAddress, buffer.count) }
    }

    /// The current time as ISO 8601 in UTC with milliseconds, e.g. `2026-11-30T09:15:02.123Z`.
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var parts = tm()
        var seconds = now.tv_sec
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let milliseconds = Int(now.tv_nsec / 1_000_000)
        let fraction = milliseconds < 10 ? "00\(milliseconds)" : milliseconds < 100 ? "0\(milliseconds)" : "\(milliseconds)"
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):"
            + "\(two(parts.tm_sec)).\(fraction)Z"
    }
}
