import Dispatch
import Foundation
import Synchronization

/// Runs independent pieces of work on all cores and waits for all of them, so that loading a
/// catalogue uses both cores of a small server.
public enum ParallelWork {
    /// The cores this process may use (asked once: asking costs as much as a match).
    public static let cores = ProcessInfo.processInfo.activeProcessorCount

    /// `work(0) ..< work(count - 1)`, computed concurrently, in order.
    public static func map<Result: Sendable>(count: Int, _ work: @Sendable (Int) -> Result) -> [Result] {
        let results = Mutex<[Int: Result]>([:])
        DispatchQueue.concurrentPerform(iterations: count) { part in
            let value = work(part)
            results.withLock { $0[part] = value }
        }
        return results.withLock { results in (0..<count).map { results[$0]! } }
    }

    /// `transform` applied to every element, in order, the elements split into one run per core.
    public static func map<Element: Sendable, Result: Sendable>(_ elements: [Element], _ transform: @Sendable (Element) -> Result) -> [Result] {
        let parts = min(elements.count, max(1, cores))
        guard parts > 1 else { return elements.map(transform) }
        let share = (elements.count + parts - 1) / parts
        return map(count: parts) { part in elements.dropFirst(part * share).prefix(share).map(transform) }.flatMap { $0 }
    }

    /// `first()` and `second()`, computed concurrently.
    public static func pair<First: Sendable, Second: Sendable>(_ first: @Sendable () -> First, _ second: @Sendable () -> Second) -> (First, Second) {
        let firstResult = Mutex<First?>(nil), secondResult = Mutex<Second?>(nil)
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                let value = first()
                firstResult.withLock { $0 = value }
            } else {
                let value = second()
                secondResult.withLock { $0 = value }
            }
        }
        return (firstResult.withLock { $0! }, secondResult.withLock { $0! })
    }
}
