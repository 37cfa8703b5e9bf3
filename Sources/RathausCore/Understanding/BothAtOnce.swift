import Dispatch
import Synchronization

/// Runs two independent pieces of work on two threads and waits for both, so that loading a
/// catalogue uses both cores of a small server.
enum BothAtOnce {
    /// The results of `first` and `second`, computed at the same time.
    static func run<First: Sendable, Second: Sendable>(
        _ first: @Sendable () -> First, _ second: @Sendable () -> Second
    ) -> (First, Second) {
        let results = Mutex<(First?, Second?)>((nil, nil))
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                let value = first()
                results.withLock { $0.0 = value }
            } else {
                let value = second()
                results.withLock { $0.1 = value }
            }
        }
        return results.withLock { ($0.0!, $0.1!) }
    }
}
