import Foundation
import Synchronization

/// Group commit for conversation turns: turns handed in while a transaction is being written wait
/// and go together into the next one, so that under load many turns share one commit. Each caller
/// returns only after its turn is committed, as with a write of its own.
///
/// The writer runs on a serial queue of its own, so that a commit blocks none of the threads that
/// answer requests.
public final class TurnWriter: Sendable {
    private struct Pending {
        let turn: ConversationStore.RecordedTurn
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var pending: [Pending] = []
        var writing = false
    }

    private let store: ConversationStore
    private let state = Mutex(State())
    /// Most turns in one transaction.
    static let batchLimit = 256
    /// The writer's own serial queue (libdispatch gives it a thread of its own when it blocks).
    private let queue = DispatchQueue(label: "rathaus.turn-writer")

    /// A writer into `store`.
    public init(store: ConversationStore) {
        self.store = store
    }

    /// Stores `turn`, returning once it is committed (or throwing what the commit threw).
    public func record(_ turn: ConversationStore.RecordedTurn) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let startsWriter = state.withLock { state in
                state.pending.append(Pending(turn: turn, continuation: continuation))
                guard !state.writing else { return false }
                state.writing = true
                return true
            }
            if startsWriter {
                queue.async { self.drain() }
            }
        }
    }

    /// Writes batches until nothing is pending (runs on one thread at a time).
    private func drain() {
        while true {
            let batch: [Pending] = state.withLock { state in
                let batch = Array(state.pending.prefix(Self.batchLimit))
                state.pending.removeFirst(batch.count)
                if batch.isEmpty { state.writing = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            do {
                try store.record(batch.map(\.turn))
                for item in batch { item.continuation.resume() }
            } catch let error as ConversationStore.ConversationGone {
                for item in batch {
                    if error.ids.contains(item.turn.snapshot.id) { item.continuation.resume(throwing: error) } else { item.continuation.resume() }
                }
            } catch {
                for item in batch { item.continuation.resume(throwing: error) }
            }
        }
    }
}
