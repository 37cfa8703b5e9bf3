import Foundation

/// The process's peak resident set size (high-water mark), read from `/proc/self/status`.
enum PeakMemory {
    /// `VmHWM` in MiB, or nil where `/proc` is not available (e.g. macOS).
    ///
    /// The value only ever grows during a run: it covers everything the process did so far.
    static func megabytes() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let fields = line.split(whereSeparator: \.isWhitespace)
            guard fields.count >= 2, let kibibytes = Double(fields[1]) else { return nil }
            return kibibytes / 1024
        }
        return nil
    }
}
