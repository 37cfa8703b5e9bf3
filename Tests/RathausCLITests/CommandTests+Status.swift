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
}
