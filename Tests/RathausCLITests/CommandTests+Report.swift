import Foundation
import RathausStore
import Testing

/// `rathaus chat` takes „nicht hilfreich“ as feedback; `rathaus report` over conversations run with
/// `rathaus chat`, as JSON and HTML, and the HTML in a real browser.
extension CommandTests {
    /// The conversations of `Tests/Report/conversations.txt`, one list of lines each.
    static func reportConversations() throws -> [[String]] {
        let url = BinaryRunner.repositoryRoot.appendingPathComponent("Tests/Report/conversations.txt")
        let blocks = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n\n")
        return blocks.map { block in
            block.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        }.filter { !$0.isEmpty }
    }

    @Test("chat: „nicht hilfreich“ is stored with the answer before it and counted in the conversation")
    func feedbackInChat() throws {
        let database = BinaryRunner.temporaryDatabase()
        let output = try BinaryRunner.run(
            ["chat", "--json", "--database", database], input: "Was kostet ein Reisepass?\nnicht hilfreich\nWas kostet ein Personalausweis?\n")
        #expect(output.status == 0, "\(output.standardError)")
        let lines = try output.standardOutput.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(lines.map { $0["rateable"] as? Bool } == [true, nil, true])
        #expect((lines[1]["replies"] as? [String])?.first?.contains("Danke für Ihre Rückmeldung") == true)
        let id = try #require(lines[0]["conversation"] as? String)
        let store = try ConversationStore(path: database)
        #expect(try store.feedback(of: id) == [false, nil, nil])
        #expect(try store.snapshot(id: id)?.unhelpfulAnswersInARow == 1)
    }

    @Test("report: JSON and HTML over conversations run with rathaus chat; no personal data; every chart with its table in Chromium")
    func report() throws {
        let database = BinaryRunner.temporaryDatabase()
        for conversation in try Self.reportConversations() {
            let chat = try BinaryRunner.run(["chat", "--database", database], input: conversation.joined(separator: "\n") + "\n")
            #expect(chat.status == 0, "\(chat.standardError)")
        }
        let html = URL(fileURLWithPath: database).deletingLastPathComponent().appendingPathComponent("bericht.html")
        let output = try BinaryRunner.run(["report", "--database", database, "--json", "--html", html.path])
        #expect(output.status == 0, "\(output.standardError)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        let forms = try #require(report["forms"] as? [[String: Any]])
        let sperrmuell = try #require(forms.first { $0["id"] as? String == "sperrmuell-anmelden" })
        #expect(sperrmuell["started"] as? Int == 3)
        #expect(sperrmuell["submitted"] as? Int == 1)
        #expect(sperrmuell["most_left_at"] as? String == "plz")
        let groups = try #require(report["unanswered_groups"] as? [[String: Any]])
        #expect(groups.count == 1)
        #expect(groups.first?["conversations"] as? Int == 3)
        let page = try String(contentsOf: html, encoding: .utf8)
        for secret in ["0171", "2345678", "max.mustermann", "DE89", "3704", "mondlandung"] {
            #expect(!output.standardOutput.contains(secret), "JSON contains \(secret)")
            #expect(!page.contains(secret), "HTML contains \(secret)")
        }

        let (status, text) = try BrowserScript.run("test_report.py", [html.path])
        #expect(status == 0, "browser test of the report failed (needs chromium, chromium-driver, selenium):\n\(text)")
    }

    @Test("report: --since after --until is refused with a sentence naming the options")
    func reportPeriodRefused() throws {
        let output = try BinaryRunner.run(
            ["report", "--database", BinaryRunner.temporaryDatabase(), "--since", "2026-12-01", "--until", "2026-11-01"])
        #expect(output.status != 0)
        #expect(output.standardError.contains("--since"))
    }
}
