import Foundation
import RathausStore
import RathausTestSupport
import Testing

/// Two `rathaus serve` processes on one PostgreSQL, as two instances behind a reverse proxy.
extension CommandTests {
    /// What a citizen answers to each field of the Sperrmüll form.
    static let sperrmuellAnswers: [String: String] = [
        "einwilligung": "ja", "name": "Anna Müller", "abholadresse": "Hauptstraße 5", "plz": "12345",
        "gegenstaende": "1 Sofa, 2 Matratzen", "menge": "2", "elektrogeraete": "nein", "wunschtermin": "überspringen",
        "email": "anna@example.org", "telefon": "überspringen", "absenden": "ja",
    ]

    @Test("two serve processes on one PostgreSQL: one conversation's turns alternate between them to a submitted form, stored once, delivered once")
    func twoInstancesOnePostgreSQL() async throws {
        let database = try PostgresServer.shared().makeDatabase()
        let receiver = try Receiver()
        let config = try Self.writeConfiguration(for: receiver)
        let first = try LiveServer(["--database", database, "--config", config])
        defer { first.stop() }
        let second = try LiveServer(["--database", database, "--config", config])
        defer { second.stop() }
        let servers = [first, second]

        let started = try await first.object("/api/v1/conversations", method: "POST")
        let id = try #require(started["id"] as? String), token = try #require(started["token"] as? String)
        let path = "/api/v1/conversations/\(id)/messages"
        var turn = try await second.object(path, method: "POST", json: ["text": "ich will sperrmüll anmelden"], token: token)
        var number = 0
        while turn["reference"] == nil, number < 20 {
            let field = try #require((turn["expecting"] as? [String: Any])?["field"] as? String, "\(turn)")
            let answer = try #require(Self.sperrmuellAnswers[field], "no answer for \(field)")
            turn = try await servers[number % 2].object(path, method: "POST", json: ["text": answer], token: token)
            number += 1
        }
        let reference = try #require(turn["reference"] as? String, "\(turn)")
        #expect(number >= 6, "the form took turns on both servers")

        // Both servers run a delivery worker on the one outbox: the application goes out once.
        let store = try ConversationStore(path: database)
        #expect(try store.applications().map(\.reference) == [reference], "stored once")
        // The worker's first pass may come late on a busy machine; 60 s bounds the wait, not the test.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, try store.deliveries(status: "delivered").isEmpty { try await Task.sleep(for: .milliseconds(200)) }
        try await Task.sleep(for: .seconds(2))
        let received = try receiver.entries()
        #expect(received.count == 1 && received.first?.reference == reference, "delivered once: \(received.count)")
        #expect(try store.deliveries(status: "delivered").map(\.reference) == [reference])
        // The transcript holds every turn, whichever server answered it.
        let transcript = try await first.object("/api/v1/conversations/\(id)", token: token)
        let citizen = (transcript["transcript"] as? [[String: Any]] ?? []).filter { $0["speaker"] as? String == "citizen" }
        #expect(citizen.count == number + 1)
    }
}
