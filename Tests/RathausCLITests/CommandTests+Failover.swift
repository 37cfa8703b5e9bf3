import Foundation
import RathausStore
import RathausTestSupport
import Testing

/// The fault test of issue 22: two `rathaus serve` processes on one PostgreSQL, one of them killed
/// with SIGKILL while 200 web conversations are under way.
extension CommandTests {
    /// How many conversations are driven, and how many at once.
    static let failoverConversations = 200, failoverParallel = 24

    @Test(
        "200 conversations across two serve processes on one PostgreSQL, one process killed with SIGKILL: every conversation ends on the other with a reference, every application delivered once per webhook-id"
    )
    func failoverAfterKill() async throws {
        let setUp = ContinuousClock.now
        let database = try PostgresServer.shared().makeDatabase()
        // Longer than the test with a slow start of the servers (the default is two minutes); the
        // receiver ends with the test.
        let receiver = try Receiver(["--lifetime", "300"])
        let config = try Self.writeFailoverConfiguration(for: receiver)
        // Started side by side: each takes seconds to load the catalogue.
        async let starting = LiveServer(["--database", database, "--config", config])
        let victim = try LiveServer(["--database", database, "--config", config])
        defer { victim.stop() }
        let survivor = try await starting
        defer { survivor.stop() }
        let router = FailoverRouter(survivor: survivor, victim: victim, killAfterSubmissions: Self.failoverConversations / 3)

        // Every conversation through the Sperrmüll form to its reference, at most `failoverParallel` at once.
        let start = ContinuousClock.now
        let deadline = start + .seconds(60)
        let outcomes = try await withThrowingTaskGroup(of: FailoverConversation.Outcome.self) { group in
            var started = 0
            func startNext() {
                guard started < Self.failoverConversations else { return }
                let conversation = FailoverConversation(number: started, router: router, survivor: survivor)
                group.addTask { try await conversation.run(until: deadline) }
                started += 1
            }
            for _ in 0..<Self.failoverParallel { startNext() }
            var outcomes: [FailoverConversation.Outcome] = []
            while let outcome = try await group.next() {
                outcomes.append(outcome)
                startNext()
            }
            return outcomes
        }
        let report = await router.report
        let driven = ContinuousClock.now - start
        #expect(report.killed, "the victim was killed")
        _ = victim.waitForExit(seconds: 5)
        #expect(victim.process.terminationReason == .uncaughtSignal && victim.process.terminationStatus == SIGKILL, "ended by SIGKILL")
        #expect(report.interrupted > 0, "the kill interrupted turns sent to the victim: \(report)")
        #expect(outcomes.count == Self.failoverConversations, "every conversation reached a reference")
        let given = Set(outcomes.map(\.reference))
        #expect(given.count == outcomes.count, "each conversation got a reference of its own")

        // Confirmed: every reference a client was given, and every application the store holds.
        let store = try ConversationStore(path: database)
        let stored = try store.applications()
        let storedReferences = Set(stored.map(\.reference))
        #expect(given.isSubset(of: storedReferences), "not stored: \(given.subtracting(storedReferences).sorted())")
        let confirmed = given.union(storedReferences)
        // The pickup address names the conversation: one confirmation, one application.
        let addresses = stored.map { Self.pickupAddress(in: $0.data) ?? "?" }
        let twice = Set(Dictionary(grouping: addresses, by: { $0 }).filter { $0.value.count > 1 }.keys)
        let doubled = outcomes.filter { twice.contains(Self.failoverAddress($0.number)) }.map { "\($0.number): \($0.recovery ?? "-")" }
        #expect(twice.isEmpty, "conversations with more than one application: \(twice.sorted()), interrupted: \(doubled)")
        #expect(Set(addresses) == Set(outcomes.map { Self.failoverAddress($0.number) }), "an application from every conversation")

        // The survivor delivers everything, including what the victim had claimed (after its lease).
        let deliveryDeadline = ContinuousClock.now + .seconds(60)
        var delivered = Set<String>(), received = Set<String>()
        repeat {
            try await Task.sleep(for: .milliseconds(250))
            delivered = Set(try store.deliveries(status: "delivered").filter { $0.kind == "application.submitted" }.map(\.reference))
            received = Set(try receiver.entries().compactMap(\.reference))
        } while !(confirmed.isSubset(of: delivered) && confirmed.isSubset(of: received)) && ContinuousClock.now < deliveryDeadline
        let delivering = ContinuousClock.now - start - driven
        // A little longer, so that a late second copy of anything is seen too.
        try await Task.sleep(for: .seconds(1))
        #expect(confirmed.isSubset(of: delivered), "not delivered: \(confirmed.subtracting(delivered).sorted())")
        #expect(try store.applications().allSatisfy { $0.outboxStatus == "delivered" })

        let entries = try receiver.entries()
        #expect(entries.allSatisfy { $0.valid }, "\(entries.compactMap(\.error))")
        #expect(entries.allSatisfy { $0.webhook_id != nil && Self.payloadID(in: $0.body) == $0.webhook_id }, "the payload's id is its webhook-id")
        let copies = Dictionary(grouping: entries, by: { $0.webhook_id ?? "" })
        let differing = copies.filter { Set($0.value.map(\.body)).count > 1 }.keys.sorted()
        #expect(differing.isEmpty, "copies of one webhook-id with different bodies: \(differing)")
        let identifiers = Dictionary(grouping: entries.compactMap { entry in entry.reference.map { ($0, entry.webhook_id ?? "") } }, by: \.0)
            .mapValues { Set($0.map(\.1)) }
        let underSeveral = identifiers.filter { $0.value.count > 1 }.keys.sorted()
        #expect(underSeveral.isEmpty, "applications under more than one webhook-id: \(underSeveral)")
        #expect(Set(identifiers.keys) == confirmed, "missing: \(confirmed.subtracting(identifiers.keys).sorted())")
        #expect(copies.count == confirmed.count, "one webhook-id per confirmed application")
        print(
            "failover: \(report), \(outcomes.filter { $0.recovery != nil }.count) conversations recovered,",
            "\(confirmed.count) applications, \(entries.count) webhook requests for \(copies.count) webhook-ids;",
            "set up in \(start - setUp), driven in \(driven), all delivered \(delivering) later")
    }

    /// A config file with `receiver` as every department's endpoint and no rate limit (every
    /// request comes from 127.0.0.1 here).
    static func writeFailoverConfiguration(for receiver: Receiver) throws -> String {
        let folder = TestFolder.run.appendingPathComponent("rathaus-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("config.yaml").path
        let yaml = receiver.configuration() + "\nserver:\n  rate_limit: {per_second: 0, burst: 1}\n  reload_check_seconds: 0\n"
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The pickup address of conversation `number`: its own house number.
    static func failoverAddress(_ number: Int) -> String { "Hauptstraße \(number + 1)" }

    /// What conversation `number` answers to `field` of the Sperrmüll form.
    static func failoverAnswer(_ field: String, number: Int) -> String? {
        switch field {
        case "abholadresse": failoverAddress(number)
        case "email": "buerger\(number)@example.org"
        default: sperrmuellAnswers[field]
        }
    }

    /// The `abholadresse` of an application's stored data.
    static func pickupAddress(in data: String) -> String? {
        (try? JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any])?["abholadresse"] as? String
    }

    /// The `id` of a webhook body.
    static func payloadID(in body: String) -> String? {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?["id"] as? String
    }
}

/// Where the fault test's requests go: to either instance in turn until the victim is killed,
/// which happens once `killAfterSubmissions` applications were submitted; then to the survivor.
private actor FailoverRouter {
    /// What happened around the kill.
    struct Report: CustomStringConvertible {
        /// Whether the victim was killed.
        var killed = false
        /// Submissions the clients had seen when it was.
        var submissionsAtKill = 0
        /// New conversations the kill interrupted (started again on the survivor).
        var startsInterrupted = 0
        /// Turns sent to the victim that failed because it was killed.
        var interrupted = 0
        /// Of them, turns the victim had stored without its answer reaching the client.
        var storedUnanswered = 0
        /// Of those, submissions whose reference the client read from the transcript.
        var referencesFromTranscript = 0

        var description: String {
            "killed after \(submissionsAtKill) submissions, \(startsInterrupted) starts and \(interrupted) turns interrupted, "
                + "\(storedUnanswered) of them stored but unanswered (\(referencesFromTranscript) submissions)"
        }
    }

    let survivor: LiveServer, victim: LiveServer
    let killAfterSubmissions: Int
    private var submissions = 0
    private(set) var report = Report()

    init(survivor: LiveServer, victim: LiveServer, killAfterSubmissions: Int) {
        self.survivor = survivor
        self.victim = victim
        self.killAfterSubmissions = killAfterSubmissions
    }

    /// The instance for request number `request` of conversation `number`, and whether it is the victim.
    func server(request: Int, conversation number: Int) -> (server: LiveServer, isVictim: Bool) {
        if report.killed || (request + number) % 2 == 0 { return (survivor, false) }
        return (victim, true)
    }

    /// Counts a submission; the one that reaches `killAfterSubmissions` kills the victim. From
    /// then on requests go to the survivor; a failed request to the victim counts as interrupted.
    func submitted() {
        submissions += 1
        guard !report.killed, submissions >= killAfterSubmissions else { return }
        report.killed = true
        report.submissionsAtKill = submissions
        victim.send(SIGKILL)
    }

    /// Whether the victim has been killed.
    var hasKilled: Bool { report.killed }

    /// Counts a start of a conversation the kill interrupted.
    func interruptedStart() {
        report.startsInterrupted += 1
    }

    /// Counts a turn the kill interrupted, whether the victim had stored its turn, and whether
    /// that turn was a submission.
    func interrupted(stored: Bool, submission: Bool) {
        report.interrupted += 1
        if stored { report.storedUnanswered += 1 }
        if submission { report.referencesFromTranscript += 1 }
    }
}

/// One citizen of the fault test: a web conversation through the Sperrmüll form to its reference,
/// its requests alternating between the instances. When a request to the killed instance fails,
/// it reads the conversation's transcript from the survivor to learn whether the turn was stored,
/// and asks the survivor what the form waits for now („hilfe“) instead of guessing.
private struct FailoverConversation: Sendable {
    /// How a conversation ended.
    struct Outcome: Sendable {
        /// The conversation's number, from 0.
        let number: Int
        /// The reference it was given.
        let reference: String
        /// What the kill interrupted, when it interrupted a request of this conversation.
        let recovery: String?
    }

    /// Why a conversation could not go on.
    struct Stuck: Error, CustomStringConvertible {
        let description: String
    }

    let number: Int
    let router: FailoverRouter
    let survivor: LiveServer

    /// Drives the conversation to a submitted application; throws when it cannot get there by `deadline`.
    func run(until deadline: ContinuousClock.Instant) async throws -> Outcome {
        var state = State(number: number)
        try await open(&state)
        var turn = try await say("ich will sperrmüll anmelden", &state)
        while turn["reference"] == nil {
            guard ContinuousClock.now < deadline, state.citizenTurns < 30 else {
                throw Stuck(description: "conversation \(number) did not reach a reference: \(turn)")
            }
            guard let field = (turn["expecting"] as? [String: Any])?["field"] as? String else {
                throw Stuck(description: "conversation \(number) expects nothing: \(turn)")
            }
            guard let answer = CommandTests.failoverAnswer(field, number: number) else {
                throw Stuck(description: "conversation \(number): no answer for \(field)")
            }
            turn = try await say(answer, &state)
        }
        guard let reference = turn["reference"] as? String else { throw Stuck(description: "conversation \(number): \(turn)") }
        await router.submitted()
        return Outcome(number: number, reference: reference, recovery: state.recovery)
    }

    /// What the client knows of its conversation.
    struct State {
        let number: Int
        var id = "", token = ""
        /// Requests sent, for the alternation.
        var requests = 0
        /// The citizen's turns the server has answered or, as the transcript showed, stored.
        var citizenTurns = 0
        /// What the kill interrupted, and what the client learnt from the survivor.
        var recovery: String?
        var path: String { "/api/v1/conversations/\(id)/messages" }
    }

    /// Starts the conversation; on the survivor when the victim died meanwhile (the lost one is empty).
    private func open(_ state: inout State) async throws {
        let (server, isVictim) = await router.server(request: state.requests, conversation: number)
        state.requests += 1
        let response: (status: Int, body: Data)
        do {
            response = try await server.request("/api/v1/conversations", method: "POST")
        } catch {
            guard isVictim, await router.hasKilled else { throw error }
            await router.interruptedStart()
            state.recovery = "start interrupted"
            return try await open(&state)
        }
        let object = try Self.object(response, status: 201, number: number)
        guard let id = object["id"] as? String, let token = object["token"] as? String else {
            throw Stuck(description: "conversation \(number): no id and token in \(object)")
        }
        (state.id, state.token) = (id, token)
    }

    /// Sends `text` as the citizen's next turn and returns the answer; after an interrupted
    /// request, the answer the survivor's state gives (see ``recover(after:_:)``).
    private func say(_ text: String, _ state: inout State) async throws -> [String: Any] {
        let (server, isVictim) = await router.server(request: state.requests, conversation: number)
        state.requests += 1
        let response: (status: Int, body: Data)
        do {
            response = try await server.request(state.path, method: "POST", json: ["text": text], token: state.token)
        } catch {
            guard isVictim, await router.hasKilled else { throw error }
            return try await recover(after: text, &state)
        }
        let turn = try Self.object(response, status: 200, number: number)
        state.citizenTurns += 1
        return turn
    }

    /// After `text` went to the killed instance without an answer: the transcript on the survivor
    /// tells whether that turn was stored. Stored as a submission: its reply names the reference.
    /// Otherwise the client asks the survivor („hilfe“, which leaves the form as it is) which field
    /// the form waits for now, so that no answer goes into another field than the one asked.
    private func recover(after text: String, _ state: inout State) async throws -> [String: Any] {
        let transcript = try Self.object(
            try await survivor.request("/api/v1/conversations/\(state.id)", token: state.token), status: 200, number: number)
        let entries = (transcript["transcript"] as? [[String: Any]] ?? []).map { ($0["speaker"] as? String, $0["text"] as? String ?? "") }
        let citizen = entries.filter { $0.0 == "citizen" }.map(\.1)
        if citizen.count == state.citizenTurns + 1, citizen.last == text {
            state.citizenTurns += 1
            let lastCitizen = entries.lastIndex { $0.0 == "citizen" } ?? 0
            let replies = entries[(lastCitizen + 1)...].map(\.1)
            if let reference = replies.lazy.compactMap(Self.reference(in:)).first {
                await router.interrupted(stored: true, submission: true)
                state.recovery = "„\(text)“ stored with \(reference), unanswered"
                return ["reference": reference]
            }
            await router.interrupted(stored: true, submission: false)
            state.recovery = "„\(text)“ stored, unanswered"
        } else if citizen.count == state.citizenTurns {
            await router.interrupted(stored: false, submission: false)
            state.recovery = "„\(text)“ not stored"
            // Nothing stored yet: the conversation is as new, and its first message is sent again.
            if state.citizenTurns == 0 { return try await say(text, &state) }
        } else {
            throw Stuck(description: "conversation \(number): \(citizen.count) citizen turns stored, the client knows \(state.citizenTurns)")
        }
        let turn = try await say("hilfe", &state)
        guard let field = (turn["expecting"] as? [String: Any])?["field"] as? String else {
            throw Stuck(description: "conversation \(number): after the kill the form waits for nothing: \(turn)")
        }
        state.recovery = (state.recovery ?? "") + ", then asks for \(field)"
        return turn
    }

    /// A reference number such as MS-2026-000042 in `text`.
    private static func reference(in text: String) -> String? {
        text.range(of: #"[A-Z]+-[0-9]{4}-[0-9]{6}"#, options: .regularExpression).map { String(text[$0]) }
    }

    /// The body of `response` as a JSON object, when its status is `status`.
    private static func object(_ response: (status: Int, body: Data), status: Int, number: Int) throws -> [String: Any] {
        let body = String(decoding: response.body, as: UTF8.self)
        guard response.status == status, let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any] else {
            throw Stuck(description: "conversation \(number): status \(response.status), \(body)")
        }
        return object
    }
}
