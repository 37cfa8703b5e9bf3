import Foundation
import Synchronization

/// One token bucket per client: `burst` requests at once, refilled at `rate` per second. Buckets
/// that have filled up again are dropped now and then, so memory stays bounded by recent clients.
public final class TokenBuckets: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    /// Requests per second each client gets on average.
    public let rate: Double
    /// Requests a client may make at once.
    public let burst: Double
    private struct Table {
        var buckets: [String: Bucket] = [:]
        var prunedAt = -Double.infinity
    }

    private let table = Mutex(Table())
    /// When the table grows past this, full buckets are removed (at most once a second, so that a
    /// table of many active clients is not scanned on every request).
    static let pruneThreshold = 10_000

    /// Buckets of `burst` tokens refilled at `rate` per second.
    public init(rate: Double, burst: Double) {
        self.rate = rate
        self.burst = burst
    }

    /// Takes one token for `client` at time `now` (seconds): nil when granted, else the seconds
    /// until the next token.
    public func take(_ client: String, now: Double) -> Double? {
        table.withLock { table in
            var bucket = table.buckets[client] ?? Bucket(tokens: burst, updated: now)
            bucket.tokens = min(burst, bucket.tokens + max(0, now - bucket.updated) * rate)
            bucket.updated = now
            defer {
                table.buckets[client] = bucket
                if table.buckets.count > Self.pruneThreshold && now - table.prunedAt >= 1 {
                    table.buckets = table.buckets.filter { min(burst, $0.value.tokens + (now - $0.value.updated) * rate) < burst }
                    table.prunedAt = now
                }
            }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return nil
            }
            return (1 - bucket.tokens) / rate
        }
    }
}
