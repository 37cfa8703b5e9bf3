import Crypto
import Foundation
import RathausTestSupport
import Testing

/// A form's `document` field in `rathaus chat`: the file is sent with `datei: PFAD`, checked by its
/// first bytes, and reaches the department with the application.
extension CommandTests {
    @Test("terminal: the Baumfällung form asks for a photo; a ZIP named .png and a PDF are refused, the PNG goes with the application")
    func formPhoto() throws {
        let receiver = try Receiver()
        let config = try Self.writeConfiguration(for: receiver)
        let database = BinaryRunner.temporaryDatabase()
        let folder = URL(fileURLWithPath: database).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let zip = folder.appendingPathComponent("foto.png"), pdf = folder.appendingPathComponent("plan.pdf")
        let png = folder.appendingPathComponent("baum.png")
        let pngBytes = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data((0..<700).map { UInt8($0 % 211) })
        try (Data([0x50, 0x4B, 0x03, 0x04]) + Data(repeating: 0, count: 64)).write(to: zip)
        try (Data("%PDF-1.7\n".utf8) + Data(repeating: 0x20, count: 64)).write(to: pdf)
        try pngBytes.write(to: png)
        let lines = [
            "ich möchte einen Baum fällen", "ja", "Birkenweg 7", "12346", "Peter Schmitz", "ja", "ja", "eine Rotbuche", "180", "krank",
            "hier ist es", "datei: \(zip.path)", "datei: \(pdf.path)", "datei: \(png.path)",
            "Die Buche ist von einem Pilz befallen und innen morsch.", "p.schmitz@example.de", "überspringen", "ja",
        ]
        let chat = try BinaryRunner.run(["chat", "--json", "--database", database], input: lines.joined(separator: "\n") + "\n")
        #expect(chat.status == 0, "\(chat.standardError)")
        let turns = chat.standardOutput.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let replies = turns.map { (($0["replies"] as? [String]) ?? []).joined(separator: "\n") }
        try #require(turns.count == lines.count, "\(chat.standardOutput)")
        #expect((turns[9]["expecting"] as? [String: Any])?["type"] as? String == "document")
        #expect(replies[9].contains("Haben Sie ein Foto des Baums?") && replies[9].contains("datei:"))
        #expect(replies[10].contains("Hier brauche ich eine Datei."), "typed text is no photo: \(replies[10])")
        #expect(replies[11] == "Diese Datei ist kein JPEG oder PNG. Erlaubt sind JPEG und PNG bis 10 MB.")
        #expect(replies[12] == "Diese Datei ist kein JPEG oder PNG. Erlaubt sind JPEG und PNG bis 10 MB.", "a PDF is no photo")
        #expect(replies[13].contains("„Foto des Baums“ ist da (PNG-Datei, 1 KB)"))
        #expect(replies[13].contains("Beschreiben Sie bitte kurz"))
        #expect(replies[16].contains("• Foto des Baums: PNG-Datei, 1 KB"), "the summary names the photo: \(replies[16])")
        let reference = try #require(turns.last?["reference"] as? String, "\(replies.last ?? "")")

        let deliver = try BinaryRunner.run(["deliver", "--once", "--config", config, "--database", database])
        #expect(deliver.status == 0, "\(deliver.standardError)")
        let entries = try receiver.entries()
        #expect(entries.count == 2 && entries.allSatisfy { $0.valid }, "\(entries.compactMap(\.error))")
        let bodies = entries.compactMap { try? JSONSerialization.jsonObject(with: Data($0.body.utf8)) as? [String: Any] }
        let application = try #require(bodies.first { $0["type"] as? String == "application.submitted" })
        let field = try #require((application["data"] as? [String: Any])?["foto"] as? [String: Any], "\(application)")
        #expect(field["sha256"] as? String == SHA256.hash(data: pngBytes).hexString)
        #expect(field["media_type"] as? String == "image/png" && field["size"] as? Int == pngBytes.count)
        let documents = try #require(bodies.first { $0["type"] as? String == "application.documents_submitted" })
        #expect(documents["reference"] as? String == reference)
        let file = try #require((documents["documents"] as? [[String: Any]])?.first)
        #expect(file["id"] as? String == field["document_id"] as? String, "the payload's document id names the file delivered")
        #expect(file["requested_id"] as? String == "foto" && file["label"] as? String == "Foto des Baums")
        #expect(Data(base64Encoded: try #require(file["content_base64"] as? String)) == pngBytes)
    }
}
