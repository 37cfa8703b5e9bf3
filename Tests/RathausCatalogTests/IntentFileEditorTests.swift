import Foundation
import RathausTestSupport
import Testing

@testable import RathausCatalog

@Suite("Adding examples to intent files")
struct IntentFileEditorTests {
    static let services = """
        # Services of the Bürgeramt.
        intents:
          - id: reisepass-beantragen
            examples:
              - reisepass beantragen
              # fees
              - was kostet ein reisepass
              - neuer pass fuer den urlaub
              - kinderreisepass
          - id: wohnsitz-anmelden   # after a move
            examples:
              - wohnung anmelden
              - bin umgezogen wo melde ich mich an
              - ummelden nach umzug
        """

    static func fixture(_ extra: [String: String?] = [:]) throws -> CatalogFixture {
        try CatalogFixture(changes: ["Intents/dienste.yaml": Self.services].merging(extra) { $1 })
    }

    static func lines(_ fixture: CatalogFixture, _ file: String) throws -> [String] {
        try String(contentsOf: fixture.directory.appendingPathComponent(file), encoding: .utf8).components(separatedBy: "\n")
    }

    @Test("a new example is one line after the intent's last example; comments, order and the other intents stay")
    func oneLine() throws {
        let fixture = try Self.fixture()
        defer { fixture.remove() }
        let before = try Self.lines(fixture, "Intents/dienste.yaml")
        let catalog = try CatalogLoader(directory: fixture.directory).load()
        let editor = IntentFileEditor(directory: fixture.directory)
        let location = try editor.add("pass verloren im urlaub", to: .intent("reisepass-beantragen"), in: catalog)
        #expect(location == SourceLocation(file: "Intents/dienste.yaml", line: 10))
        var after = try Self.lines(fixture, "Intents/dienste.yaml")
        #expect(after[9] == "      - pass verloren im urlaub")
        after.remove(at: 9)
        #expect(after == before, "only the new line differs")
        let reloaded = try CatalogLoader(directory: fixture.directory).load()
        #expect(reloaded.intents.first { $0.id == "reisepass-beantragen" }?.examples.last == "pass verloren im urlaub")
    }

    @Test("text YAML would read differently is quoted; the catalogue reads it back exactly")
    func quoted() throws {
        let fixture = try Self.fixture()
        defer { fixture.remove() }
        let editor = IntentFileEditor(directory: fixture.directory)
        for text in ["frage: was kostet # ein pass", "ja", "2027", "\"umzug\" melden"] {
            let catalog = try CatalogLoader(directory: fixture.directory).load()
            _ = try editor.add(text, to: .intent("wohnsitz-anmelden"), in: catalog)
            let reloaded = try CatalogLoader(directory: fixture.directory).load()
            #expect(reloaded.intents.first { $0.id == "wohnsitz-anmelden" }?.examples.last == text)
        }
        #expect(try Self.lines(fixture, "Intents/dienste.yaml").contains("      - \"frage: was kostet # ein pass\""))
    }

    @Test("out of scope goes to the out_of_scope list; a text already there is not written again")
    func outOfScopeAndDuplicates() throws {
        let outOfScope = "# Not the town's business.\nout_of_scope:\n  - wetter morgen\n  - rezept für lasagne\n"
        let fixture = try Self.fixture(["Intents/ausserhalb.yaml": outOfScope])
        defer { fixture.remove() }
        let catalog = try CatalogLoader(directory: fixture.directory).load()
        let editor = IntentFileEditor(directory: fixture.directory)
        let location = try editor.add("wer wird meister", to: .outOfScope, in: catalog)
        #expect(location == SourceLocation(file: "Intents/ausserhalb.yaml", line: 5))
        #expect(try Self.lines(fixture, "Intents/ausserhalb.yaml")[4] == "  - wer wird meister")
        let unchanged = try Data(contentsOf: fixture.directory.appendingPathComponent("Intents/dienste.yaml"))
        #expect(try editor.add("Kinderreisepass", to: .intent("reisepass-beantragen"), in: catalog) == nil)
        #expect(try Data(contentsOf: fixture.directory.appendingPathComponent("Intents/dienste.yaml")) == unchanged)
    }

    @Test("an unknown intent and an examples list in brackets are refused with a reason, nothing written")
    func refusals() throws {
        let fixture = try Self.fixture([
            "Intents/dienste.yaml": Self.services.replacingOccurrences(
                of: "    examples:\n      - wohnung anmelden\n      - bin umgezogen wo melde ich mich an\n      - ummelden nach umzug",
                with: "    examples: [wohnung anmelden, ummelden nach umzug]")
        ])
        defer { fixture.remove() }
        let catalog = try CatalogLoader(directory: fixture.directory).load()
        let editor = IntentFileEditor(directory: fixture.directory)
        let before = try Data(contentsOf: fixture.directory.appendingPathComponent("Intents/dienste.yaml"))
        #expect(throws: IntentFileEditor.EditError.self) { try editor.add("umzug", to: .intent("gibtsnicht"), in: catalog) }
        let flow = #expect(throws: IntentFileEditor.EditError.self) { try editor.add("umzug melden", to: .intent("wohnsitz-anmelden"), in: catalog) }
        #expect(flow?.description.contains("Intents/dienste.yaml:11") == true, "\(String(describing: flow))")
        #expect(try Data(contentsOf: fixture.directory.appendingPathComponent("Intents/dienste.yaml")) == before)
    }
}
