import Foundation
import Logging
import RathausStore

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
        let line = Self.line(event: event, label: label, metadata: metadata)
        _ = write(STDERR_FILENO, line, line.count)
    }

    /// The line for `event` with the handler's `metadata` (the event's own wins on equal keys),
    /// ending in a newline.
    static func line(event: LogEvent, label: String, metadata: Logger.Metadata, now: Date = Date()) -> [UInt8] {
        var fields: [String: JSONValue] = [
            "time": .string(UTCTimestamp.text(for: now, separator: "T", suffix: "Z")), "level": .string(event.level.rawValue),
            "logger": .string(label), "message": .string(event.message.description),
        ]
        for (key, value) in metadata { fields[key] = .string(value.description) }
        for (key, value) in event.metadata ?? [:] { fields[key] = .string(value.description) }
        return JSONValue.object(fields).bytes + [UInt8(ascii: "\n")]
    }
}
