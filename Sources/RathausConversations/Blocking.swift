import Dispatch

/// Running blocking work (SQLite, matching, libcurl) on a Dispatch thread, off Swift's cooperative
/// pool, so that the event loops and other tasks keep running meanwhile.
public enum Blocking {
    /// Runs `work` on a global Dispatch queue and returns its result.
    public static func run<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
