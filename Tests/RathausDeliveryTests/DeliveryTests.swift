import Foundation
import RathausCatalog
import RathausStore
import RathausTestSupport
import Testing

@testable import RathausDelivery

@Suite("Signing, payload and retry rules")
struct DeliveryRuleTests {
    @Test("the Standard Webhooks test vector")
    func signatureVector() throws {
        let signer = try WebhookSigner(secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])
        let signature = signer.signature(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: Data(#"{"test": 2432232314}"#.utf8))
        #expect(signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test("several secrets give one signature each, for rotation; a malformed secret is refused")
    func rotation() throws {
        let signer = try WebhookSigner(secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_" + Data("zweiter".utf8).base64EncodedString()])
        let parts = signer.signature(id: "a", timestamp: 1, body: Data()).split(separator: " ")
        #expect(parts.count == 2 && parts.allSatisfy { $0.hasPrefix("v1,") })
        #expect(throws: WebhookSigner.InvalidSecret.self) { try WebhookSigner(secrets: ["whsec_***"]) }
    }

    @Test("retries follow the schedule with at most 10 % jitter, honour a longer Retry-After, and end after the last")
    func retries() {
        let policy = RetryPolicy(schedule: DeliveryConfiguration.standardSchedule)
        let now = Date(timeIntervalSince1970: 0)
        #expect(policy.nextAttempt(after: 1, now: now, jitter: 0) == Date(timeIntervalSince1970: 5))
        #expect(policy.nextAttempt(after: 2, now: now, jitter: 0.1) == Date(timeIntervalSince1970: 330))
        #expect(policy.nextAttempt(after: 9, now: now, jitter: 0) == Date(timeIntervalSince1970: 86_400))
        #expect(policy.nextAttempt(after: 10, now: now) == nil, "after the 10th attempt: dead letter")
        #expect(policy.nextAttempt(after: 1, now: now, retryAfter: "120", jitter: 0) == Date(timeIntervalSince1970: 120))
        #expect(policy.nextAttempt(after: 1, now: now, retryAfter: "Thu, 01 Jan 1970 00:10:00 GMT", jitter: 0) == Date(timeIntervalSince1970: 600))
    }

    @Test("the config file is checked with lines: http only for loopback, secrets required")
    func configuration() throws {
        let good = try DeliveryConfiguration(
            yaml: """
                departments:
                  default:
                    url: http://127.0.0.1:9/hook
                    secret_env: HOOK_SECRET
                """, environment: ["HOOK_SECRET": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])
        #expect(good.endpoint(for: "abfallwirtschaft")?.url.absoluteString == "http://127.0.0.1:9/hook")
        #expect(good.retrySchedule == DeliveryConfiguration.standardSchedule)
        do {
            _ = try DeliveryConfiguration(
                yaml: """
                    departments:
                      default:
                        url: http://eingang.example/hook
                      bauverwaltung:
                        url: https://bau.example/hook
                        secret_env: NOT_SET
                    """, file: "c.yaml")
            Issue.record("problems expected")
        } catch let problems as DeliveryConfiguration.Problems {
            #expect(problems.lines.contains { $0.hasPrefix("c.yaml:3:") && $0.contains("nur https") })
            #expect(problems.lines.contains { $0.contains("NOT_SET") })
            #expect(problems.lines.contains { $0.contains("'default' braucht") })
        }
    }

    @Test("the smtp section is read with its defaults and checked with lines: plain SMTP only on loopback, a sender, a set password variable")
    func smtpSettings() throws {
        let good = try DeliveryConfiguration(
            yaml: """
                smtp:
                  host: smtp.musterstadt.example
                  user: rathaus
                  password_env: SMTP_PASSWORD
                  from: "Stadt Musterstadt <rathaus@musterstadt.example>"
                """, environment: ["SMTP_PASSWORD": "geheim"], requiresDepartments: false)
        #expect(
            good.smtp
                == SMTPSettings(
                    host: "smtp.musterstadt.example", port: 587, security: .starttls, user: "rathaus", password: "geheim",
                    from: "Stadt Musterstadt <rathaus@musterstadt.example>"))
        #expect(SMTPTransport.address(in: "Stadt Musterstadt <rathaus@musterstadt.example>") == "rathaus@musterstadt.example")
        do {
            _ = try DeliveryConfiguration(
                yaml: """
                    smtp:
                      host: mail.example
                      security: none
                      password_env: UNSET
                      from: rathaus@musterstadt.example
                    """, file: "c.yaml", requiresDepartments: false)
            Issue.record("problems expected")
        } catch let problems as DeliveryConfiguration.Problems {
            #expect(problems.lines.contains { $0.hasPrefix("c.yaml:3:") && $0.contains("security: none") })
            #expect(problems.lines.contains { $0.hasPrefix("c.yaml:4:") && $0.contains("UNSET") })
        }
    }

    @Test("the payload has the documented keys, typed data and its SHA-256, and is the same bytes every time")
    func payload() throws {
        let item = ConversationStore.OutboxItem(
            rowID: 1, applicationID: "app-1", reference: "MS-2026-000001", departmentID: "abfallwirtschaft", formID: "sperrmuell-anmelden",
            schemaVersion: 2, serviceName: "Sperrmüll", serviceKey: "local:musterstadt:sperrmuell-anmelden",
            submittedAt: Date(timeIntervalSince1970: 1_795_000_000), data: #"{"menge":2.5,"name":"Anna"}"#, attempts: 0)
        let body = try WebhookPayload.body(for: item)
        #expect(try WebhookPayload.body(for: item) == body)
        let object = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        #expect(
            Set(object.keys) == ["type", "id", "reference", "submitted_at", "service", "department", "schema", "data", "data_sha256", "language"])
        #expect(object["type"] as? String == "application.submitted")
        #expect(object["language"] as? String == "de")
        #expect(object["submitted_at"] as? String == "2026-11-18T11:06:40Z")
        #expect((object["schema"] as? [String: Any])?["version"] as? Int == 2)
        #expect((object["data"] as? [String: Any])?["menge"] as? Double == 2.5)
        // SHA-256 of the stored data bytes, as `python3 -c "import hashlib; print(hashlib.sha256(b'…').hexdigest())"` gives it.
        #expect(object["data_sha256"] as? String == "729df6d0040c45832492ea595b60aaac0f0a1c480e422dc84d0ceb11829d5c16")
    }
}

/// Deliveries to a real receiver on 127.0.0.1 that misbehaves in the ways the world does.
@Suite("Short leases, renewed while a worker works")
struct LeaseTests {
    static func store(with applications: Int) throws -> ConversationStore {
        let path = TestFolder.run.appendingPathComponent("rathaus-lease-\(UUID().uuidString)/d.sqlite").path
        let store = try ConversationStore(path: path)
        for number in 0..<applications {
            _ = try store.submit(
                SubmittedApplication(
                    conversationID: "c\(number)", formID: "sperrmuell-anmelden", schemaVersion: 1, serviceName: "Sperrmüll",
                    serviceKey: "local:musterstadt:sperrmuell-anmelden", departmentID: "abfallwirtschaft",
                    data: [.init(field: "menge", type: "number", value: .number(Double(number)))]))
        }
        return store
    }

    @Test("a renewed lease keeps the rows from other workers; only the owner renews; an expired lease frees them")
    func renewal() throws {
        let store = try Self.store(with: 2)
        let start = Date()
        let claimed = try store.claimDue(limit: 2, lease: OutboxWorker.lease, owner: "a", now: start)
        #expect(claimed.count == 2)
        #expect(try store.renewLease(rows: claimed.map(\.rowID), owner: "b", until: start.addingTimeInterval(100)) == 0)
        #expect(try store.renewLease(rows: claimed.map(\.rowID), owner: "a", until: start.addingTimeInterval(30)) == 2)
        let during = start.addingTimeInterval(OutboxWorker.lease + 1)
        #expect(try store.claimDue(limit: 2, lease: OutboxWorker.lease, owner: "b", now: during).isEmpty)
        let after = start.addingTimeInterval(31)
        #expect(try store.claimDue(limit: 2, lease: OutboxWorker.lease, owner: "b", now: after).count == 2)
    }

    @Test("while a pass runs its lease is renewed on a timer, and a worker that stopped leaves it to run out")
    func timer() throws {
        let store = try Self.store(with: 1)
        let start = Date()
        let claimed = try store.claimDue(limit: 1, lease: OutboxWorker.lease, owner: "a", now: start)
        let renewal = LeaseRenewal(store: store, rows: claimed.map(\.rowID), owner: "a")
        Thread.sleep(forTimeInterval: OutboxWorker.leaseRenewal + 1)
        renewal.stop()
        // Renewed after about 5 s until about 20 s: another worker finds nothing at 16 s, the row at 21 s.
        let renewedUntil = start.addingTimeInterval(OutboxWorker.leaseRenewal + OutboxWorker.lease)
        #expect(try store.claimDue(limit: 1, lease: 1, owner: "b", now: start.addingTimeInterval(OutboxWorker.lease + 1)).isEmpty)
        #expect(try store.claimDue(limit: 1, lease: 1, owner: "b", now: renewedUntil.addingTimeInterval(2)).count == 1)
    }
}

@Suite("Delivering to a local receiver", .serialized)
struct DeliveryFaultTests {
    /// A store with `count` submitted applications, and the worker for `receiver`.
    static func setUp(
        _ receiver: Receiver, count: Int = 1, timeout: Double = 2, schedule: [Double] = [0.2, 0.2, 0.2]
    )
        throws -> (ConversationStore, OutboxWorker, [String])
    {
        let path = TestFolder.run.appendingPathComponent("rathaus-delivery-\(UUID().uuidString)/d.sqlite").path
        let store = try ConversationStore(path: path)
        var references: [String] = []
        for number in 0..<count {
            references.append(
                try store.submit(
                    SubmittedApplication(
                        conversationID: "c\(number)", formID: "sperrmuell-anmelden", schemaVersion: 1, serviceName: "Sperrmüll",
                        serviceKey: "local:musterstadt:sperrmuell-anmelden", departmentID: "abfallwirtschaft",
                        data: [.init(field: "menge", type: "number", value: .number(Double(number)))])))
        }
        let configuration = try DeliveryConfiguration(yaml: receiver.configuration(timeout: timeout, schedule: schedule))
        return (store, OutboxWorker(store: store, configuration: configuration), references)
    }

    /// Runs the worker until nothing is pending or retrying any more, at most `seconds`.
    static func drain(_ worker: OutboxWorker, _ store: ConversationStore, seconds: Double = 20) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            _ = try worker.deliverDue()
            let open = try store.deliveries().filter { ["pending", "retrying"].contains($0.status) }
            if open.isEmpty { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    @Test("every request verifies with the official standardwebhooks package and carries the headers")
    func signedAndDelivered() throws {
        let receiver = try Receiver()
        let (store, worker, references) = try Self.setUp(receiver, count: 5)
        try Self.drain(worker, store)
        let entries = try receiver.entries()
        #expect(entries.count == 5)
        #expect(entries.allSatisfy { $0.valid }, "\(entries.compactMap(\.error))")
        #expect(entries.allSatisfy { $0.content_type == "application/json" && $0.user_agent?.hasPrefix("Rathaus/") == true })
        #expect(
            Set(
                entries.compactMap { try? JSONSerialization.jsonObject(with: Data($0.body.utf8)) as? [String: Any] }
                    .compactMap { $0["reference"] as? String }) == Set(references))
        #expect(try store.deliveries(status: "delivered").count == 5)
    }

    @Test("a document sent on request arrives signed as application.documents_submitted, its content's SHA-256 matching")
    func documentDelivered() throws {
        let receiver = try Receiver()
        let (store, worker, references) = try Self.setUp(receiver)
        let reference = references[0]
        for event in [
            ProcedureEvent(kind: .received),
            ProcedureEvent(kind: .documentsRequested, documents: [.init(id: "foto", label: "Foto der Gegenstände")]),
        ] {
            _ = try store.addEvent(event, reference: reference, webhookID: nil)
        }
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data((0..<4096).map { UInt8($0 % 251) })
        guard case .stored(let stored) = try store.addDocument(reference: reference, requestedID: "foto", content: png, mediaType: .png) else {
            Issue.record("the requested document was refused")
            return
        }
        #expect(try store.openRequests(reference: reference).isEmpty, "the request is fulfilled")
        try Self.drain(worker, store)
        let entries = try receiver.entries()
        #expect(entries.count == 2)
        #expect(entries.allSatisfy { $0.valid }, "\(entries.compactMap(\.error))")
        let documents = try #require(
            entries.compactMap { try? JSONSerialization.jsonObject(with: Data($0.body.utf8)) as? [String: Any] }
                .first { $0["type"] as? String == "application.documents_submitted" })
        #expect(entries.contains { $0.webhook_id == stored.id })
        #expect(documents["reference"] as? String == reference)
        let file = try #require((documents["documents"] as? [[String: Any]])?.first)
        let encoded = try #require(file["content_base64"] as? String)
        let content = try #require(Data(base64Encoded: encoded))
        #expect(content == png)
        #expect(file["sha256"] as? String == SHA256Hex.of(content))
        #expect(file["media_type"] as? String == "image/png")
        #expect(try store.deliveries(status: "delivered").map(\.kind).sorted() == ["application.documents_submitted", "application.submitted"])
    }

    @Test("a citizen who agreed gets one e-mail per step through a real SMTP server, also when it refused the first attempt; never the form's data")
    func emailPerStep() throws {
        let receiver = try Receiver()
        let mail = try MailServer(refuseFirst: 1)
        let (store, _, references) = try Self.setUp(receiver)
        let configuration = try DeliveryConfiguration(yaml: receiver.configuration() + "\n" + mail.configuration)
        let worker = OutboxWorker(store: store, configuration: configuration)
        let reference = references[0]
        #expect(try store.notifyByEmail(reference: reference, address: "Anna@Example.org"))
        let catalog = try CatalogLoader(directory: Receiver.repositoryRoot).load()
        for event in [ProcedureEvent(kind: .received), ProcedureEvent(kind: .inProgress, note: "Wir planen die Abholung.")] {
            let notice = { (_: String) in
                StatusNotice(event: event, reference: reference, serviceName: "Sperrmüll", sender: "Stadt \(catalog.town.name)")
            }
            guard case .accepted = try store.addEvent(event, reference: reference, webhookID: nil, notice: notice) else {
                Issue.record("the step was refused")
                return
            }
        }
        try Self.drain(worker, store)
        let messages = try mail.messages()
        #expect(messages.count == 2, "one e-mail per step, the refused attempt sent again: \(messages.map(\.subject))")
        #expect(messages.allSatisfy { $0.rcpt_tos == ["anna@example.org"] && $0.mail_from == "rathaus@musterstadt.example" })
        #expect(Set(messages.map(\.subject)) == ["Ihr Antrag \(reference): Eingegangen bei der Stelle", "Ihr Antrag \(reference): In Bearbeitung"])
        #expect(messages.contains { $0.body.contains("Hinweis der Stelle: Wir planen die Abholung.") })
        #expect(!messages.contains { $0.body.contains("menge") || $0.body.contains("12345") }, "no form data")
        let emails = try store.deliveries().filter { $0.kind == "notification.email" }
        #expect(emails.count == 2 && emails.allSatisfy { $0.status == "delivered" })
        #expect(emails.map(\.attempts).sorted() == [1, 2], "the first e-mail was refused once and sent again")
    }

    @Test("500 on the first two attempts: delivered on the third, with the same webhook-id and body each time")
    func serverErrors() throws {
        let receiver = try Receiver(["--mode", "fail", "--fail-first", "2"])
        let (store, worker, references) = try Self.setUp(receiver)
        try Self.drain(worker, store)
        let entries = try receiver.entries()
        #expect(entries.count == 3)
        #expect(Set(entries.map(\.webhook_id)).count == 1)
        #expect(Set(entries.map(\.body)).count == 1)
        #expect(try store.deliveries(status: "delivered").map(\.reference) == references)
        #expect(try store.attempts(reference: references[0])?.map(\.status) == [500, 500, 200])
    }

    @Test("a receiver that stalls past the timeout is retried until the schedule ends, then dead-lettered")
    func timeout() throws {
        let receiver = try Receiver(["--mode", "stall", "--stall-seconds", "3"])
        let (store, worker, references) = try Self.setUp(receiver, timeout: 0.5, schedule: [0.1])
        try Self.drain(worker, store)
        let attempts = try #require(try store.attempts(reference: references[0]))
        #expect(attempts.count == 2)
        #expect(attempts.allSatisfy { $0.error == "Zeitüberschreitung" })
        #expect(try store.deliveries(status: "dead").map(\.reference) == references)
    }

    @Test("concurrency 4 has four requests on the wire at once, whatever the number of cores")
    func fourInFlight() throws {
        let receiver = try Receiver(["--mode", "stall", "--stall-seconds", "1"])
        let (store, worker, references) = try Self.setUp(receiver, count: 4, timeout: 5)
        let summary = try worker.deliverOnePass()
        #expect(summary.delivered == 4)
        let attempts = try references.map { try #require(try store.attempts(reference: $0)?.first) }
        // Every attempt began before every other ended: all four were in flight together.
        let lastStart = try #require(attempts.map(\.startedAt).max())
        let firstEnd = try #require(attempts.map { $0.startedAt.addingTimeInterval(Double($0.durationMilliseconds) / 1000) }.min())
        #expect(lastStart < firstEnd, "attempts: \(attempts)")
    }

    @Test("each attempt is recorded when its answer is in, not at the end of the pass")
    func recordedAtOnce() throws {
        let receiver = try Receiver(["--mode", "stall", "--stall-seconds", "1"])
        let (store, _, references) = try Self.setUp(receiver, count: 3, timeout: 5)
        let configuration = try DeliveryConfiguration(
            yaml: receiver.configuration(timeout: 5).replacingOccurrences(of: "concurrency: 4", with: "concurrency: 1"))
        let worker = OutboxWorker(store: store, configuration: configuration)
        let pass = Thread { _ = try? worker.deliverOnePass() }
        pass.start()
        // One row at a time, a second each: the first is recorded while the other two still wait.
        let deadline = Date().addingTimeInterval(10)
        var delivered: [String] = []
        while Date() < deadline, delivered.isEmpty {
            delivered = try store.deliveries(status: "delivered").map(\.reference)
            Thread.sleep(forTimeInterval: 0.05)
        }
        let pending = try store.deliveries(status: "pending").count
        #expect(delivered.count == 1 && pending == 2, "delivered \(delivered), pending \(pending)")
        while Date() < deadline, try store.deliveries(status: "delivered").count < 3 { Thread.sleep(forTimeInterval: 0.1) }
        #expect(Set(try store.deliveries(status: "delivered").map(\.reference)) == Set(references))
    }

    @Test("a connection closed in the middle of the response is a failure and is retried")
    func closedConnection() throws {
        let receiver = try Receiver(["--mode", "close", "--fail-first", "1"])
        let (store, worker, references) = try Self.setUp(receiver)
        try Self.drain(worker, store)
        let attempts = try #require(try store.attempts(reference: references[0]))
        #expect(attempts.count == 2)
        #expect(attempts.first?.status == nil && attempts.first?.error?.hasPrefix("curl") == true)
        #expect(try store.deliveries(status: "delivered").count == 1)
    }

    @Test("429 with Retry-After waits at least that long")
    func rateLimited() throws {
        let receiver = try Receiver(["--mode", "ratelimit", "--fail-first", "1", "--retry-after", "2"])
        let (store, worker, references) = try Self.setUp(receiver, schedule: [0.1, 0.1])
        let started = Date()
        try Self.drain(worker, store)
        #expect(try store.attempts(reference: references[0])?.map(\.status) == [429, 200])
        #expect(Date().timeIntervalSince(started) >= 2)
    }

    @Test("410 disables the department's endpoint; enable sends the waiting application")
    func gone() throws {
        let receiver = try Receiver(["--mode", "gone"])
        let (store, worker, references) = try Self.setUp(receiver)
        _ = try worker.deliverDue()
        #expect(try store.disabledDepartments() == ["abfallwirtschaft"])
        #expect(try store.deliveries(status: "disabled").map(\.reference) == references)
        #expect(try worker.deliverDue().claimed == 0, "nothing is sent to a disabled endpoint")
        #expect(try store.enable(department: "abfallwirtschaft"))
        #expect(try worker.deliverDue().claimed == 1)
    }

    @Test("a redirect is not followed: it is a failure, retried, then dead-lettered; retry makes it due again")
    func redirect() throws {
        let receiver = try Receiver(["--mode", "redirect"])
        let (store, worker, references) = try Self.setUp(receiver, schedule: [0.1])
        try Self.drain(worker, store)
        #expect(try store.attempts(reference: references[0])?.map(\.status) == [302, 302])
        #expect(try store.deliveries(status: "dead").count == 1)
        #expect(try receiver.entries().count == 2, "the Location was never requested")
        #expect(try store.retry(reference: references[0]))
        #expect(try store.deliveries(status: "retrying").count == 1)
    }
}

/// The SHA-256 of bytes as hex, computed here independently of the store.
enum SHA256Hex {
    static func of(_ data: Data) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import hashlib,sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try? process.run()
        input.fileHandleForWriting.write(data)
        try? input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
