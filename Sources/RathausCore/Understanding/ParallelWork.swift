import Dispatch
import Synchronization

/// Runs independent pieces of work on all cores and waits for all of them, so that loading a
/// catalogue uses both cores of a small server.
enum ParallelWork {
    /// `work(0) ..< work(count - 1)`, computed concurrently, in order.
    static func map<Result: Sendable>(count: Int, _ work: @Sendable (Int) -> Result) -> [Result] {
        let results = Mutex<[Int: Result]>([:])
        DispatchQueue.concurrentPerform(iterations: count) { part in
            let value = work(part)
            results.withLock { $0[part] = value }
        }
        return results.withLock { results in (0..<count).map { results[$0]! } }
    }
}
