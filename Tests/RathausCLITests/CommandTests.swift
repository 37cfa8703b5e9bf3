import Foundation
import RathausCatalog
import RathausDialog
import RathausTestSupport
import Testing

@Suite("The rathaus binary", .serialized)
struct CommandTests {
    static let catalog = try! CatalogLoader(directory: BinaryRunner.repositoryRoot).load()

    @Test("piped chat greets, answers the passport fee, and says goodbye")
    func pipedChat() throws {
        let output = try BinaryRunner.run(
            ["chat", "--database", BinaryRunner.temporaryDatabase()], input: "Hallo\nWas kostet ein Reisepass?\ntschüss\n")
        #expect(output.status == 0, "\(output.standardError)")
        let greeting = try #require(Self.catalog.intent("begruessung")?.answer)
        let goodbye = try #require(Self.catalog.intent("verabschiedung")?.answer)
        let text = output.standardOutput
        let greetingRange = try #require(text.range(of: AnswerTemplate.render(greeting, departments: Self.catalog.departments)))
        let feeRange = try #require(text.range(of: "70,00 Euro"))
        let goodbyeRange = try #require(text.range(of: AnswerTemplate.render(goodbye, departments: Self.catalog.departments)))
        #expect(greetingRange.upperBound <= feeRange.lowerBound)
        #expect(feeRange.upperBound <= goodbyeRange.lowerBound)
        #expect(!text.contains("Willkommen"), "the terminal welcome is only for terminals")
    }

    @Test("chat --json writes exactly one JSON object per input line")
    func jsonChat() throws {
        let output = try BinaryRunner.run(
            ["chat", "--json", "--database", BinaryRunner.temporaryDatabase()],
            input: "Hallo\nwie wird das wetter morgen\nsperrmüll anmelden\nja\n")
        #expect(output.status == 0)
        let lines = output.standardOutput.split(separator: "\n")
        #expect(lines.count == 4)
        let objects = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects.map { $0["intent"] as? String } == ["begruessung", nil, "sperrmuell-anmelden", "sperrmuell-anmelden"])
        #expect(objects[1]["intent"] is NSNull)
        let conversations = Set(objects.compactMap { $0["conversation"] as? String })
        #expect(conversations.count == 1)
        #expect(objects.allSatisfy { ($0["replies"] as? [String])?.isEmpty == false })
        #expect(objects.map { $0["state"] as? String } == ["idle", "idle", "idle", "form"], "the answer offers the form; \"ja\" starts it")
        let expecting = try #require(objects[3]["expecting"] as? [String: Any])
        #expect(expecting["field"] as? String == "einwilligung", "the privacy notice comes before the first personal field")
        #expect(objects[3]["form"] as? String == "sperrmuell-anmelden")
    }

    @Test("ask --json prints the contract's keys")
    func askJSON() throws {
        let output = try BinaryRunner.run(["ask", "Was kostet ein Reisepass?", "--json"])
        #expect(output.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        #expect(object["intent"] as? String == "reisepass-beantragen")
        #expect((object["confidence"] as? Double ?? 0) > 0)
        #expect(object["alternatives"] is [Any])
        #expect((object["answer"] as? String)?.contains("70,00 Euro") == true)
    }

    @Test("ask --words tells how each word was read: a typo set right, a stem, the parts of a compound")
    func askWords() throws {
        let output = try BinaryRunner.run(["ask", "--words", "Hundesteueranmeldung personalauswies"])
        #expect(output.status == 0)
        let lines = output.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "hundesteuranmeldung (Stamm hundesteuranmeld; Teile hundesteur + anmeld)", "folded: ue after u is an umlaut")
        #expect(lines.count > 1 && lines[1] == "personalauswies → personalausweis (Stamm personalausweis)")
        let json = try BinaryRunner.run(["ask", "--words", "--json", "personalauswies"])
        #expect(json.standardError.contains("personalauswies → personalausweis"), "with --json the words go to standard error")
        #expect((try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]) != nil)
    }

    @Test("check exits 0 with the counts on the shipped catalogue")
    func checkShipped() throws {
        let output = try BinaryRunner.run(["check"])
        #expect(output.status == 0)
        #expect(output.standardOutput.contains("11 Stellen, 47 Intents, 40 Leistungen"))
    }

    @Test("check exits 1 on a broken copy and names file and line of each problem")
    func checkBroken() throws {
        let copy = TestFolder.run.appendingPathComponent("rathaus-broken-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        for folder in ["Intents", "Knowledge"] {
            try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: BinaryRunner.repositoryRoot.appendingPathComponent(folder),
                to: copy.appendingPathComponent(folder))
        }
        let entry = copy.appendingPathComponent("Knowledge/reisepass-beantragen.yaml")
        var text = try String(contentsOf: entry, encoding: .utf8)
        text = text.replacingOccurrences(of: "zustaendige_stelle: einwohnermeldeamt", with: "zustaendige_stelle: passamt")
        try text.write(to: entry, atomically: true, encoding: .utf8)
        try "intents:\n  - id: begruessung\n    answer: Hallo\n    examples: [hallo]\n"
            .write(to: copy.appendingPathComponent("Intents/zz-doppelt.yaml"), atomically: true, encoding: .utf8)

        let output = try BinaryRunner.run(["check", "--catalog", copy.path])
        #expect(output.status == 1)
        let line = text.components(separatedBy: "\n").firstIndex { $0.hasPrefix("zustaendige_stelle:") }! + 1
        #expect(output.standardOutput.contains("Knowledge/reisepass-beantragen.yaml:\(line): Die Stelle 'passamt'"))
        #expect(output.standardOutput.contains("Intents/zz-doppelt.yaml:2: Die id 'begruessung' ist schon in Intents/"))

        let json = try BinaryRunner.run(["check", "--catalog", copy.path, "--json"])
        #expect(json.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(object["ok"] as? Bool == false)
        #expect((object["problems"] as? [[String: Any]])?.count == 2)
    }

    @Test("eval --json on the project's set prints the contract's figures")
    func evalJSON() throws {
        let output = try BinaryRunner.run(["eval", "Tests/Evaluation/evaluation.jsonl", "--json"])
        #expect(output.status == 0, "\(output.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        for key in ["in_scope_accuracy", "oos_recall", "oos_precision", "false_rejection_rate", "total", "per_intent", "confusions"] {
            #expect(object[key] != nil, "\(key)")
        }
        #expect((object["total"] as? Int ?? 0) >= 200)
    }

    @Test("a command on a catalogue with errors exits 1 and says so on standard error")
    func brokenCatalogueRefused() throws {
        let empty = TestFolder.run.appendingPathComponent("rathaus-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let output = try BinaryRunner.run(["ask", "hallo", "--catalog", empty.path])
        #expect(output.status == 1)
        #expect(output.standardError.contains("Intents"))
    }
}
