import Crypto
import Foundation
import RathausCatalog
import RathausTestSupport
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

    /// The Baumfällung dialog as a citizen types it, up to and with the confirmation, without a photo.
    static let baumfaellung =
        [
            "ich möchte einen Baum fällen", "ja", "Birkenweg 7", "12346", "Peter Schmitz", "ja", "ja", "eine Rotbuche", "180", "krank",
            "überspringen", "Die Buche ist von einem Pilz befallen und innen morsch.", "p.schmitz@example.de", "überspringen", "ja",
        ].joined(separator: "\n") + "\n"

    @Test("terminal: Baumfällung filed, the department asks for a photo, a ZIP named .png is refused, the PNG arrives verified with its hash")
    func baumfaellungPhoto() throws {
        let receiver = try Receiver()
        let config = try Self.writeConfiguration(for: receiver)
        let database = BinaryRunner.temporaryDatabase()
        let chat = try BinaryRunner.run(["chat", "--json", "--database", database], input: Self.baumfaellung)
        let lines = chat.standardOutput.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let submitted = try #require(lines.first { $0["reference"] != nil }, "\(chat.standardOutput)")
        let reference = try #require(submitted["reference"] as? String)
        let conversation = try #require(submitted["conversation"] as? String)
        for step in [["received"], ["documents_requested", "--document", "foto:Foto des Baums"]] {
            #expect(try BinaryRunner.run(["status", reference, "set"] + step + ["--database", database]).status == 0)
        }
        let folder = URL(fileURLWithPath: database).deletingLastPathComponent()
        let zip = folder.appendingPathComponent("foto.png"), png = folder.appendingPathComponent("baum.png")
        let pngBytes = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data((0..<512).map { UInt8($0 % 199) })
        try (Data([0x50, 0x4B, 0x03, 0x04]) + Data(repeating: 0, count: 64)).write(to: zip)
        try pngBytes.write(to: png)
        let resumed = try BinaryRunner.run(
            ["chat", "--database", database, "--resume", conversation], input: "hallo\ndatei: \(zip.path)\ndatei: \(png.path)\n")
        #expect(resumed.standardOutput.contains("• Foto des Baums"))
        #expect(resumed.standardOutput.contains("Diese Datei ist kein PDF, JPEG oder PNG. Erlaubt sind PDF, JPEG und PNG bis 10 MB."))
        #expect(resumed.standardOutput.contains("„Foto des Baums“ zu Ihrem Antrag \(reference) ist gespeichert"))
        let deliver = try BinaryRunner.run(["deliver", "--once", "--config", config, "--database", database])
        #expect(deliver.status == 0, "\(deliver.standardError)")
        let entries = try receiver.entries()
        #expect(entries.allSatisfy { $0.valid }, "\(entries.compactMap(\.error))")
        let bodies = entries.compactMap { try? JSONSerialization.jsonObject(with: Data($0.body.utf8)) as? [String: Any] }
        let documents = try #require(bodies.first { $0["type"] as? String == "application.documents_submitted" })
        let file = try #require((documents["documents"] as? [[String: Any]])?.first)
        #expect(file["label"] as? String == "Foto des Baums")
        #expect(file["sha256"] as? String == SHA256.hash(data: pngBytes).hexString)
        let encoded = try #require(file["content_base64"] as? String)
        #expect(Data(base64Encoded: encoded) == pngBytes)
        #expect(bodies.filter { $0["type"] as? String == "application.documents_submitted" }.count == 1, "the ZIP never left")
    }
}
