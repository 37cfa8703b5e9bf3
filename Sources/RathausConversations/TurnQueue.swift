import Synchronization

/// Turns of one conversation one after the other within this server: a turn that arrives while
/// another of the same conversation runs (a citizen who sent twice) waits, without a thread, until
/// that one has stored its state, and then starts from it. Turns of different conversations do not
/// wait for each other.
final class TurnQueue: Sendable {
    /// For each conversation with a turn running, the turns waiting behind it, first come first.
    private let waiting = Mutex<[String: [CheckedContinuation<Void, Never>]]>([:])

    /// Runs `body` once no other turn of conversation `id` runs in this server.
    func run<Value>(_ id: String, _ body: () async throws -> Value) async throws -> Value {
        await enter(id)
        defer { leave(id) }
        return try await body()
    }

    private func enter(_ id: String) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let mayRun = waiting.withLock { waiting in
                guard waiting[id] != nil else {
                    waiting[id] = []
                    return true
                }
                waiting[id]?.append(continuation)
                return false
            }
            if mayRun { continuation.resume() }
        }
    }

    /// Hands the conversation to the next waiting turn, or lets go of it.
    private func leave(_ id: String) {
        let next = waiting.withLock { waiting -> CheckedContinuation<Void, Never>? in
            guard var queue = waiting[id], !queue.isEmpty else {
                waiting[id] = nil
                return nil
            }
            let next = queue.removeFirst()
            waiting[id] = queue
            return next
        }
        next?.resume()
    }
}
