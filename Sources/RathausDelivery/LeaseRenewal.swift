import Dispatch
import Foundation
import RathausStore

/// Renews a worker's lease on the rows of one pass every ``OutboxWorker/leaseRenewal`` seconds
/// until stopped, on a timer of its own. A renewal that fails (the database busy for a moment) is
/// tried again at the next tick; should the worker die, the renewals stop with it and the rows are
/// due again when the lease runs out.
final class LeaseRenewal {
    private let timer: any DispatchSourceTimer

    /// Starts renewing `owner`'s lease on `rows` in `store`.
    init(store: ConversationStore, rows: [Int64], owner: String) {
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        timer.schedule(deadline: .now() + OutboxWorker.leaseRenewal, repeating: OutboxWorker.leaseRenewal)
        timer.setEventHandler {
            _ = try? store.renewLease(rows: rows, owner: owner, until: Date().addingTimeInterval(OutboxWorker.lease))
        }
        timer.resume()
        self.timer = timer
    }

    /// Stops renewing (the rows' attempts are recorded, which releases the lease).
    func stop() {
        timer.cancel()
    }
}
