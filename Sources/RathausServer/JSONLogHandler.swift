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
        var fields = ["time": UTCTimestamp.text(for: Date(), separator: "T", suffix: "Z"), "level": event.level.rawValue,
                      "logger": label, "message": event.message.description]
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
}
