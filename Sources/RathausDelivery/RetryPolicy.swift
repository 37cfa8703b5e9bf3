import Foundation

/// When to try a failed delivery again: the schedule's wait for the attempt number, with up to
/// 10 % random jitter so that many rows do not retry in lockstep, or the receiver's `Retry-After`
/// when it asks for longer.
public struct RetryPolicy: Sendable {
    /// Waits before the 2nd, 3rd … attempt; after the last, the row is dead-lettered.
    public let schedule: [TimeInterval]

    /// A policy with this schedule.
    public init(schedule: [TimeInterval]) {
        self.schedule = schedule
    }

    /// When the next attempt is due after `attempts` failed attempts, or nil when none is left.
    public func nextAttempt(
        after attempts: Int, now: Date, retryAfter: String? = nil,
        jitter: Double = Double.random(in: 0...0.1)
    ) -> Date? {
        guard attempts >= 1, attempts <= schedule.count else { return nil }
        var wait = schedule[attempts - 1] * (1 + jitter)
        if let requested = Self.seconds(retryAfter, now: now) { wait = max(wait, requested) }
        return now.addingTimeInterval(wait)
    }

    /// `Retry-After` as seconds: a number, or an HTTP date.
    static func seconds(_ value: String?, now: Date) -> TimeInterval? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = TimeInterval(value) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: value).map { max(0, $0.timeIntervalSince(now)) }
    }
}
