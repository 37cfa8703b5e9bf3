import Foundation
import RathausStore
import Synchronization

/// Sends due outbox rows to their departments' webhooks: claims them under a short lease that it
/// renews while it works (so that the rows of a worker that was killed are due again within
/// ``lease`` seconds), signs and posts each (several at once, each thread with its own libcurl
/// handle), and records every attempt: 2xx delivered; network errors, timeouts, 5xx and 429 retried
/// on the schedule (honouring Retry-After); 410 disables the department's endpoint; other answers
/// and the last failed attempt dead-letter the row.
public struct OutboxWorker: Sendable {
    /// What one pass did.
    public struct Summary: Sendable, Hashable {
        /// Rows claimed.
        public var claimed = 0
        /// Delivered (2xx).
        public var delivered = 0
        /// To be retried.
        public var retrying = 0
        /// Given up.
        public var dead = 0
        /// Waiting for a disabled endpoint.
        public var disabled = 0

        /// A summary of nothing yet.
        public init(claimed: Int = 0) {
            self.claimed = claimed
        }
    }

    private let store: ConversationStore
    private let configuration: DeliveryConfiguration
    private let policy: RetryPolicy
    private let owner: String
    private let userAgent: String
    /// libcurl handles kept between passes, so that connections stay open.
    private let transports = TransportPool()

    /// A worker over `store` with these settings; `owner` names it in leases.
    public init(
        store: ConversationStore, configuration: DeliveryConfiguration, owner: String = UUID().uuidString,
        version: String = "0.4.0"
    ) {
        self.store = store
        self.configuration = configuration
        self.policy = RetryPolicy(schedule: configuration.retrySchedule)
        self.owner = owner
        self.userAgent = "Rathaus/\(version) (+https://github.com/rathaus)"
    }

    /// Rows each thread takes per pass.
    static let rowsPerThread = 8

    /// The lease on claimed rows, renewed every ``leaseRenewal`` seconds while the pass runs: a
    /// killed worker's rows are due again after at most this long.
    static let lease: TimeInterval = 15
    /// How often a running pass renews the lease on its rows.
    static let leaseRenewal: TimeInterval = 5

    /// Delivers everything due now, pass after pass, until nothing due is left (rows retried later
    /// stay for a later run) or, between two passes, `shouldGoOn` says no (a stop was asked for).
    public func deliverDue(while shouldGoOn: () -> Bool = { true }) throws -> Summary {
        var total = Summary()
        while shouldGoOn() {
            let pass = try deliverOnePass()
            total.claimed += pass.claimed
            total.delivered += pass.delivered
            total.retrying += pass.retrying
            total.dead += pass.dead
            total.disabled += pass.disabled
            if pass.claimed == 0 { return total }
        }
        return total
    }

    /// Claims one batch and sends it, ``DeliveryConfiguration/concurrency`` rows at once, each on
    /// its own thread with its own libcurl handle. Every attempt is recorded as soon as its answer
    /// is in, so that a worker killed mid-pass has sent twice at most the rows whose requests were
    /// on the wire; the rest of its batch waits for its lease to run out, unsent.
    public func deliverOnePass() throws -> Summary {
        let threads = max(1, configuration.concurrency)
        let items = try store.claimDue(limit: threads * Self.rowsPerThread, lease: Self.lease, owner: owner)
        guard !items.isEmpty else { return Summary() }
        let renewal = LeaseRenewal(store: store, rows: items.map(\.rowID), owner: owner)
        defer { renewal.stop() }
        let finished = Mutex<[ConversationStore.FinishedAttempt]>([])
        let failure = Mutex<(any Error)?>(nil)
        // Threads of their own, not `concurrentPerform`: that runs only as many at once as there are
        // cores, and these threads mostly wait for the network.
        let group = DispatchGroup()
        for worker in 0..<min(threads, items.count) {
            group.enter()
            let thread = Thread { [transports, configuration] in
                defer { group.leave() }
                do {
                    let transport = try transports.take(configuration)
                    defer { transports.give(transport) }
                    for item in stride(from: worker, to: items.count, by: threads).map({ items[$0] }) {
                        let attempt = send(item, with: transport)
                        // A row that cannot be recorded (deleted meanwhile with its conversation)
                        // stays under its lease and is told at the end; the other rows go on.
                        do {
                            try store.record([attempt])
                            finished.withLock { $0.append(attempt) }
                        } catch {
                            failure.withLock { $0 = error }
                        }
                    }
                } catch {
                    failure.withLock { $0 = error }
                }
            }
            thread.start()
        }
        group.wait()
        if let error = failure.withLock({ $0 }) { throw error }
        var summary = Summary(claimed: items.count)
        for attempt in finished.withLock({ $0 }) {
            switch attempt.outcome {
            case .delivered: summary.delivered += 1
            case .retry: summary.retrying += 1
            case .deadLetter: summary.dead += 1
            case .endpointGone: summary.disabled += 1
            }
        }
        return summary
    }

    /// One attempt for one row.
    /// A row whose payload cannot be built or signed is recorded as a failed attempt like any other,
    /// so that it never stops the rows after it.
    private func send(_ item: ConversationStore.OutboxItem, with transport: CurlTransport) -> ConversationStore.FinishedAttempt {
        let started = Date()
        let outcome: ConversationStore.AttemptOutcome
        if let email = item.email {
            outcome = sendEmail(email, item: item)
        } else if let endpoint = configuration.endpoint(for: item.departmentID) {
            let timestamp = Int(started.timeIntervalSince1970)
            let body: Data, signature: String
            do {
                body = try WebhookPayload.body(for: item)
                signature = try WebhookSigner(secrets: endpoint.secrets).signature(id: item.messageID, timestamp: timestamp, body: body)
            } catch {
                let outcome = retryOrGiveUp(item, status: nil, error: "Antrag nicht lesbar oder nicht signierbar: \(error)", retryAfter: nil)
                return ConversationStore.FinishedAttempt(
                    item: item, outcome: outcome, startedAt: started, duration: Date().timeIntervalSince(started))
            }
            let headers = [
                ("content-type", "application/json"), ("user-agent", userAgent), ("webhook-id", item.messageID),
                ("webhook-timestamp", String(timestamp)), ("webhook-signature", signature),
            ]
            do {
                let response = try transport.post(endpoint.url, headers: headers, body: body, network: endpoint.network)
                outcome = classify(status: response.status, retryAfter: response.retryAfter, item: item)
            } catch let failure as CurlTransport.Failure {
                outcome = retryOrGiveUp(item, status: nil, error: failure.isTimeout ? "Zeitüberschreitung" : failure.description, retryAfter: nil)
            } catch {
                outcome = retryOrGiveUp(item, status: nil, error: "\(error)", retryAfter: nil)
            }
        } else {
            outcome = retryOrGiveUp(item, status: nil, error: "keine Adresse für \(item.departmentID) in der Konfiguration", retryAfter: nil)
        }
        return ConversationStore.FinishedAttempt(item: item, outcome: outcome, startedAt: started, duration: Date().timeIntervalSince(started))
    }

    /// One attempt to send an e-mail to a citizen: delivered once the server took it (250).
    private func sendEmail(_ email: ConversationStore.StoredEmail, item: ConversationStore.OutboxItem) -> ConversationStore.AttemptOutcome {
        guard let smtp = configuration.smtp else {
            return retryOrGiveUp(item, status: nil, error: "kein SMTP-Server in der Konfiguration (smtp:)", retryAfter: nil)
        }
        let transport = SMTPTransport(settings: smtp, connectTimeout: configuration.connectTimeout, timeout: configuration.timeout)
        do {
            try transport.send(to: email.recipient, subject: email.subject, body: email.body, messageID: email.id)
            return .delivered(status: 250)
        } catch let failure as SMTPTransport.Failure {
            return retryOrGiveUp(item, status: failure.serverReply, error: failure.description, retryAfter: nil)
        } catch {
            return retryOrGiveUp(item, status: nil, error: "\(type(of: error))", retryAfter: nil)
        }
    }

    private func classify(status: Int, retryAfter: String?, item: ConversationStore.OutboxItem) -> ConversationStore.AttemptOutcome {
        switch status {
        case 200..<300: return .delivered(status: status)
        case 410: return .endpointGone(status: status)
        case 429, 500..<600, 408: return retryOrGiveUp(item, status: status, error: nil, retryAfter: retryAfter)
        default: return retryOrGiveUp(item, status: status, error: nil, retryAfter: nil)
        }
    }

    private func retryOrGiveUp(
        _ item: ConversationStore.OutboxItem, status: Int?, error: String?, retryAfter: String?
    ) -> ConversationStore.AttemptOutcome {
        guard let next = policy.nextAttempt(after: item.attempts + 1, now: Date(), retryAfter: retryAfter) else {
            return .deadLetter(status: status, error: error)
        }
        return .retry(status: status, error: error, next: next)
    }
}

/// Idle libcurl handles, one per thread in use; a handle keeps its connections open between passes.
final class TransportPool: Sendable {
    private let idle = Mutex<[CurlTransportBox]>([])

    /// An idle handle, or a new one.
    func take(_ configuration: DeliveryConfiguration) throws -> CurlTransport {
        if let box = idle.withLock({ $0.popLast() }) { return box.transport }
        return try CurlTransport(
            connectTimeout: configuration.connectTimeout, timeout: configuration.timeout,
            allowsHTTP: configuration.allowsHTTP)
    }

    /// Returns a handle for the next pass.
    func give(_ transport: CurlTransport) {
        idle.withLock { $0.append(CurlTransportBox(transport: transport)) }
    }
}

/// Moves a handle between threads; only one thread uses it at a time (the pool hands it out once).
struct CurlTransportBox: @unchecked Sendable {
    let transport: CurlTransport
}
