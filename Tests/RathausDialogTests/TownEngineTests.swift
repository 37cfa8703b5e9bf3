import Foundation
import RathausCatalog
import RathausDialog
import RathausTestSupport
import RathausUnderstanding
import Testing

/// A town's engine over a shared one: the shared matcher reused, the town's own intents and
/// synonyms added, the services it does not offer said so.
@Suite("Town engines")
struct TownEngineTests {
    /// The shared catalogue's engine and a town over it with its own service, synonym and a withdrawn service.
    static func engines(withdrawn: [String] = []) throws -> (shared: ChatEngine, town: ChatEngine, cleanUp: () -> Void) {
        let base = try CatalogFixture()
        let town = try TownFixture(over: base.directory, withdrawn: withdrawn, files: TownFixture.ownService)
        let shared = try ChatEngine(catalog: try CatalogLoader(directory: base.directory).load())
        let engine = ChatEngine(town: try CatalogLoader(directory: town.directory).load(), sharing: shared)
        return (
            shared, engine,
            {
                base.remove()
                town.remove()
            }
        )
    }

    @Test("the town's own intent is recognised beside the shared ones, and its synonym widens a message")
    func ownIntents() throws {
        let (shared, town, cleanUp) = try Self.engines()
        defer { cleanUp() }
        #expect(town.matcher.addsTownIntents)
        #expect(town.matcher.threshold == shared.matcher.threshold, "the shared calibration is reused")
        #expect(town.matcher.match("grillplatz reservieren").intent == "grillplatz-reservieren")
        #expect(town.matcher.match("wo darf man im stadtpark grillen").intent == "grillplatz-reservieren")
        #expect(town.matcher.match("grillwiese").intent == "grillplatz-reservieren", "the town's synonym adds 'Grillplatz'")
        #expect(town.matcher.match("was kostet ein reisepass").intent == "reisepass-beantragen")
        #expect(town.matcher.match("bin umgezogen wo melde ich mich an").intent == "wohnsitz-anmelden")
        #expect(shared.matcher.match("grillplatz reservieren").intent != "grillplatz-reservieren", "the shared matcher is unchanged")
        #expect(town.matcher.rank("grillplatz reservieren").first?.intent == "grillplatz-reservieren")
    }

    @Test("a town that adds no intent and no word uses the shared matcher itself")
    func sharedMatcher() throws {
        let base = try CatalogFixture()
        let town = try TownFixture(over: base.directory)
        defer {
            base.remove()
            town.remove()
        }
        let shared = try ChatEngine(catalog: try CatalogLoader(directory: base.directory).load())
        let engine = ChatEngine(town: try CatalogLoader(directory: town.directory).load(), sharing: shared)
        #expect(engine.matcher === shared.matcher)
        #expect(engine.catalog.town.name == "Beispielstadt")
    }

    @Test("a shared service the town does not offer is said so, and its form is not started")
    func withdrawnService() throws {
        let (_, town, cleanUp) = try Self.engines(withdrawn: ["reisepass-beantragen"])
        defer { cleanUp() }
        var session = ChatSession(engine: town, snapshot: .init(id: "c1"))
        let reply = session.respond(to: Utterance("reisepass beantragen")).replies.joined(separator: "\n")
        #expect(reply.contains("bietet die Stadt Beispielstadt nicht an"))
        #expect(!reply.contains("70,00 Euro"))
        #expect(session.dialog == nil)
        let other = session.respond(to: Utterance("bin umgezogen wo melde ich mich an")).replies.joined()
        #expect(other.contains("Wohnsitz anmelden"))
    }
}
