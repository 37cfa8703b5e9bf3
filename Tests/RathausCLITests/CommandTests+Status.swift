import Foundation
import Testing

/// `rathaus status`: a clerk reports steps and reads the timeline, under the API's rules.
extension CommandTests {
    @Test("status shows the timeline; set stores a step with note and documents; an impossible step is refused and not stored")
    func clerkStatus() throws {
        let database = BinaryRunner.temporaryDatabase()
        let chat = try BinaryRunner.run(["chat", "--json", "--database", database], input: Self.sperrmuell)
        #expect(chat.status == 0, "\(chat.standardError)")
        let last = try #require(chat.standardOutput.split(separator: "\n").last)
        let reference = try #require((try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])?["reference"] as? String)
        let early = try BinaryRunner.run(["status", reference, "set", "approved", "--database", database])
        #expect(early.status == 1)
        #expect(early.standardError.contains("Nicht gespeichert"))
        #expect(try BinaryRunner.run(["status", reference, "set", "received", "--database", database]).status == 0)
        let request = try BinaryRunner.run([
            "status", reference, "set", "documents_requested", "--document", "foto:Foto der Gegenstände", "--note", "Bitte von vorn.",
            "--expected-by", "2027-01-15", "--database", database,
        ])
        #expect(request.status == 0, "\(request.standardError)")
        let shown = try BinaryRunner.run(["status", reference, "--database", database])
        #expect(shown.status == 0)
        #expect(shown.standardOutput.contains("Eingegangen bei der Stelle"))
        #expect(shown.standardOutput.contains("Unterlagen nachgefordert: Foto der Gegenstände – „Bitte von vorn.“"))
        #expect(!shown.standardOutput.contains("Bewilligt"), "the refused step was not stored")
        let wrong = try BinaryRunner.run(["status", reference, "set", "finished", "--database", database])
        #expect(wrong.status != 0)
        #expect(wrong.standardError.contains("received, in_progress"))
    }

    @Test("chat tells the submitting conversation once what the department asks for; datei: sends a PNG and refuses a ZIP named .png")
    func documentsInTheTerminal() throws {
        let database = BinaryRunner.temporaryDatabase()
        let chat = try BinaryRunner.run(["chat", "--json", "--database", database], input: Self.sperrmuell)
        let last = try #require(chat.standardOutput.split(separator: "\n").last)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
        let reference = try #require(object["reference"] as? String)
        let conversation = try #require(object["conversation"] as? String)
        #expect(try BinaryRunner.run(["status", reference, "set", "received", "--database", database]).status == 0)
        let request = try BinaryRunner.run([
            "status", reference, "set", "documents_requested", "--document", "foto:Foto der Gegenstände", "--database", database,
        ])
        #expect(request.status == 0, "\(request.standardError)")
        let folder = URL(fileURLWithPath: database).deletingLastPathComponent()
        let zip = folder.appendingPathComponent("foto.png"), png = folder.appendingPathComponent("echt.png")
        try (Data([0x50, 0x4B, 0x03, 0x04]) + Data(repeating: 0, count: 64)).write(to: zip)
        try (Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(repeating: 9, count: 64)).write(to: png)
        let resumed = try BinaryRunner.run(
            ["chat", "--database", database, "--resume", conversation], input: "hallo\nwie geht es\ndatei: \(zip.path)\ndatei: \(png.path)\n")
        let output = resumed.standardOutput
        #expect(output.components(separatedBy: "bittet die zuständige Stelle um diese Unterlagen").count == 2, "told once: \(output)")
        #expect(output.contains("• Foto der Gegenstände"))
        #expect(output.contains("kein PDF, JPEG oder PNG"))
        #expect(output.contains("Danke! „Foto der Gegenstände“ zu Ihrem Antrag \(reference) ist gespeichert"))
        let shown = try BinaryRunner.run(["status", reference, "--database", database])
        #expect(shown.standardOutput.contains("prüft die Unterlagen, die Sie gesendet haben"))
    }

    @Test("after submitting, 'ja' to the e-mail offer queues an e-mail for each later step (deliveries list shows it)")
    func emailConsent() throws {
        let database = BinaryRunner.temporaryDatabase()
        let chat = try BinaryRunner.run(["chat", "--json", "--database", database], input: Self.sperrmuell + "ja\n")
        let lines = chat.standardOutput.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let submitted = try #require(lines.first { $0["reference"] != nil })
        let reference = try #require(submitted["reference"] as? String)
        #expect((submitted["replies"] as? [String])?.last?.contains("Möchten Sie eine E-Mail an anna@example.org") == true)
        #expect((submitted["expecting"] as? [String: Any])?["field"] as? String == "benachrichtigung")
        #expect((lines.last?["replies"] as? [String])?.joined().contains("Sie bekommen eine E-Mail an anna@example.org") == true)
        #expect(try BinaryRunner.run(["status", reference, "set", "received", "--database", database]).status == 0)
        let list = try BinaryRunner.run(["deliveries", "list", "--database", database])
        #expect(list.standardOutput.contains("notification.email  pending  smtp"), "\(list.standardOutput)")
    }
}
